import ArgumentParser
import Build
import Foundation

/// `sitegen verify-incremental`: random edit sequences, each build with kept state compared with
/// a clean build of the same folder.
struct VerifyIncremental: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "verify-incremental",
        abstract: "Check that builds reusing earlier results (as serve's rebuilds do) make exactly the site a clean build makes.",
        discussion: """
        Copies the site into a scratch folder, builds it, then runs seeded sequences of random edits (articles added, \
        appended, removed, changed, dated long ago or undated; outlets, ratings, templates, site.yml, story overrides, \
        corrections, pages), each followed by a build with the kept state and a clean build, compared file by file. \
        Exits 1 when any output differs; the scratch folder is then kept for a look.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder to copy (holding Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "How many edit sequences.")
    var sequences = 200

    @Option(name: .long, help: "The seed of the edits.")
    var seed: UInt64 = 1

    @Option(name: .long, help: ArgumentHelp("Threads for each build (default: all cores).", valueName: "n"))
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "Print every sequence's edits.")
    var verbose = false

    func run() throws {
        var verifier = IncrementalVerifier(site: root)
        verifier.sequences = sequences
        verifier.seed = seed
        if let jobs { verifier.jobs = max(1, jobs) }
        let report = try verifier.run { line in if verbose { print(line) } }
        for line in report.differences { print("DIFFERENT: \(line)") }
        for line in report.failures { print("FAILED: \(line)") }
        let kinds = report.edits.sorted { $0.key < $1.key }.map { "\($0.key) \($0.value)" }.joined(separator: "; ")
        print("Edits: \(kinds)")
        print(String(format: "%d sequences on %d articles (seed %llu): %d with a different site, %d with a different outcome; builds with kept state %.1f s, clean builds %.1f s, %.1f s in all",
                     report.sequences, report.articles, seed, report.differences.count, report.failures.count, report.incrementalSeconds, report.cleanSeconds, report.seconds))
        if !report.differences.isEmpty || !report.failures.isEmpty {
            print("The scratch site is kept: \(report.scratch)")
            throw ExitCode.failure
        }
    }
}
