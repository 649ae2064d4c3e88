import Build
import Foundation
@testable import Publish
import TestSupport
import XCTest

/// `publish --to GIT-URL`: one commit per publish that changes something, none otherwise.
final class GitPublishTests: XCTestCase {
    func bareRepository() throws -> URL {
        let remote = try Fixtures.tempDir(self).appendingPathComponent("remote.git")
        try git(["init", "--quiet", "--bare", remote.path])
        return remote
    }

    func publish(_ root: URL, to remote: URL, branch: String = "gh-pages") throws -> PublishReport {
        var options = PublishOptions(root: root.path, target: PublishTarget(parsing: "file://" + remote.path))
        options.branch = branch
        return try Publisher(options: options).run()
    }

    /// The branch as a fresh clone sees it: its commits (newest first) and its files.
    func cloneBranch(_ remote: URL, _ branch: String = "gh-pages") throws -> (log: [String], files: [String: Data]) {
        let clone = try Fixtures.tempDir(self).appendingPathComponent("clone")
        try git(["clone", "--quiet", "--branch", branch, "file://" + remote.path, clone.path])
        return (try git(["log", "--format=%s"], in: clone).split(separator: "\n").map(String.init), try tree(clone))
    }

    func testPublishesOneCommitPerChange() throws {
        let root = try makeInitSite()
        let remote = try bareRepository()
        XCTAssertEqual(PublishTarget(parsing: "file://" + remote.path), .git(url: "file://" + remote.path))

        let first = try publish(root, to: remote)
        XCTAssertNotNil(first.commit)
        var (log, files) = try cloneBranch(remote)
        XCTAssertEqual(log, ["Publish site: \(first.build.stories) stories, \(first.build.files) files"])
        XCTAssertEqual(files[".nojekyll"], Data())
        let built = try SiteBuilder(options: BuildOptions(root: root.path)).build()
        XCTAssertEqual(files.filter { $0.key != ".nojekyll" }, try tree(URL(fileURLWithPath: built.outputPath)))

        let again = try publish(root, to: remote)
        XCTAssertTrue(again.changes.isEmpty)
        XCTAssertNil(again.commit)
        XCTAssertEqual(try cloneBranch(remote).log.count, 1, "no commit when nothing changed")

        var records = try records(root)
        records[1]["title"] = "A new headline for the second article"
        try writeRecords(records, root)
        let changed = try publish(root, to: remote)
        XCTAssertNotNil(changed.commit)
        // A new headline can rename its story: the old story's files must go from the branch.
        XCTAssertFalse(changed.changes.updated.isEmpty, changed.changes.summary())
        (log, files) = try cloneBranch(remote)
        XCTAssertEqual(log.count, 2, "exactly one new commit")
        let rebuilt = try SiteBuilder(options: BuildOptions(root: root.path)).build()
        XCTAssertEqual(files.filter { $0.key != ".nojekyll" }, try tree(URL(fileURLWithPath: rebuilt.outputPath)))
        XCTAssertTrue(files.values.contains { String(decoding: $0, as: UTF8.self).contains("A new headline for the second article") })
    }

    func testOtherBranchesAreLeftAlone() throws {
        let root = try makeInitSite()
        let remote = try bareRepository()
        // The remote already has a main branch with the user's own work.
        let work = try Fixtures.tempDir(self).appendingPathComponent("work")
        try git(["init", "--quiet", "-b", "main", work.path])
        try Fixtures.write("mine\n", to: work.appendingPathComponent("README"))
        try git(["add", "README"], in: work)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "mine"], in: work)
        try git(["push", "--quiet", "file://" + remote.path, "main"], in: work)

        var options = PublishOptions(root: root.path, target: .git(url: "file://" + remote.path))
        options.branch = "pages"
        options.message = "Site of today"
        _ = try Publisher(options: options).run()
        XCTAssertEqual(try cloneBranch(remote, "pages").log, ["Site of today"])
        let main = try cloneBranch(remote, "main")
        XCTAssertEqual(main.log, ["mine"])
        XCTAssertEqual(Array(main.files.keys), ["README"])
    }

    /// A branch checked out in someone's working tree: git refuses the push, and the tree is untouched.
    func testRejectedPushIsAClearError() throws {
        let root = try makeInitSite()
        let work = try Fixtures.tempDir(self).appendingPathComponent("work")
        try git(["init", "--quiet", "-b", "gh-pages", work.path])
        try Fixtures.write("mine\n", to: work.appendingPathComponent("README"))
        try git(["add", "README"], in: work)
        try git(["-c", "user.name=t", "-c", "user.email=t@t", "commit", "--quiet", "-m", "mine"], in: work)
        XCTAssertEqual(PublishTarget(parsing: work.path), .git(url: work.path))
        XCTAssertThrowsError(try Publisher(options: PublishOptions(root: root.path, target: PublishTarget(parsing: work.path))).run()) { error in
            guard case let PublishError.pushRejected(url, branch, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(url, work.path)
            XCTAssertEqual(branch, "gh-pages")
        }
        XCTAssertEqual(try git(["log", "--format=%s"], in: work), "mine")
        XCTAssertEqual(try git(["status", "--porcelain"], in: work), "")
        XCTAssertEqual(Array(try tree(work).keys), ["README"])
    }

    func testGitMissingIsAClearError() {
        XCTAssertThrowsError(try Git.find(environment: ["PATH": "/nonexistent"])) { error in
            XCTAssertEqual(error as? PublishError, .gitMissing)
        }
    }

    func testClearErrorsForBadRemotesAndBranches() throws {
        let root = try makeInitSite()
        let missing = try Fixtures.tempDir(self).appendingPathComponent("missing.git")
        XCTAssertThrowsError(try Publisher(options: PublishOptions(root: root.path, target: PublishTarget(parsing: missing.path))).run()) { error in
            guard case let PublishError.git(step, url, _) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(step, "read")
            XCTAssertEqual(url, missing.path)
            XCTAssertTrue("\(error)".contains("Check the URL"), "\(error)")
        }
        let remote = try bareRepository()
        XCTAssertThrowsError(try publish(root, to: remote, branch: "bad..name")) { error in
            XCTAssertEqual(error as? PublishError, .invalidBranch("bad..name"))
        }
    }
}
