import TemplateEngine
import XCTest

/// What a theme author sees when a template is wrong: the template, line and column, and what
/// was expected and found.
final class TemplateErrorTests: XCTestCase {
    func error(_ source: String) -> TemplateError? {
        do { _ = try TemplateLibrary(templates: ["story.mustache": source]); return nil } catch { return error as? TemplateError }
    }

    func testUnclosedSectionNamesWhereItOpened() throws {
        let e = try XCTUnwrap(error("<ul>\n  {{#items}}\n  <li>{{name}}</li>\n</ul>\n"))
        XCTAssertEqual(e.template, "story.mustache")
        XCTAssertEqual([e.line, e.column], [2, 3])
        XCTAssertTrue(e.message.contains("unclosed section \"items\"") && e.message.contains("{{/items}}"), e.message)
    }

    func testMismatchedCloseSaysWhatWasExpected() throws {
        let e = try XCTUnwrap(error("{{#a}}\n{{#b}}\n{{/a}}\n"))
        XCTAssertEqual([e.line, e.column], [3, 1])
        XCTAssertTrue(e.message.contains("expected \"{{/b}}\"") && e.message.contains("found \"{{/a}}\""), e.message)
        XCTAssertEqual(e.description.prefix(19), "story.mustache:3:1:")
    }

    func testUnclosedTagAndBadDelimiters() throws {
        XCTAssertEqual(try XCTUnwrap(error("Hello {{name")).column, 7)
        XCTAssertNotNil(error("{{=<% %>}}"))
        XCTAssertNil(error("{{=<% %>=}}<% name %>"))
    }

    func testEscapingAndUnknownNames() throws {
        let library = try TemplateLibrary(templates: ["t": "{{a}}|{{{a}}}|{{&a}}|{{missing}}|{{#list}}{{.}},{{/list}}"])
        XCTAssertEqual(library.render("t", ["a": "<b title=\"x\">Tom & Jerry's</b>", "list": [1, 2.5, "x"]]),
                       "&lt;b title=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/b&gt;|<b title=\"x\">Tom & Jerry's</b>|<b title=\"x\">Tom & Jerry's</b>||1,2.5,x,")
        XCTAssertEqual(library.render("no such template", [:]), "")
    }
}
