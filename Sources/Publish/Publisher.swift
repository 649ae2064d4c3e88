import Build
import Corpus
import Foundation
import LinkCheck
import Output
import SiteModel

/// What `sitegen publish` is asked to do.
public struct PublishOptions: Sendable {
    /// The site folder (Content/ and Templates/).
    public var root: String
    public var target: PublishTarget
    public var baseURL: String?
    /// The branch a git target receives.
    public var branch = "gh-pages"
    /// The commit message; default "Publish site: N stories, M files".
    public var message: String?
    /// Let a directory target replace a non-empty folder that does not look like a published site.
    public var force = false
    public var jobs: Int?

    public init(root: String, target: PublishTarget, baseURL: String? = nil) {
        self.root = root
        self.target = target
        self.baseURL = baseURL
    }
}

/// What a publish did.
public struct PublishReport: Sendable {
    public var build: BuildReport
    public var changes = ChangeSet()
    /// The commit pushed to a git target; nil for a folder, or when nothing changed.
    public var commit: String?
}

/// Builds the site strictly, checks its links, and deploys it to a folder or a git branch.
///
/// Strict means any problem in the input stops the publish (a lenient build would publish a site
/// with records silently skipped). Of the other findings of `sitegen check`, broken links and
/// missing assets block; unrated outlets (in the build report) and lone articles do not. Links are
/// checked on the very files being published, written to a temporary folder, not on a second build.
public struct Publisher {
    public var options: PublishOptions

    public init(options: PublishOptions) {
        self.options = options
    }

    /// Throws `BuildError` when the input has problems, `PublishError` otherwise.
    public func run() throws -> PublishReport {
        let (files, built) = try build()
        var report = PublishReport(build: built)
        switch options.target {
        case let .directory(path):
            report.changes = try DirectoryTarget(path: path, siteRoot: options.root, force: options.force).deploy(files)
        case let .git(url):
            let message = options.message ?? "Publish site: \(report.build.stories) stories, \(files.count) files"
            let result = try GitTarget(url: url, branch: options.branch).deploy(files, message: message)
            report.changes = result.changes
            report.commit = result.commit
        }
        return report
    }

    /// The site's files, built strictly and link-checked in a temporary folder.
    func build() throws -> (files: [OutputFile], report: BuildReport) {
        var buildOptions = BuildOptions(root: options.root, baseURL: options.baseURL, strict: true, jobs: options.jobs)
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-build-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        buildOptions.output = scratch.path
        let (files, built, _, paths) = try SiteBuilder(options: buildOptions).render()
        // The strict build stops at input problems as it finds them; a few (story overrides,
        // outlet ratings) are only collected: strict here means none at all.
        guard built.diagnostics.isEmpty else { throw BuildError.strict(built.diagnostics) }
        do { _ = try OutputWriter.write(files, to: scratch.path) } catch {
            throw PublishError.targetNotWritable(scratch.path, "\(error)")
        }
        let checked = LinkChecker(root: scratch.path, paths: paths).run()
        guard checked.problems.isEmpty else { throw PublishError.brokenLinks(checked.problems) }
        return (files, built)
    }
}
