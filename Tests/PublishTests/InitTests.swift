import Build
import Foundation
@testable import Publish
import SiteModel
import TestSupport
import XCTest

/// `sitegen init`: a new site that builds at once, strictly, from real example content.
final class InitTests: XCTestCase {
    func testNewSiteBuildsWithoutProblems() throws {
        let root = try makeInitSite()
        for path in ["Content/site.yml", "Content/outlets.csv", "Content/corpus/example.jsonl", "Content/pages/about.md", "Content/pages/methodology.md", "Templates/base.mustache", "Templates/assets/site.css"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: root.appendingPathComponent(path).path), path)
        }
        let records = try records(root)
        XCTAssertEqual(records.count, 25, "the 25 articles of the default corpus's first day, 1 April 2020")
        XCTAssertEqual(Set(records.compactMap { ($0["published"] as? String)?.prefix(10) }), ["2020-04-01"])
        XCTAssertGreaterThan(Set(records.compactMap { $0["outlet"] as? String }).count, 10, "many outlets")

        let report = try SiteBuilder(options: BuildOptions(root: root.path, strict: true)).build()
        XCTAssertEqual(report.diagnostics.count, 0, "\(report.diagnostics)")
        XCTAssertEqual(report.articles, 25)
        XCTAssertLessThan(report.stories, 25, "some of the day's articles report one event")
        XCTAssertEqual(report.unratedOutlets, [], "outlets.csv rates every outlet of the example")
        let outlets = try String(contentsOf: root.appendingPathComponent("Content/outlets.csv"), encoding: .utf8)
        XCTAssertTrue(outlets.hasPrefix("name,domain,bias,"))
        XCTAssertLessThan(outlets.split(separator: "\n").count, 30, "only the example's outlets")

        // site.yml states the defaults: reading it back gives the same settings as no file.
        let config = try SiteConfig.load(path: root.appendingPathComponent("Content/site.yml").path, display: "site.yml")
        let defaults = SiteConfig()
        XCTAssertEqual(config.rules, defaults.rules)
        XCTAssertEqual(config.summary, defaults.summary)
        XCTAssertEqual(config.grouping.clustering.threshold, defaults.grouping.clustering.threshold)
        XCTAssertEqual(config.title, "My News Site")
    }

    func testRefusesANonEmptyFolderUnlessForced() throws {
        let dir = try Fixtures.tempDir(self)
        try Fixtures.write("mine\n", to: dir.appendingPathComponent("notes.txt"))
        XCTAssertThrowsError(try SiteInitializer(source: Fixtures.repoRoot).create(at: dir.path)) { error in
            XCTAssertEqual(error as? PublishError, .initNotEmpty(dir.path))
        }
        XCTAssertFalse(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Content").path))
        try SiteInitializer(source: Fixtures.repoRoot).create(at: dir.path, force: true)
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("Content/site.yml").path))
        XCTAssertTrue(FileManager.default.fileExists(atPath: dir.appendingPathComponent("notes.txt").path))

        let repo = try Fixtures.tempDir(self)
        try FileManager.default.createDirectory(at: repo.appendingPathComponent(".git"), withIntermediateDirectories: true)
        XCTAssertNoThrow(try SiteInitializer(source: Fixtures.repoRoot).create(at: repo.path), "a fresh git repository counts as empty")
    }

    func testMissingDefaultsSayWhatToDo() throws {
        let nowhere = try Fixtures.tempDir(self)
        XCTAssertThrowsError(try SiteInitializer(source: nowhere).create(at: nowhere.appendingPathComponent("new").path)) { error in
            guard case PublishError.defaultsMissing = error else { return XCTFail("\(error)") }
            XCTAssertTrue("\(error)".contains("--from"), "\(error)")
        }
        XCTAssertEqual(SiteInitializer.builtFrom.standardizedFileURL.path, Fixtures.repoRoot.standardizedFileURL.path)
    }
}
