import ArgumentParser
import Build
import Corpus
import Foundation
import Stories
import Support

extension GroupingOptions.Mode: ExpressibleByArgument {}

/// `sitegen build`: the whole pipeline, then an atomic replacement of the output folder.
struct Build: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site into Public/ (replaced atomically; a failed build keeps the last good site).")

    @OptionGroup var site: SiteOptions

    @Flag(name: .long, help: "Fail (exit 1) on any problem in the input instead of reporting and skipping it.")
    var strict = false

    @Option(name: .long, help: ArgumentHelp("Threads for rendering (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Option(name: .customLong("group-by"), help: ArgumentHelp("How articles become stories: key (the story field only), similarity (text only), auto (key where given, similarity elsewhere). Default: grouping.by of site.yml, else auto.", valueName: "mode"))
    var groupBy: GroupingOptions.Mode?

    @Option(name: .customLong("export-markdown"), help: ArgumentHelp("Also write each story page's Markdown (with front matter) into this folder.", valueName: "dir"))
    var exportMarkdown: String?

    @Flag(name: .long, help: "Run the whole pipeline even when nothing changed since the last build (by default such a build only checks, and says the site is up to date).")
    var force = false

    @Flag(inversion: .prefixedNo, help: "Show each stage's progress (count, rate, seconds) on one line of standard error, rewritten in place. Default: only when standard error is a terminal (TERM set and not dumb).")
    var progress: Bool?

    @Flag(name: .shortAndLong, help: "Print every input problem, not only the first 20, and the time of each build stage.")
    var verbose = false

    func validate() throws {
        if let jobs, jobs < 1 { throw ValidationError("--jobs must be at least 1") }
    }

    func run() throws {
        var options = BuildOptions(root: site.root, output: site.output, baseURL: site.baseURL, strict: strict, jobs: jobs)
        options.groupBy = groupBy
        options.exportMarkdown = exportMarkdown
        options.force = force
        options.progress = BuildProgress.forBuild(forced: progress)
        let builder = SiteBuilder(options: options)
        do {
            let report: BuildReport
            do { report = try builder.build() } catch {
                options.progress?.cancel() // the error goes where the progress line was
                throw error
            }
            Report.diagnostics(report.diagnostics, verbose: verbose)
            Report.corpus(report)
            for note in report.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            print(report.summaryLine)
            if verbose {
                print("Stages: \(report.stagesLine)")
                print("Allocator: \(Allocator.inUse ?? "the C library's malloc (mimalloc is linked but not in use)")")
            }
            print("Site: \(report.outputPath)")
        } catch let error as BuildError {
            if case let .strict(list) = error { Report.diagnostics(list, verbose: true) }
            Report.error("\(error)")
            throw ExitCode.failure
        }
    }
}

/// Progress and problem output: problems on standard error, figures on standard output.
enum Report {
    static func error(_ message: String) {
        FileHandle.standardError.write(Data("error: \(message)\n".utf8))
    }

    static func diagnostics(_ list: [Diagnostic], verbose: Bool) {
        let shown = verbose ? list : Array(list.prefix(20))
        for d in shown {
            FileHandle.standardError.write(Data("\(d.severity.rawValue): \(d)\n".utf8))
        }
        if shown.count < list.count {
            FileHandle.standardError.write(Data("… and \(list.count - shown.count) more (run with --verbose to see all)\n".utf8))
        }
    }

    static func corpus(_ report: BuildReport) {
        let s = report.corpus
        var notes: [String] = []
        if s.skipped > 0 { notes.append("\(s.skipped) records skipped") }
        if s.skippedFiles > 0 { notes.append("\(s.skippedFiles) files skipped") }
        if s.undated > 0 { notes.append("\(s.undated) undated (\(s.impossibleDates) with impossible or unreadable dates; \(s.datesInferred) dated from their address or outlet's numbering)") }
        if s.withoutBody > 0 { notes.append("\(s.withoutBody) headline-only") }
        if s.withoutOutlet > 0 { notes.append("\(s.withoutOutlet) without outlet") }
        if s.outletsFromText > 0 { notes.append("\(s.outletsFromText) outlets named by their page's own text") }
        if !report.unratedOutlets.isEmpty { notes.append("\(report.unratedOutlets.count) outlets not in outlets.csv (unrated)") }
        if !notes.isEmpty { FileHandle.standardError.write(Data("Corpus: \(notes.joined(separator: ", "))\n".utf8)) }
    }
}
