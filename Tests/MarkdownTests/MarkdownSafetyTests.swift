import Corpus
import Foundation
@testable import Markdown
import Stories
import XCTest

final class MarkdownSafetyTests: XCTestCase {
    let renderer = MarkdownRenderer()

    func testTablesFootnotesStrikethroughAndAutolinksRender() {
        let html = renderer.html("""
        | Outlet | Side |
        |---|:-:|
        | Fox | Right |

        A claim.[^1] ~~gone~~ www.example.org

        [^1]: The source.
        """)
        XCTAssertTrue(html.contains("<table>"))
        XCTAssertTrue(html.contains("<th align=\"center\">Side</th>"))
        XCTAssertTrue(html.contains("<sup class=\"footnote-ref\"><a href=\"#fn-1\" id=\"fnref-1\" data-footnote-ref>1</a></sup>"), html)
        XCTAssertTrue(html.contains("<section class=\"footnotes\" data-footnotes>"))
        XCTAssertTrue(html.contains("<del>gone</del>"))
        XCTAssertTrue(html.contains("<a href=\"http://www.example.org\">www.example.org</a>"))
    }

    func testSafeModeDropsRawHTMLAndScriptLinks() {
        let html = renderer.html("<script>alert(1)</script>\n\n<img src=x onerror=alert(1)>\n\n[x](javascript:alert(1)) [y](data:text/html;base64,PHNjcmlwdD4=)")
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.lowercased().contains("javascript:"))
        XCTAssertFalse(html.contains("data:text/html"))
        XCTAssertTrue(html.contains("<!-- raw HTML omitted -->"))
    }

    /// Escaped corpus text renders as exactly that text, whatever Markdown or HTML it holds.
    func testEscapedTextRendersLiterally() {
        let renderer = MarkdownRenderer.corpusText
        let hostile = [
            "<img src=x onerror=alert(1)>", "[click](javascript:alert(1))", "**bold** _it_ `code`",
            "# not a heading", "1. not a list", "- not a list", "Tom & Jerry \"quoted\" 'single'",
            "| a | b |", "![img](http://x/y.png)", "{{template}} {{{raw}}}", "\\*escaped\\*", "<!-- comment -->",
            "line one\nline two", "&lt;entity&gt; &amp;",
            // A combining mark makes "[\u{301}" one Character; the escaper works on bytes, so it still sees "[".
            "[\u{301}click](javascript:alert(1))", "<\u{301}img src=x onerror=alert(1)>", "2024.\u{301} not a list",
        ]
        for text in hostile {
            let html = renderer.html(MarkdownText.escape(text))
            // Replaced over bytes: String's replacing works on Characters, and "&lt;" + U+0301 is not one.
            var visible = html
            for (entity, plain) in [("<p>", ""), ("</p>\n", ""), ("&lt;", "<"), ("&gt;", ">"), ("&quot;", "\""), ("&amp;", "&")] {
                visible = Self.replacingBytes(entity, with: plain, in: visible)
            }
            XCTAssertEqual(visible, text.replacingOccurrences(of: "\n", with: " "), "escaping \(text)")
            XCTAssertFalse(html.contains("<img") || html.contains("<a ") || html.contains("<strong>") || html.contains("<h1>"), html)
        }
    }

    static func replacingBytes(_ target: String, with replacement: String, in text: String) -> String {
        let t = Array(target.utf8), bytes = Array(text.utf8)
        var out: [UInt8] = []
        var i = 0
        while i < bytes.count {
            if i + t.count <= bytes.count, Array(bytes[i..<(i + t.count)]) == t {
                out += Array(replacement.utf8)
                i += t.count
            } else {
                out.append(bytes[i])
                i += 1
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    func testOversizedInputIsCutAndSaysSo() {
        let small = MarkdownRenderer(maxBytes: 100)
        let result = small.render(String(repeating: "é", count: 200))
        XCTAssertTrue(result.truncated)
        XCTAssertTrue(result.html.hasPrefix("<p>é"))
        XCTAssertFalse(MarkdownRenderer().render("short").truncated)
    }

    /// A story whose titles, outlet names and URLs are hostile renders to HTML with none of it live.
    func testStoryDocumentNeverLetsCorpusTextBecomeMarkup() {
        let evil = Outlet(name: "Evil <b>&</b> \"Co\"", bias: .left)
        let articles = [
            SourcedArticle(article: Article(id: "1", url: "javascript:alert(1)", title: "<script>alert(1)</script> [x](javascript:y)",
                                            body: "<img src=x onerror=alert(1)> is a lead sentence that is long enough to be used."), outlet: evil),
            SourcedArticle(article: Article(id: "2", url: "https://example.org/a?b=1&c=<2>", title: "Fine | pipes | here"), outlet: nil),
        ]
        let story = Story(key: "k", slug: "s", title: "T", articles: articles, topics: ["<i>topic</i>"])
        let doc = StoryDocument(story: story, coverage: Coverage(story: story), summary: [SummarySentence(text: articles[0].article.body!, citations: [Citation(articleID: "1", similarity: 1, sentence: articles[0].article.body!)])],
                                links: StoryLinks { _ in "../../outlets/evil/" })
        let renderer = MarkdownRenderer.corpusText
        let html = [doc.summary, doc.sources].map(renderer.html).joined() + doc.headlines.map { renderer.html($0.markdown) }.joined()
        XCTAssertFalse(html.contains("<script"))
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertFalse(html.lowercased().contains("href=\"javascript:"), "a javascript: URL never becomes a link")
        XCTAssertTrue(html.contains("[x](javascript:y)"), "but stays readable as text")
        XCTAssertTrue(html.contains("Evil &lt;b&gt;&amp;&lt;/b&gt; &quot;Co&quot;"), html)
        XCTAssertTrue(html.contains("href=\"https://example.org/a?b=1&amp;c=%3C2%3E\""), html)
        XCTAssertTrue(html.contains("Fine | pipes | here"), "pipes stay inside their table cell")
        XCTAssertEqual(html.components(separatedBy: "<tr>").count - 1, 3, "header + 2 rows")
        XCTAssertTrue(doc.markdown.hasPrefix("---\ntitle: \"T\"\nslug: \"s\"\n"))
    }

    /// Inputs this cmark-gfm parses in quadratic time are cut to a safe depth, fast, and reported.
    func testDeepNestingIsCutAndReported() {
        let deep = [String(repeating: ">", count: 50_000) + " quote", String(repeating: "[", count: 50_000) + "x" + String(repeating: "]", count: 50_000),
                    String(repeating: "*", count: 50_000) + "y", String(repeating: "  ", count: 20_000) + "- item", String(repeating: "![", count: 30_000)]
        for input in deep {
            let started = Date()
            let result = MarkdownRenderer().render(input)
            XCTAssertTrue(result.truncated, String(input.prefix(10)))
            XCTAssertLessThan(Date().timeIntervalSince(started), 2, "rendered in linear time: \(input.prefix(10))")
        }
        XCTAssertEqual(MarkdownRenderer.limitingNesting("> a\n>> b\n[x](y) **bold**").cut, 0, "ordinary nesting untouched")
        XCTAssertFalse(MarkdownRenderer().render("> > quote **bold** [link](https://example.org)").truncated)
    }
}
