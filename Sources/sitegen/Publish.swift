import ArgumentParser
import Build
import Foundation
import Publish

/// `sitegen publish`: a strict build, a link check, then an atomic folder swap or one git commit.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site strictly, check its links, and deploy it to a folder or a git branch.",
        discussion: """
        Any problem in the input stops the publish, as with build --strict, and so does a broken \
        link or missing asset in the built site; outlets without a rating and articles that joined \
        no story are reported but do not stop it. Nothing is deployed unless everything passed.

        --to a folder (a path, or a file:// URL that is not a git repository): the folder is \
        replaced atomically; files whose bytes did not change keep their modification time, files \
        the site no longer produces are removed. A folder that holds files but no index.html is \
        refused unless --force.

        --to a git repository (git@…, ssh://, https://, a URL or path ending in .git, or the path or \
        file:// URL of a repository): the branch is cloned into a temporary folder (or started \
        empty when missing), its content replaced by the site and a .nojekyll file, committed as one \
        commit when anything changed, and pushed. Your own working tree and git configuration are \
        not touched. The author is sitegen <sitegen@localhost> unless GIT_AUTHOR_NAME, \
        GIT_AUTHOR_EMAIL (and GIT_COMMITTER_…) say otherwise.
        """)

    @Option(name: .long, help: ArgumentHelp("A folder, or the URL of a git repository.", valueName: "dir|git-url"))
    var to: String

    @Option(name: .long, help: ArgumentHelp("The branch a git repository receives.", valueName: "name"))
    var branch = "gh-pages"

    @Option(name: .long, help: ArgumentHelp("The commit message (default: \"Publish site: N stories, M files\").", valueName: "text"))
    var message: String?

    @Option(name: .long, help: ArgumentHelp("The site folder (holding Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .customLong("base-url"), help: ArgumentHelp("The URL the site is published at, overriding site.yml (e.g. https://example.org/news/).", valueName: "url"))
    var baseURL: String?

    @Flag(name: .long, help: "Replace a non-empty folder that does not look like a published site.")
    var force = false

    @Flag(name: .shortAndLong, help: "Print every problem, not only the first 20.")
    var verbose = false

    func validate() throws {
        if to.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--to needs a folder or a git URL") }
        if branch.isEmpty { throw ValidationError("--branch needs a name") }
    }

    func run() throws {
        var options = PublishOptions(root: root, target: PublishTarget(parsing: to), baseURL: baseURL)
        options.branch = branch
        options.message = message
        options.force = force
        do {
            let report = try Publisher(options: options).run()
            let build = report.build
            print("Built \(build.stories) stories from \(build.articles) articles: \(build.pages) pages, \(build.files) files")
            for note in build.notes { FileHandle.standardError.write(Data("note: \(note)\n".utf8)) }
            Report.corpus(build)
            print(report.changes.summary())
            switch options.target {
            case .directory:
                print("Published to \(options.target)")
            case .git:
                let commit = report.commit.map { " as commit \($0.prefix(12))" } ?? ""
                print(report.changes.isEmpty ? "Branch \(branch) of \(options.target) is up to date; no commit" : "Pushed to branch \(branch) of \(options.target)\(commit)")
            }
        } catch let error as BuildError {
            if case let .strict(list) = error { Report.diagnostics(list, verbose: verbose) }
            Report.error("\(error)")
            throw ExitCode.failure
        } catch let error as PublishError {
            if case let .brokenLinks(list) = error {
                let shown = verbose ? list : Array(list.prefix(20))
                for problem in shown { FileHandle.standardError.write(Data("broken: \(problem)\n".utf8)) }
                if shown.count < list.count { FileHandle.standardError.write(Data("… and \(list.count - shown.count) more (run with --verbose to see all)\n".utf8)) }
            }
            Report.error("\(error)")
            throw ExitCode.failure
        } catch {
            Report.error("publishing to \(to) failed: \(error)")
            throw ExitCode.failure
        }
    }
}
