@testable import Build
import Foundation
@testable import Output
import TestSupport
import XCTest

/// A build with nothing changed only checks and says so; any change to the inputs, the options or
/// the output folder runs the pipeline again.
final class BuildStampTests: XCTestCase {
    /// A small real site (BASIL and the seed pages: `Fixtures.smallSite`) in a temporary folder.
    private func site() throws -> URL {
        let root = try Fixtures.smallSite(self)
        return root
    }

    private func build(_ root: URL, _ change: (inout BuildOptions) -> Void = { _ in }) throws -> BuildReport {
        var options = BuildOptions(root: root.path)
        change(&options)
        return try SiteBuilder(options: options).build()
    }

    func testUnchangedInputsAreNotBuiltAgain() throws {
        let root = try site()
        let first = try build(root)
        XCTAssertFalse(first.upToDate)
        let second = try build(root)
        XCTAssertTrue(second.upToDate, "nothing changed")
        XCTAssertEqual([second.stories, second.articles, second.pages, second.files], [first.stories, first.articles, first.pages, first.files])
        XCTAssertEqual(second.diagnostics, first.diagnostics, "the same problems are reported again")
        XCTAssertEqual(second.write, WriteReport(unchanged: first.files))
        XCTAssertTrue(second.summaryLine.hasPrefix("Up to date: 51 stories"), second.summaryLine)
        XCTAssertFalse(try build(root) { $0.force = true }.upToDate, "--force runs the pipeline")
    }

    func testAnyChangeRunsThePipeline() throws {
        let root = try site()
        _ = try build(root)
        let fm = FileManager.default

        // A template edited.
        let template = root.appendingPathComponent("Templates/404.mustache")
        try (try String(contentsOf: template, encoding: .utf8) + "\n<!-- edited -->\n").write(to: template, atomically: true, encoding: .utf8)
        var report = try build(root)
        XCTAssertFalse(report.upToDate)
        XCTAssertEqual(report.write.updated, 1, "only the 404 page changed")
        XCTAssertTrue(try build(root).upToDate)

        // An article added to the corpus (a new file).
        let corpus = root.appendingPathComponent("Content/corpus")
        let first = try fm.contentsOfDirectory(atPath: corpus.path).sorted().first!
        try fm.copyItem(at: corpus.appendingPathComponent(first), to: corpus.appendingPathComponent(".hidden-copy"))
        XCTAssertFalse(try build(root).upToDate, "hidden files are inputs too")

        // A page of the output deleted by hand is put back.
        let page = root.appendingPathComponent("Public/404.html").path
        try fm.removeItem(atPath: page)
        report = try build(root)
        XCTAssertFalse(report.upToDate)
        XCTAssertTrue(fm.fileExists(atPath: page))

        // Other options, another site.
        XCTAssertFalse(try build(root) { $0.baseURL = "https://example.org/news/" }.upToDate)
        XCTAssertFalse(try build(root).upToDate, "back to the site.yml base URL")
        XCTAssertTrue(try build(root).upToDate)
    }

    func testAFailedBuildLeavesNoStamp() throws {
        let root = try site()
        _ = try build(root)
        let yml = root.appendingPathComponent("Content/site.yml")
        let good = try String(contentsOf: yml, encoding: .utf8)
        try "title: [unclosed\n".write(to: yml, atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try build(root))
        XCTAssertFalse(FileManager.default.fileExists(atPath: root.appendingPathComponent(BuildStamp.relativePath).path))
        try good.write(to: yml, atomically: true, encoding: .utf8)
        XCTAssertFalse(try build(root).upToDate, "no stamp: the pipeline runs")
    }

    /// An unchanged input keeps the content hash the last key gave it (it is not read again);
    /// a file modified around the time the last key was made is read again, whatever its size
    /// and modification time say.
    func testUnchangedInputsAreNotReadAgainButRecentOnesAre() throws {
        let root = try site()
        _ = try build(root)
        let options = BuildOptions(root: root.path)
        var stamp = try XCTUnwrap(BuildStamp.load(root: root.path))
        let real = try XCTUnwrap(BuildStamp.key(options: options, previous: stamp))
        let yml = try XCTUnwrap(stamp.inputs["content/site.yml"])
        // A stamp that says site.yml hashed to something else: trusted when the file was last
        // modified well before that key was made.
        stamp.inputs["content/site.yml"]?.hash = yml.hash &+ 1
        stamp.keyMadeAt = Double(yml.seconds) + 60
        XCTAssertNotEqual(BuildStamp.key(options: options, previous: stamp)?.key, real.key, "the recorded hash was used")
        stamp.keyMadeAt = Double(yml.seconds) + 1
        XCTAssertEqual(BuildStamp.key(options: options, previous: stamp)?.key, real.key, "modified just before the key: read again")
    }

    /// An edit that keeps the size and sets the modification time back to the recorded one is
    /// still seen when it came within two seconds of the last key (as an edit right after a
    /// build does); and a page of the output edited by hand is put back.
    func testSameSizeEditsAreSeen() throws {
        let root = try site()
        let fm = FileManager.default
        let template = root.appendingPathComponent("Templates/404.mustache")
        try fm.setAttributes([.modificationDate: Date()], ofItemAtPath: template.path) // saved just now
        _ = try build(root)
        let recorded = try XCTUnwrap(fm.attributesOfItem(atPath: template.path)[.modificationDate] as? Date)
        let text = try String(contentsOf: template, encoding: .utf8)
        XCTAssertTrue(text.hasSuffix("\n"))
        let edited = String(text.dropLast()) + " " // the same size
        XCTAssertNotEqual(edited, text)
        XCTAssertEqual(edited.utf8.count, text.utf8.count)
        try edited.write(to: template, atomically: false, encoding: .utf8)
        try fm.setAttributes([.modificationDate: recorded], ofItemAtPath: template.path)
        XCTAssertFalse(try build(root).upToDate, "same size, same modification time, but saved around the last key")
        XCTAssertTrue(try build(root).upToDate)

        let page = root.appendingPathComponent("Public/404.html")
        let html = try String(contentsOf: page, encoding: .utf8)
        try html.replacingOccurrences(of: "<", with: "[").write(to: page, atomically: false, encoding: .utf8)
        XCTAssertFalse(try build(root).upToDate, "an output page edited by hand")
        XCTAssertEqual(try String(contentsOf: page, encoding: .utf8), html)
    }
}
