@testable import Render
import XCTest

/// The heading the story page adds to cmark-gfm's footnotes section.
final class FootnoteHeadingTests: XCTestCase {
    func testFootnotesSectionGetsAHeading() {
        let html = "<p>One.</p>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n</ol>\n</section>\n"
        XCTAssertEqual(PageRenderer.headingFootnotes(html), "<p>One.</p>\n<section class=\"footnotes\" data-footnotes>\n<h3 class=\"visually-hidden\">Sources of each sentence</h3>\n<ol>\n</ol>\n</section>\n")
        XCTAssertEqual(PageRenderer.headingFootnotes("<p>No notes.</p>\n"), "<p>No notes.</p>\n")
    }
}
