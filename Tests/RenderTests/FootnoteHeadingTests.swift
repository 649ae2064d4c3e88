@testable import Render
import XCTest

/// The heading the story page adds to cmark-gfm's footnotes section.
final class FootnoteHeadingTests: XCTestCase {
    func testFootnotesSectionGetsAHeading() {
        let html = "<p>One.</p>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n</ol>\n</section>\n"
        XCTAssertEqual(PageRenderer.headingFootnotes(html), "<p>One.</p>\n<section class=\"footnotes\" data-footnotes>\n<h3 class=\"visually-hidden\">Sources of each sentence</h3>\n<ol>\n</ol>\n</section>\n")
        let cited = "<p>A.<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup></p>\n<section class=\"footnotes\" data-footnotes>\n<ol>\n<li id=\"fn-1\">\n<p>S <a href=\"#fnref-1\" class=\"footnote-backref\" data-footnote-backref aria-label=\"Back to content\">↩</a></p>\n</li>\n</ol>\n</section>\n"
        let marked = PageRenderer.headingFootnotes(cited)
        XCTAssertFalse(marked.contains("data-footnote-ref"), "GitHub's markers go")
        XCTAssertTrue(marked.contains("<a href=\"#fn-1\" id=\"fnref-1\">1</a>"))
        XCTAssertTrue(marked.contains("<a href=\"#fnref-1\" class=\"footnote-backref\" aria-label=\"Back to content\">↩</a>"))
        XCTAssertEqual(PageRenderer.headingFootnotes("<p>No notes.</p>\n"), "<p>No notes.</p>\n")
    }
}
