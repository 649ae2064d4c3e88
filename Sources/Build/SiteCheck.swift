import Corpus
import Foundation
import LinkCheck
import Output
import Render
import SiteModel
import Support

/// What `sitegen check` finds: the input's problems (bad records, duplicates), outlets the ratings
/// table does not rate, articles that joined no story, and the built site's broken links and
/// missing assets. Each list is empty on a healthy site.
public struct CheckReport: Sendable {
    public var diagnostics: [Diagnostic] = []
    public var unratedOutlets: [String] = []
    /// Articles that were grouped by similarity and found no other article of their event.
    public var loneArticles: [String] = []
    public var links: [LinkChecker.Problem] = []
    /// Names a template uses that no page of the build provided ("Templates/story.mustache:
    /// {{titel}}"): they render empty.
    public var unknownNames: [String] = []
    public var pages = 0
    public var build = BuildReport()

    public var problemCount: Int { diagnostics.count + unratedOutlets.count + loneArticles.count + links.count + unknownNames.count }
    public var isClean: Bool { problemCount == 0 }
}

/// Builds the site into a temporary folder (the real output is not touched), then checks it.
public enum SiteCheck {
    public static func run(_ options: BuildOptions) throws -> CheckReport {
        var report = CheckReport()
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-check-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        var buildOptions = options
        buildOptions.output = scratch.path
        buildOptions.strict = false
        let keys = ContextKeys()
        buildOptions.templateKeys = keys
        let builder = SiteBuilder(options: buildOptions)
        let (files, build, model, paths) = try builder.render()
        _ = try OutputWriter.write(files, to: scratch.path)
        report.build = build
        report.diagnostics = build.diagnostics
        report.unratedOutlets = build.unratedOutlets
        report.loneArticles = model.stories.filter { $0.story.articles.count == 1 && $0.story.articles[0].article.storyKey == nil }
            .map { "\($0.story.articles[0].article.origin): \"\($0.story.articles[0].article.id)\" (\($0.story.title))" }
        report.unknownNames = keys.unknownNames().map { "Templates/\($0.in).mustache: {{\($0.name)}}" }
        let checked = LinkChecker(root: scratch.path, paths: paths).run()
        report.links = checked.problems
        report.pages = checked.pages
        return report
    }
}
