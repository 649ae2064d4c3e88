import ArgumentParser
import Foundation

/// The `sitegen` command: its subcommands are listed here, each in its own file.
struct Sitegen: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "sitegen",
        abstract: "Build a news-coverage site from a corpus of articles: every story, every outlet that covered it, every side.",
        discussion: """
        A site folder holds Content/ (site.yml, corpus/, outlets.csv, pages/) and Templates/.
        Exit status: 0 on success, 1 when the build failed, 2 on a usage error.
        """,
        version: "0.1.0",
        subcommands: [Build.self, Serve.self, Check.self, Extract.self, EvaluateGrouping.self, EvaluateTone.self, VerifyIncremental.self, Publish.self, Init.self],
        defaultSubcommand: nil
    )
}

/// Options shared by the commands that build a site.
struct SiteOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The site folder (holding Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Where to write the site (default: <root>/Public).", valueName: "dir"))
    var output: String?

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the site is published at, overriding site.yml (e.g. https://example.org/news/).", valueName: "url"))
    var baseURL: String?
}

@main
enum Main {
    static func main() async {
        do {
            var command = try Sitegen.parseAsRoot()
            if var asyncCommand = command as? AsyncParsableCommand {
                try await asyncCommand.run()
            } else {
                try command.run()
            }
        } catch {
            let code = Sitegen.exitCode(for: error)
            if code == .validationFailure {
                // Usage errors exit 2 (DESIGN.md §7), not ArgumentParser's 64.
                let message = Sitegen.fullMessage(for: error)
                FileHandle.standardError.write(Data((message + "\n").utf8))
                exit(2)
            }
            Sitegen.exit(withError: error)
        }
    }
}
