@testable import Corpus
import Foundation
import Support
import TestSupport
import XCTest

final class OutletRegistryTests: XCTestCase {
    func registry() throws -> OutletRegistry {
        try OutletRegistry.load(path: Fixtures.outlets).registry
    }

    func testMatchesByAliasIgnoringCaseAndPunctuation() throws {
        let r = try registry()
        XCTAssertEqual(r.match(name: "Fox Online News", url: nil)?.name, "Fox News (Online News)")
        XCTAssertEqual(r.match(name: "fox news", url: nil)?.bias, .right)
        XCTAssertEqual(r.match(name: "New York Times - News", url: nil)?.name, "New York Times (News)")
        XCTAssertEqual(r.match(name: "NEW YORK TIMES", url: nil)?.bias, .leanLeft)
    }

    func testMatchesByURLHostOrParentDomain() throws {
        let r = try registry()
        XCTAssertEqual(r.match(name: nil, url: "https://thecaucus.blogs.nytimes.com/2010/02/20/x/")?.name, "New York Times (News)")
        XCTAssertEqual(r.match(name: "Some Unknown Name", url: "http://www.foxnews.com/politics/x.html")?.name, "Fox News (Online News)")
        XCTAssertNil(r.match(name: "No Such Outlet", url: "https://no-such-outlet.example/x"))
    }

    /// One name on two hosts (HuffPost: huffpost.com and highline.huffingtonpost.com) is one
    /// outlet; its primary rating is the AllSides one, the other host's rating is kept apart.
    func testOneNameOnTwoHostsIsOneOutletWithBothRatingsKept() throws {
        let r = try registry()
        let huffpost = try XCTUnwrap(r.match(name: "HuffPost", url: "https://www.huffingtonpost.com/2014/06/10/x.html"))
        XCTAssertEqual(huffpost.name, "HuffPost")
        XCTAssertEqual(huffpost.bias, .left)
        XCTAssertEqual(huffpost.domains.first, "huffpost.com")
        XCTAssertTrue(huffpost.domains.contains("highline.huffingtonpost.com"))
        XCTAssertEqual(huffpost.otherRatings.first?.bias, .leanLeft)
        XCTAssertEqual(r.match(name: nil, url: "https://highline.huffingtonpost.com/a")?.slug, huffpost.slug)
        XCTAssertEqual(r.outlets.filter { $0.name == "HuffPost" }.count, 1)
        XCTAssertEqual(Set(r.outlets.map(\.slug)).count, r.outlets.count, "outlet slugs are unique")
    }

    func testUnmatchedOutletsResolveAsUnlistedAndUnrated() throws {
        let r = try registry()
        let o = try XCTUnwrap(r.resolve(name: "Azerbaijan.us Weekly", url: nil))
        XCTAssertFalse(o.isListed)
        XCTAssertEqual(o.side, .unrated)
        XCTAssertEqual(r.resolve(name: nil, url: "https://news.unknown-host.example/a")?.name, "news.unknown-host.example")
        XCTAssertNil(r.resolve(name: nil, url: nil))
    }

    /// Every outlet of the default site's AllSides corpus is a row of its outlets table (the seed
    /// pages name no outlet in their records; one names its site in its own text).
    func testEveryOutletOfTheDefaultCorpusMatchesARow() throws {
        let r = try OutletRegistry.load(path: Fixtures.outlets).registry
        let corpus = try CorpusLoader().load(directory: Fixtures.repoRoot.appendingPathComponent("Content/corpus").path)
        let named = corpus.articles.filter { $0.url != nil }
        XCTAssertEqual(named.count, 2_357)
        XCTAssertEqual(corpus.articles.filter { $0.url == nil }.compactMap(\.outlet), ["Azerbaijan.us"])
        for article in named {
            XCTAssertNotNil(r.match(name: article.outlet, url: article.url), "\(article.outlet ?? "-") \(article.url ?? "-")")
        }
    }

    func testBadRowsAreReportedWithTheirLine() throws {
        let dir = try Fixtures.tempDir(self)
        try Fixtures.write("name,domain,bias,factuality\nGood,good.example,center,high\n,,left,\nOdd,odd.example,sideways,\n", to: dir.appendingPathComponent("o.csv"))
        let (r, diagnostics) = try OutletRegistry.load(path: dir.appendingPathComponent("o.csv").path)
        XCTAssertEqual(r.outlets.map(\.name), ["Good", "Odd"])
        XCTAssertEqual(diagnostics.map { "\($0.location.line ?? 0) \($0.severity)" }, ["3 error", "4 warning"])
        XCTAssertNil(r.outlets[1].bias)
    }

    func testSlugs() {
        XCTAssertEqual(Slug.make("Russia's Push for Digital Sovereignty!"), "russias-push-for-digital-sovereignty")
        XCTAssertEqual(Slug.make("Zürich – Café Crème"), "zurich-cafe-creme")
        XCTAssertEqual(Slug.make("../.."), "untitled")
        XCTAssertEqual(Slug.make(""), "untitled")
        let long = Slug.make(String(repeating: "word ", count: 40))
        XCTAssertLessThanOrEqual(long.count, 80)
        XCTAssertFalse(long.hasSuffix("-"))
        XCTAssertTrue(long.hasSuffix("word"), "cut at a word boundary: \(long)")
    }
}
