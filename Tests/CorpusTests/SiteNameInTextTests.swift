@testable import Cleaning
@testable import Corpus
import Foundation
import TestSupport
import XCTest

/// A page that names its own site in its furniture gives its article an outlet when the record
/// names none; a name in the article's own text never does.
final class SiteNameInTextTests: XCTestCase {
    func testNewsletterBoxesAndCopyrightLinesNameTheSite() {
        func removal(_ text: String, _ reason: String) -> Removal { Removal(line: 1, text: text, reason: reason) }
        XCTAssertEqual(SiteNameInText.find(in: [removal("Stay Ahead with Azerbaijan.us", "newsletter prompt")]), "Azerbaijan.us")
        XCTAssertEqual(SiteNameInText.find(in: [removal("Sign up at www.example-news.org/newsletter today", "newsletter prompt")]), nil,
                       "a path is not a host name written alone")
        XCTAssertEqual(SiteNameInText.find(in: [removal("Subscribe to the daily briefing from www.example-news.org.", "heading of a subscription prompt box")]), "example-news.org")
        XCTAssertEqual(SiteNameInText.find(in: [removal("© 2025 The Example Times. All rights reserved.", "copyright line")]), "The Example Times")
        XCTAssertEqual(SiteNameInText.find(in: [removal("Copyright 2019-2025 Example Media Group", "copyright line")]), "Example Media")
        XCTAssertNil(SiteNameInText.find(in: [removal("© 2025", "copyright line")]), "nothing but a year")
        XCTAssertNil(SiteNameInText.find(in: [removal("Credit: Photoibo/shutterstock.com", "photo credit")]), "a photo credit names an agency")
        XCTAssertNil(SiteNameInText.find(in: [removal("Email tips to desk@example.com", "newsletter prompt")]), "an email address")
        XCTAssertNil(SiteNameInText.find(in: [removal("Download photo.jpg", "newsletter prompt")]), "a file name")
    }

    /// The seed pages: the one whose newsletter box names its site gets that outlet; the other
    /// four, whose text cites Reuters and The Moscow Times as sources, get none.
    func testTheSeedPagesNameOnlyTheirOwnSite() throws {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("seed-story")])
        XCTAssertEqual(loaded.articles.compactMap(\.outlet), ["Azerbaijan.us"])
        XCTAssertEqual(loaded.cleaning.outletsFound, 1)
        XCTAssertEqual(loaded.stats.outletsFromText, 1)
        XCTAssertEqual(loaded.stats.withoutOutlet, 4)
        // A record that names its outlet keeps it, whatever its page says.
        let dir = try Fixtures.tempDir(self)
        let text = try String(contentsOfFile: try Fixtures.vendored("seed-story/003_23d315207935de3f.txt"), encoding: .utf8)
        try Fixtures.write("---\noutlet: Example Wire\n---\n" + text, to: dir.appendingPathComponent("a.txt"))
        XCTAssertEqual(CorpusLoader().load(paths: [dir.path]).articles.map(\.outlet), ["Example Wire"])
    }
}
