import Foundation
import Support
@testable import Output
@testable import SiteModel
import TestSupport
import XCTest

final class OutputWriterTests: XCTestCase {
    private func inode(_ path: String) throws -> UInt64 {
        let attributes = try FileManager.default.attributesOfItem(atPath: path)
        return (attributes[.systemFileNumber] as? NSNumber)?.uint64Value ?? 0
    }

    func testWritesThenWritesNothingWhenNothingChanged() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        let files = [OutputFile(path: "index.html", text: "home"), OutputFile(path: "stories/a/index.html", text: "a")]
        XCTAssertEqual(try OutputWriter.write(files, to: out), WriteReport(added: 2))
        let before = try inode(out + "/stories/a/index.html")
        let rootBefore = try inode(out)
        XCTAssertEqual(try OutputWriter.write(files, to: out), WriteReport(unchanged: 2))
        XCTAssertEqual(try inode(out), rootBefore, "a build with no change does not even swap the folder")
        XCTAssertEqual(try inode(out + "/stories/a/index.html"), before)
    }

    /// `--output a/b/c` where neither `a/` nor `b/` exists: the folders above are made; a folder
    /// above that is a file is an error naming it, not a crash.
    func testMissingFoldersAboveTheOutputAreMade() throws {
        let tmp = try Fixtures.tempDir(self)
        let out = tmp.appendingPathComponent("a/b/c").path
        XCTAssertEqual(try OutputWriter.write([OutputFile(path: "index.html", text: "home")], to: out), WriteReport(added: 1))
        XCTAssertEqual(try String(contentsOfFile: out + "/index.html", encoding: .utf8), "home")
        try Fixtures.write("not a folder", to: tmp.appendingPathComponent("file"))
        XCTAssertThrowsError(try OutputWriter.write([OutputFile(path: "index.html", text: "home")], to: tmp.appendingPathComponent("file/site").path)) { error in
            XCTAssertTrue("\(error)".contains("file"), "\(error)")
        }
    }

    func testChangedSiteIsSwappedInWithUnchangedFilesKept() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        _ = try OutputWriter.write([OutputFile(path: "index.html", text: "home"), OutputFile(path: "old.html", text: "x"),
                                    OutputFile(path: "stories/a/index.html", text: "a")], to: out)
        let kept = try inode(out + "/stories/a/index.html")
        let report = try OutputWriter.write([OutputFile(path: "index.html", text: "home 2"), OutputFile(path: "stories/a/index.html", text: "a"),
                                             OutputFile(path: "new.html", text: "n")], to: out)
        XCTAssertEqual(report, WriteReport(added: 1, updated: 1, unchanged: 1, removed: 1))
        XCTAssertEqual(try String(contentsOfFile: out + "/index.html", encoding: .utf8), "home 2")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/old.html"))
        XCTAssertEqual(try inode(out + "/stories/a/index.html"), kept, "unchanged files are hard-linked, not rewritten")
        let leftovers = try FileManager.default.contentsOfDirectory(atPath: (out as NSString).deletingLastPathComponent)
        XCTAssertEqual(leftovers, ["Public"], "no staging folder is left behind")
    }

    func testPathsThatLeaveTheOutputAreRefusedAndTheOldSiteStays() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        _ = try OutputWriter.write([OutputFile(path: "index.html", text: "good")], to: out)
        for bad in ["../escape.html", "/etc/passwd", "a/../../b", "a//b", "./x", "a\\..\\b", "x\0y"] {
            XCTAssertThrowsError(try OutputWriter.write([OutputFile(path: "index.html", text: "bad"), OutputFile(path: bad, text: "x")], to: out), bad)
        }
        XCTAssertEqual(try String(contentsOfFile: out + "/index.html", encoding: .utf8), "good")
    }

    /// A build streams its files into a session: nothing touches the disk until a file differs;
    /// then the unchanged files seen before it are linked into the staging folder too.
    func testSessionStagesOnlyFromTheFirstChangeAndKeepsEarlierUnchangedFiles() throws {
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("Public").path
        let old = (0..<50).map { OutputFile(path: "stories/s\($0)/index.html", text: "story \($0)") }
        _ = try OutputWriter.write(old, to: out)
        let kept = try inode(out + "/stories/s0/index.html")

        let session = try OutputSession(output: out)
        for file in old.prefix(40) { try session.add(file) }
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Public"], "no staging folder before a change")
        try session.add(OutputFile(path: "stories/s40/index.html", text: "story 40, updated"))
        DispatchQueue.concurrentPerform(iterations: 9) { try? session.add(old[41 + $0]) }
        XCTAssertThrowsError(try session.add(old[0]), "the same path twice")
        XCTAssertEqual(try session.commit(), WriteReport(updated: 1, unchanged: 49))
        XCTAssertEqual(try inode(out + "/stories/s0/index.html"), kept, "linked into the new site, not rewritten")
        XCTAssertEqual(try String(contentsOfFile: out + "/stories/s40/index.html", encoding: .utf8), "story 40, updated")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Public"])
    }

    /// A build that fails half-way abandons its session: the old site stays, no staging is left.
    /// `serve` keeps files it knows are unchanged without reading them, and overlays the
    /// changed ones on the current site: unchanged files stay the same files, removed ones go
    /// (with the folders they leave empty), nothing is left beside the site.
    func testKeptFilesAndOverlayCommit() throws {
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("Public").path
        let old = (0..<20).map { OutputFile(path: "stories/s\($0)/index.html", text: "story \($0)") }
        _ = try OutputWriter.write(old + [OutputFile(path: "gone/deep/x.html", text: "x")], to: out)
        let kept = try inode(out + "/stories/s0/index.html")
        let compared = try inode(out + "/stories/s18/index.html")
        let root = try inode(out)

        let session = try OutputSession(output: out, mode: .overlay)
        XCTAssertFalse(try session.keep("stories/s1/index.html", size: 3), "a file of another size is not kept")
        XCTAssertFalse(try session.keep("stories/none/index.html", size: 7), "nor one that is not there")
        for file in old.prefix(18) { XCTAssertTrue(try session.keep(file.path, size: file.data.count), file.path) }
        XCTAssertThrowsError(try session.keep("stories/s0/index.html", size: 7), "a path kept twice")
        try session.add(old[18])
        try session.add(OutputFile(path: "stories/s19/index.html", text: "story 19, updated"))
        try session.add(OutputFile(path: "new/page/index.html", text: "new"))
        XCTAssertEqual(try session.commit(), WriteReport(added: 1, updated: 1, unchanged: 19, removed: 1))
        XCTAssertEqual(try inode(out), root, "the site folder itself stays")
        XCTAssertEqual(try inode(out + "/stories/s0/index.html"), kept, "a kept file is the same file")
        XCTAssertEqual(try inode(out + "/stories/s18/index.html"), compared, "an unchanged file is not rewritten")
        XCTAssertEqual(try String(contentsOfFile: out + "/stories/s19/index.html", encoding: .utf8), "story 19, updated")
        XCTAssertEqual(try String(contentsOfFile: out + "/new/page/index.html", encoding: .utf8), "new")
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/gone"), "a removed file's emptied folders go too")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Public"], "no staging folder is left behind")

        // Abandoned: the site is as it was.
        let failed = try OutputSession(output: out, mode: .overlay)
        try failed.add(OutputFile(path: "stories/s0/index.html", text: "broken"))
        failed.abandon()
        XCTAssertEqual(try String(contentsOfFile: out + "/stories/s0/index.html", encoding: .utf8), "story 0")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Public"])
    }

    /// What the output folder holds, as a session sees it: files at any depth and links to files;
    /// a linked folder is not entered, so an overlay never deletes what it points to.
    func testOutputListingDoesNotEnterLinkedFolders() throws {
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("Public").path
        _ = try OutputWriter.write([OutputFile(path: "a/b/c.html", text: "c"), OutputFile(path: "top.html", text: "t")], to: out)
        let media = dir.appendingPathComponent("media").path
        try FileManager.default.createDirectory(atPath: media, withIntermediateDirectories: true)
        try "photo".write(toFile: media + "/photo.jpg", atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: out + "/media", withDestinationPath: media)
        try FileManager.default.createSymbolicLink(atPath: out + "/alias.html", withDestinationPath: out + "/top.html")
        XCTAssertEqual(try OutputWriter.listFiles(out), ["a/b/c.html", "top.html", "alias.html"])

        let session = try OutputSession(output: out, mode: .overlay)
        try session.add(OutputFile(path: "a/b/c.html", text: "c"))
        try session.add(OutputFile(path: "top.html", text: "t"))
        XCTAssertEqual(try session.commit().removed, 1, "the link to a file, which the build did not make")
        XCTAssertEqual(try String(contentsOfFile: media + "/photo.jpg", encoding: .utf8), "photo", "the linked folder's files stay")
    }

    /// Folders are made on demand by whichever thread needs one first, outside the session's
    /// lock: many files in deep new folders, from several threads, with unchanged files linked
    /// into folders the staging tree does not have yet, come out whole; a folder that cannot be
    /// made (a file is in the way) is an error naming it.
    func testFoldersMadeOnDemandFromSeveralThreads() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        let old = (0..<200).map { OutputFile(path: "stories/s\($0)/index.html", text: "story \($0)") }
        _ = try OutputWriter.write(old, to: out)
        let kept = try inode(out + "/stories/s7/index.html")
        var next = old
        next += (0..<300).map { OutputFile(path: "topics/t\($0 % 30)/page/\($0)/deep/index.html", text: "page \($0)") }
        next += (0..<200).map { OutputFile(path: "stories/s\($0)/story.json", text: "{\"n\": \($0)}") }
        let session = try OutputSession(output: out)
        XCTAssertNil(session.add(all: next.shuffled(), jobs: 4))
        XCTAssertEqual(try session.commit(), WriteReport(added: 500, unchanged: 200))
        for file in next {
            XCTAssertEqual(FileManager.default.contents(atPath: out + "/" + file.path), file.data, file.path)
        }
        XCTAssertEqual(try inode(out + "/stories/s7/index.html"), kept, "unchanged files are still linked")

        let blocked = try OutputSession(output: out)
        XCTAssertNil(blocked.add(all: [OutputFile(path: "about", text: "a file")], jobs: 1))
        let failure = blocked.add(all: [OutputFile(path: "about/team/index.html", text: "x")], jobs: 1)
        XCTAssertTrue(failure?.contains("about") == true && failure?.contains("Not a directory") == true, failure ?? "no error")
        blocked.abandon()
        XCTAssertEqual(FileManager.default.contents(atPath: out + "/stories/s7/story.json"), Data("{\"n\": 7}".utf8), "the site stays")
    }

    /// One-letter folder names ("a/index.html", from a content page `a.md`) are written, replaced
    /// and removed like any other (Foundation's `deletingLastPathComponent` traps on "a").
    func testOneLetterFolders() throws {
        XCTAssertEqual(OutputWriter.folder(of: "a/b/c.html"), "a/b")
        XCTAssertEqual(OutputWriter.folder(of: "a"), "")
        XCTAssertEqual(OutputWriter.folder(of: "a/i.html"), "a")
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        _ = try OutputWriter.write([OutputFile(path: "a/index.html", text: "a"), OutputFile(path: "x/y/z.html", text: "z")], to: out)
        _ = try OutputWriter.write([OutputFile(path: "a/index.html", text: "a2"), OutputFile(path: "b.html", text: "b")], to: out)
        XCTAssertEqual(try OutputWriter.listFiles(out), ["a/index.html", "b.html"])
        let session = try OutputSession(output: out, mode: .overlay)
        try session.add(OutputFile(path: "c/index.html", text: "c"))
        XCTAssertEqual(try session.commit().removed, 2)
        XCTAssertEqual(try OutputWriter.listFiles(out), ["c/index.html"])
        XCTAssertFalse(FileManager.default.fileExists(atPath: out + "/a"))
    }

    func testAbandonedSessionLeavesTheOldSite() throws {
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("Public").path
        _ = try OutputWriter.write([OutputFile(path: "index.html", text: "good")], to: out)
        let session = try OutputSession(output: out)
        try session.add(OutputFile(path: "index.html", text: "half a build"))
        try session.add(OutputFile(path: "new/index.html", text: "new"))
        session.abandon()
        XCTAssertEqual(try String(contentsOfFile: out + "/index.html", encoding: .utf8), "good")
        XCTAssertEqual(try FileManager.default.contentsOfDirectory(atPath: dir.path), ["Public"])
    }
}

final class SitePathsTests: XCTestCase {
    func testRelativeLinksBetweenPages() {
        XCTAssertEqual(SitePaths.rootPrefix(from: ""), "./")
        XCTAssertEqual(SitePaths.rootPrefix(from: "stories/a/"), "../../")
        XCTAssertEqual(SitePaths.link(from: "stories/a/", to: "outlets/fox/"), "../../outlets/fox/")
        XCTAssertEqual(SitePaths.link(from: "", to: "outlets/fox/"), "outlets/fox/")
        XCTAssertEqual(SitePaths.link(from: "page/2/", to: ""), "../../")
        XCTAssertEqual(SitePaths.file(for: "stories/a/"), "stories/a/index.html")
        XCTAssertEqual(SitePaths.file(for: ""), "index.html")
    }

    func testRootPrefixCountsNonEmptyComponents() {
        XCTAssertEqual(SitePaths.rootPrefix(from: "/"), "./")
        XCTAssertEqual(SitePaths.rootPrefix(from: "/topics//x/page/2"), "../../../../")
        XCTAssertEqual(SitePaths.rootPrefix(from: "über/"), "../")
        // A combining mark after a slash makes one character with it, which is not a slash.
        XCTAssertEqual(SitePaths.depth(of: "a/\u{301}b/"), 1)
        XCTAssertEqual(SitePaths.depth(of: "a/b\u{301}/"), 2)
    }

    func testBaseURLWithASubPath() {
        let paths = SitePaths(baseURL: "https://example.org/news")
        XCTAssertEqual(paths.baseURL, "https://example.org/news/")
        XCTAssertEqual(paths.basePath, "/news/")
        XCTAssertEqual(paths.absolute("stories/a/"), "https://example.org/news/stories/a/")
        let bare = SitePaths(baseURL: "/")
        XCTAssertNil(bare.absolute("x/"))
        XCTAssertEqual(bare.basePath, "/")
    }

    func testJSONIsDeterministicAndSafeInHTML() {
        let value = JSONValue.object(["b": .int(1), "a": .array([.string("</script><x>&"), .null, .bool(true)]), "c": .string("line\nbreak \u{01}")])
        XCTAssertEqual(value.serialized, #"{"a":["\u003c/script\u003e\u003cx\u003e\u0026",null,true],"b":1,"c":"line\nbreak \u0001"}"#)
    }
}
