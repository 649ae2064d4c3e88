import ArgumentParser
import Build
import Foundation

/// `sitegen check`: everything wrong with the input and the site it builds, in one list.
struct Check: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Report bad corpus records, duplicates, unrated outlets, articles that joined no story, and broken links or missing assets in the built site.",
        discussion: "Builds into a temporary folder: Public/ is not touched. Exits 1 when anything is reported, unless --warn-only."
    )

    @OptionGroup var site: SiteOptions

    @Flag(name: .customLong("warn-only"), help: "Report, but exit 0.")
    var warnOnly = false

    @Flag(name: .shortAndLong, help: "List every item, not only the first 20 of each kind.")
    var verbose = false

    func run() throws {
        let options = BuildOptions(root: site.root, output: site.output, baseURL: site.baseURL)
        let report: CheckReport
        do { report = try SiteCheck.run(options) } catch {
            Report.error("\(error)")
            throw ExitCode.failure
        }
        func section(_ title: String, _ items: [String]) {
            guard !items.isEmpty else { return }
            print("\(title) (\(items.count)):")
            for item in verbose ? items : Array(items.prefix(20)) { print("  \(item)") }
            if !verbose && items.count > 20 { print("  … and \(items.count - 20) more (--verbose lists all)") }
        }
        section("Corpus and input problems", report.diagnostics.map(\.description))
        section("Outlets without a rating (add them to Content/outlets.csv)", report.unratedOutlets)
        section("Articles that joined no story (grouped by similarity, alone)", report.loneArticles)
        section("Broken links and missing assets in the built site", report.links.map(\.description))
        section("Template names no page provides (they render empty)", report.unknownNames)
        let build = report.build
        print("Checked \(build.articles) articles, \(build.stories) stories, \(report.pages) pages: \(report.isClean ? "no problems" : "\(report.problemCount) problems")")
        if !report.isClean && !warnOnly { throw ExitCode.failure }
    }
}
