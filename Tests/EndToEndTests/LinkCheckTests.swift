@testable import Build
import Foundation
@testable import LinkCheck
import TestSupport
import XCTest

/// Follows every link of the built default site with `LinkChecker`: no internal link may be broken, no fragment may
/// miss its anchor, and every page must be reachable from the home page — once with a root
/// `base_url` and once with a sub-path one.
final class LinkCheckTests: XCTestCase {
    func check(_ out: URL, basePath: String, absolute: String?) throws -> (problems: [LinkChecker.Problem], pages: Int) {
        LinkChecker(root: out.path, basePath: basePath, absoluteBase: absolute).run()
    }

    func build(baseURL: String) throws -> URL {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        var options = BuildOptions(root: Fixtures.repoRoot.path, output: out.path, baseURL: baseURL)
        options.strict = true
        _ = try SiteBuilder(options: options).build()
        return out
    }

    func testEveryLinkOfTheDefaultSiteResolvesWithARootBaseURL() throws {
        let out = try build(baseURL: "/")
        let (problems, pages) = try check(out, basePath: "/", absolute: nil)
        XCTAssertGreaterThan(pages, 60)
        XCTAssertEqual(problems.map(\.description), [])
    }

    func testEveryLinkOfTheDefaultSiteResolvesUnderASubPath() throws {
        let out = try build(baseURL: "https://example.org/news/")
        let (problems, pages) = try check(out, basePath: "/news/", absolute: "https://example.org/news/")
        XCTAssertGreaterThan(pages, 60)
        XCTAssertEqual(problems.map(\.description), [])
        let home = try String(contentsOf: out.appendingPathComponent("index.html"), encoding: .utf8)
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.org/news/\">"))
        let notFound = try String(contentsOf: out.appendingPathComponent("404.html"), encoding: .utf8)
        XCTAssertTrue(notFound.contains("href=\"/news/favicon.svg\"") && notFound.contains("href=\"/news/blindspot/\""), "the 404 page links from the base path, whatever URL it is served at")
    }

    /// The checker itself finds what it must.
    func testTheCheckerCatchesBrokenLinksMissingAnchorsAndOrphans() throws {
        let out = try Fixtures.tempDir(self)
        try Fixtures.write("<a href=\"a/\">a</a> <a href=\"missing/\">x</a> <a href=\"#nowhere\">y</a> <a href=\"https://elsewhere.example/\">z</a>", to: out.appendingPathComponent("index.html"))
        try Fixtures.write("<p id=\"here\">a</p><a href=\"../#here\">back</a>", to: out.appendingPathComponent("a/index.html"))
        try Fixtures.write("<p>nobody links here</p>", to: out.appendingPathComponent("lonely/index.html"))
        let why = try check(out, basePath: "/", absolute: nil).problems.map(\.why)
        XCTAssertTrue(why.contains("no file missing/index.html"), "\(why)")
        XCTAssertTrue(why.contains("no element with id \"nowhere\" in index.html"), "\(why)")
        XCTAssertTrue(why.contains("no element with id \"here\" in index.html"), "\(why)")
        XCTAssertTrue(why.contains("orphan: no other page links here"), "\(why)")
        XCTAssertEqual(why.count, 4, "\(why)")
    }
}
