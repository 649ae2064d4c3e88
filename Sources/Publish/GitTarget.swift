import Foundation
import Output

/// A branch of a git repository that receives the site (GitHub Pages and the like). The branch is
/// cloned into a temporary folder (or started as an orphan branch when the remote lacks it), its
/// content replaced by the site plus `.nojekyll`, committed as one commit when anything changed,
/// and pushed. The user's own working tree and repository configuration are never touched.
public struct GitTarget {
    public var url: String
    public var branch: String

    public init(url: String, branch: String = "gh-pages") {
        self.url = url
        self.branch = branch
    }

    /// What a publish did: the changes, and the new commit (nil when nothing changed).
    public struct Result: Sendable {
        public var changes: ChangeSet
        public var commit: String?
    }

    public func deploy(_ files: [OutputFile], message: String) throws -> Result {
        let git = try Git.find()
        guard try git.run(["check-ref-format", "refs/heads/\(branch)"]).succeeded, !branch.hasPrefix("-") else {
            throw PublishError.invalidBranch(branch)
        }
        let scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: scratch) }
        let work = scratch.appendingPathComponent("site").path

        let heads = try git.run(["ls-remote", "--heads", "--", url, "refs/heads/\(branch)"])
        guard heads.succeeded else { throw PublishError.git(step: "read", url: url, output: heads.output) }
        if heads.output.isEmpty {
            try step(git, ["init", "--quiet", work], "create a repository for", in: nil)
            try step(git, ["symbolic-ref", "HEAD", "refs/heads/\(branch)"], "start branch \(branch) for", in: work)
            try step(git, ["remote", "add", "origin", url], "add the remote", in: work)
        } else {
            try step(git, ["clone", "--quiet", "--depth", "1", "--single-branch", "--branch", branch, "--", url, work], "clone branch \(branch) of", in: nil)
        }

        let site = files + [OutputFile(path: ".nojekyll", data: Data())].filter { nojekyll in !files.contains { $0.path == nojekyll.path } }
        let changes = ChangeSet.compare(site, with: work, ignoring: [".git"])
        guard !changes.isEmpty else { return Result(changes: changes, commit: nil) }
        try replaceContent(of: work, with: site)

        try step(git, ["add", "--all", "."], "stage the site for", in: work)
        // Environment variables (GIT_AUTHOR_NAME, GIT_COMMITTER_EMAIL, …) take precedence over these.
        try step(git, ["-c", "user.name=sitegen", "-c", "user.email=sitegen@localhost", "commit", "--quiet", "--no-verify", "-m", message], "commit the site for", in: work)
        let push = try git.run(["push", "--quiet", "origin", "HEAD:refs/heads/\(branch)"], in: work)
        guard push.succeeded else {
            if push.output.contains("rejected") || push.output.contains("non-fast-forward") {
                throw PublishError.pushRejected(url: url, branch: branch, output: push.output)
            }
            throw PublishError.git(step: "push to", url: url, output: push.output)
        }
        let head = try git.run(["rev-parse", "HEAD"], in: work)
        return Result(changes: changes, commit: head.succeeded ? head.output : nil)
    }

    private func step(_ git: Git, _ args: [String], _ what: String, in directory: String?) throws {
        let result = try git.run(args, in: directory)
        guard result.succeeded else { throw PublishError.git(step: what, url: url, output: result.output) }
    }

    /// Everything but `.git` goes; the site's files come in.
    private func replaceContent(of work: String, with files: [OutputFile]) throws {
        let fm = FileManager.default
        do {
            for entry in try fm.contentsOfDirectory(atPath: work) where entry != ".git" {
                try fm.removeItem(atPath: work + "/" + entry)
            }
            for file in files {
                let parts = file.path.split(separator: "/", omittingEmptySubsequences: false)
                guard !file.path.hasPrefix("/"), parts.allSatisfy({ !$0.isEmpty && $0 != "." && $0 != ".." && $0 != ".git" }) else {
                    throw OutputError.unsafePath(file.path)
                }
                let target = URL(fileURLWithPath: work).appendingPathComponent(file.path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: target)
            }
        } catch {
            throw PublishError.targetNotWritable(work, "\(error)")
        }
    }
}
