import Build
import Foundation
@testable import Publish
import TestSupport
import XCTest

/// `publish --to DIR`: the same files as a build, an atomic swap, unchanged files left alone.
final class DirectoryPublishTests: XCTestCase {
    func publish(_ root: URL, to target: URL) throws -> PublishReport {
        try Publisher(options: PublishOptions(root: root.path, target: .directory(target.path))).run()
    }

    func testPublishedFolderIsTheBuiltSite() throws {
        let root = try makeInitSite()
        let target = try Fixtures.tempDir(self).appendingPathComponent("www")
        let report = try publish(root, to: target)
        XCTAssertEqual(report.changes.added.count, report.build.files)
        XCTAssertTrue(report.changes.updated.isEmpty && report.changes.removed.isEmpty)

        let built = try SiteBuilder(options: BuildOptions(root: root.path)).build()
        XCTAssertEqual(report.build.stories, built.stories)
        let published = try tree(target)
        XCTAssertEqual(published, try tree(URL(fileURLWithPath: built.outputPath)), "publish writes exactly what build writes")
        XCTAssertNotNil(published["index.html"])
        XCTAssertTrue(published.keys.contains { $0.hasPrefix("stories/") && $0.hasSuffix("/index.html") })
        XCTAssertNil(published[".nojekyll"], "only git targets get .nojekyll")
    }

    func testRepublishingChangesOnlyWhatChanged() throws {
        let root = try makeInitSite()
        let target = try Fixtures.tempDir(self).appendingPathComponent("www")
        let first = try publish(root, to: target)
        // Old mtimes make a rewrite visible whatever the file system's clock resolution.
        let old = Date(timeIntervalSince1970: 1_000_000_000)
        for path in try tree(target).keys {
            try FileManager.default.setAttributes([.modificationDate: old], ofItemAtPath: target.appendingPathComponent(path).path)
        }

        let again = try publish(root, to: target)
        XCTAssertTrue(again.changes.isEmpty)
        XCTAssertEqual(again.changes.unchanged, first.build.files)
        XCTAssertTrue(again.changes.summary().hasPrefix("Nothing changed"), again.changes.summary())
        XCTAssertTrue(try mtimes(target).values.allSatisfy { $0 == old }, "a no-op publish touches nothing")

        // One article's body changes: its story page and the few lists that quote it.
        var records = try records(root)
        records[0]["body"] = "A correction was added to this article on the same day.\n\n" + (records[0]["body"] as? String ?? "")
        try writeRecords(records, root)
        let edited = try publish(root, to: target)
        XCTAssertTrue(edited.changes.added.isEmpty && edited.changes.removed.isEmpty, edited.changes.summary())
        XCTAssertFalse(edited.changes.updated.isEmpty)
        // (Every story page of the article's day shows that day's tone index, which its tone moves.)
        XCTAssertLessThan(edited.changes.updated.count, first.build.files / 2, edited.changes.summary())
        let times = try mtimes(target)
        for (path, time) in times {
            XCTAssertEqual(time == old, !edited.changes.updated.contains(path), path)
        }

        // A story goes (the one article of a story of its own, which links to it: no page): its
        // entry goes, nothing is left behind.
        let single = try XCTUnwrap(try StoriesData.stories(in: target).first { ($0["articles"] as? [Any])?.count == 1 })
        let gone = try XCTUnwrap(((single["articles"] as? [[String: Any]])?.first)?["id"] as? String)
        records.removeAll { $0["id"] as? String == gone }
        try writeRecords(records, root)
        let shrunk = try publish(root, to: target)
        // (Other stories may regroup: one article fewer changes every word's weight.)
        let slug = try XCTUnwrap(single["slug"] as? String)
        XCTAssertFalse(try StoriesData.stories(in: target).contains { $0["slug"] as? String == slug })
        XCTAssertEqual(single["has_page"] as? Bool, false)
        XCTAssertFalse(shrunk.changes.removed.contains { $0.hasPrefix("stories/\(slug)/") }, shrunk.changes.summary())
        XCTAssertTrue(shrunk.changes.updated.contains { $0.hasPrefix("data/") }, shrunk.changes.summary())
        for path in shrunk.changes.removed {
            XCTAssertFalse(FileManager.default.fileExists(atPath: target.appendingPathComponent(path).path), path)
        }
        XCTAssertEqual(Set(try tree(target).keys).count, shrunk.build.files)

        // Pages for stories of one article, then none again: those pages are removed.
        let siteYML = root.appendingPathComponent("Content/site.yml")
        let config = try String(contentsOf: siteYML, encoding: .utf8)
        try (config + "\nstories: { single_article_pages: true }\n").write(to: siteYML, atomically: true, encoding: .utf8)
        let paged = try publish(root, to: target)
        let pages = paged.changes.added.filter { $0.hasPrefix("stories/") }
        XCTAssertFalse(pages.isEmpty, paged.changes.summary())
        try config.write(to: siteYML, atomically: true, encoding: .utf8)
        let unpaged = try publish(root, to: target)
        XCTAssertEqual(Set(unpaged.changes.removed.filter { $0.hasPrefix("stories/") }), Set(pages), unpaged.changes.summary())
        for path in unpaged.changes.removed {
            XCTAssertFalse(FileManager.default.fileExists(atPath: target.appendingPathComponent(path).path), path)
        }
        XCTAssertEqual(Set(try tree(target).keys).count, unpaged.build.files)
        let siblings = try FileManager.default.contentsOfDirectory(atPath: target.deletingLastPathComponent().path)
        XCTAssertEqual(siblings, ["www"], "no staging folder left beside the target")
    }

    func testInputProblemsAndBrokenLinksPublishNothing() throws {
        let root = try makeInitSite()
        let target = try Fixtures.tempDir(self).appendingPathComponent("www")
        _ = try publish(root, to: target)
        let before = try tree(target)

        let corpus = root.appendingPathComponent(corpusFile)
        let good = try String(contentsOf: corpus, encoding: .utf8)
        try (good + "{not json\n").write(to: corpus, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try publish(root, to: target)) { error in
            guard case BuildError.strict = error else { return XCTFail("\(error)") }
        }
        XCTAssertEqual(try tree(target), before)

        try good.write(to: corpus, atomically: true, encoding: .utf8)
        try Fixtures.write("---\ntitle: About\n---\nSee [the list](../nowhere/).\n", to: root.appendingPathComponent("Content/pages/about.md"))
        XCTAssertThrowsError(try publish(root, to: target)) { error in
            guard case let PublishError.brokenLinks(list) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(list.contains { $0.link.contains("nowhere") }, "\(list)")
        }
        XCTAssertEqual(try tree(target), before)
    }

    func testRefusesToReplaceAFolderThatIsNotASite() throws {
        let root = try makeInitSite()
        let home = try Fixtures.tempDir(self)
        try Fixtures.write("keep me", to: home.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try publish(root, to: home)) { error in
            XCTAssertEqual(error as? PublishError, .targetNotASite(home.resolvingSymlinksInPath().path))
        }
        XCTAssertTrue(FileManager.default.fileExists(atPath: home.appendingPathComponent("notes.txt").path))
        XCTAssertThrowsError(try publish(root, to: root)) { error in
            XCTAssertEqual(error as? PublishError, .targetHoldsSite(root.resolvingSymlinksInPath().path))
        }
        XCTAssertThrowsError(try publish(root, to: root.deletingLastPathComponent())) { error in
            guard case PublishError.targetHoldsSite = error else { return XCTFail("\(error)") }
        }
    }

    func testUnwritableTargetIsAClearError() throws {
        let root = try makeInitSite()
        let file = try Fixtures.tempDir(self).appendingPathComponent("a-file")
        try Fixtures.write("not a folder", to: file)
        XCTAssertThrowsError(try publish(root, to: file.appendingPathComponent("www"))) { error in
            guard case let PublishError.targetNotWritable(path, _) = error else { return XCTFail("\(error)") }
            XCTAssertTrue(path.hasSuffix("a-file/www"), path)
            XCTAssertTrue("\(error)".contains("must be writable"), "\(error)")
        }
        XCTAssertThrowsError(try publish(root, to: file)) { error in
            XCTAssertEqual(error as? PublishError, .targetNotWritable(file.resolvingSymlinksInPath().path, "it exists and is not a folder"))
        }
    }

    func testTargetKinds() {
        XCTAssertEqual(PublishTarget(parsing: "git@github.com:me/site.git"), .git(url: "git@github.com:me/site.git"))
        XCTAssertEqual(PublishTarget(parsing: "https://github.com/me/site"), .git(url: "https://github.com/me/site"))
        XCTAssertEqual(PublishTarget(parsing: "ssh://host/srv/site"), .git(url: "ssh://host/srv/site"))
        XCTAssertEqual(PublishTarget(parsing: "/srv/www/site"), .directory("/srv/www/site"))
        XCTAssertEqual(PublishTarget(parsing: "file:///srv/www/site"), .directory("/srv/www/site"))
        XCTAssertEqual(PublishTarget(parsing: "file:///srv/site.git"), .git(url: "file:///srv/site.git"))
    }
}
