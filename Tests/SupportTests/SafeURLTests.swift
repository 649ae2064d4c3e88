@testable import Support
import XCTest

final class SafeURLTests: XCTestCase {
    func testOnlyWebAndMailURLsPassAndComeOutValid() {
        XCTAssertEqual(SafeURL.web("https://example.org/a?b=1"), "https://example.org/a?b=1")
        XCTAssertEqual(SafeURL.web(" http://h.com/x "), "http://h.com/x")
        XCTAssertEqual(SafeURL.web("mailto:desk@example.org"), "mailto:desk@example.org")
        for bad in ["javascript:alert(1)", " JAVASCRIPT:alert(1)", "data:text/html,<b>", "vbscript:x", "//evil.example/x", "/relative",
                    "https://", "http://exa mple.org", "http://h.com/\u{0}", "mailto:nobody", "&#106;avascript:alert(1)", "ftp://h.com/f"] {
            XCTAssertNil(SafeURL.web(bad), bad)
        }
        // The HTML escaping of a scraped page is undone; characters no URL may hold are encoded.
        XCTAssertEqual(SafeURL.web("http://h.com/a-can&#39;t#x#y"), "http://h.com/a-can't#x%23y")
        XCTAssertEqual(SafeURL.web("https://h.com/?a=1&amp;utm_source=x"), "https://h.com/?a=1&utm_source=x")
        XCTAssertEqual(SafeURL.web("https://h.com/?q=<x>&y=\"z\""), "https://h.com/?q=%3Cx%3E&y=%22z%22")
        XCTAssertEqual(SafeURL.web("https://h.com/&unknown;x"), "https://h.com/&unknown;x")
    }

    /// The byte-level fast path takes only URLs Foundation's parser passes unchanged.
    func testTheFastPathAgreesWithTheParser() {
        let fixed = ["https://example.org/a?b=1", "http://h.com", "http://h.com:8080/x", "http://h.com:99999/x", "http://h.com:/x",
                     "https://www.nytimes.com/2019/08/25/world/g7-summit.html?action=click#story", "http://h.com/%7Euser",
                     "http://h.com/%7", "http://h.com/%zz", "http://h.com/a#b#c", "http://h.com/a b", "http://[::1]/", "http://user@h.com/",
                     "HTTP://H.COM/", "http://h.com/\u{E9}", "http://h.com/a|b", "http://-/", "http://./", "http://h.com?x", "http://h.com#f",
                     "https://h.com/it's-(here)!*+,;=:@~$"]
        let pieces = ["http://", "https://", "h.com", "a", ":", "80", "/", "?", "#", "%41", "%", "=", "&", "'", " ", "[", "]", "@", "-", "é", "."]
        var generator = SystemRandomNumberGenerator()
        var inputs = fixed
        for _ in 0..<3000 { inputs.append((0..<Int.random(in: 1...8, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()) }
        var taken = 0
        for url in inputs {
            guard let fast = SafeURL.plainWebURL(url) else { continue }
            taken += 1
            XCTAssertEqual(fast, SafeURL.parsed(url), url)
        }
        XCTAssertGreaterThan(taken, 10, "the fast path takes the common URLs")
        XCTAssertNil(SafeURL.plainWebURL("http://h.com/?a=1&amp;b=2"), "character references go to the parser")
    }

    /// A safe URL is a web page's when its scheme is http or https, in any case; a mail address
    /// is not.
    func testPagesAreHTTPAddresses() {
        for raw in ["https://example.org/a", "HTTP://Example.org/", "http://h.com/x%20y", "https://h.com/&amp;x"] {
            guard let url = SafeURL.web(raw) else { return XCTFail(raw) }
            XCTAssertTrue(SafeURL.isPage(url), raw)
        }
        guard let mail = SafeURL.web("mailto:desk@example.org") else { return XCTFail("mailto") }
        XCTAssertFalse(SafeURL.isPage(mail))
    }
}

final class SlugTests: XCTestCase {
    func testNumberedSlugsStayWithinTheLimit() {
        let base = Slug.make(String(repeating: "word ", count: 40))
        XCTAssertLessThanOrEqual(base.count, 80)
        for n in [2, 10, 1000] {
            let slug = Slug.numbered(base, n)
            XCTAssertLessThanOrEqual(slug.count, 80, slug)
            XCTAssertTrue(slug.hasSuffix("-\(n)"))
            XCTAssertFalse(slug.contains("--"))
        }
        XCTAssertEqual(Slug.numbered("short", 2), "short-2")
    }
}
