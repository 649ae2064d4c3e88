import Foundation
@testable import Render
import TemplateEngine
import TestSupport
import XCTest

/// What templates see of the values in a page's context, rendered by sitegen's engine
/// (`TemplateEngine`): text escaped over bytes, numbers and flags as text, sections on strings
/// and numbers as swift-mustache rendered them before (the site's pages are byte for byte the
/// same), dynamic partials, and a missing partial found when the theme loads.
final class ThemeTests: XCTestCase {
    /// The repository's theme plus `probe.mustache` and `probe-part.mustache`.
    func theme(probe: String) throws -> Theme {
        let root = try Fixtures.tempDir(self)
        let templates = root.appendingPathComponent("Templates")
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: templates)
        try Fixtures.write(probe, to: templates.appendingPathComponent("probe.mustache"))
        try Fixtures.write("part:{{s}}", to: templates.appendingPathComponent("probe-part.mustache"))
        return try Theme(directories: [templates.path])
    }

    func testEscapingReplacesTheFiveMarkupCharactersOnly() throws {
        let theme = try theme(probe: "{{t}}")
        XCTAssertEqual(theme.render("probe", ["t": #"Tom & "Jerry" <b>'s</b> — café"#]), "Tom &amp; &quot;Jerry&quot; &lt;b&gt;&#39;s&lt;/b&gt; — café")
        XCTAssertEqual(theme.render("probe", ["t": "&&"]), "&amp;&amp;")
        XCTAssertEqual(theme.render("probe", ["t": "plain text, 100% (3) — ✓"]), "plain text, 100% (3) — ✓")
        XCTAssertEqual(theme.render("probe", ["t": ""]), "")
    }

    func testStringsAndNumbersRenderAsTheirText() throws {
        let theme = try theme(probe: "{{s}}|{{{s}}}|{{n}}|{{{n}}}|{{x}}|{{b}}|{{site.title}}")
        let html = theme.render("probe", ["s": "Tom & <Jerry>'s", "n": 42, "x": 2.5, "b": true, "site": ["title": "A & B"]])
        XCTAssertEqual(html, "Tom &amp; &lt;Jerry&gt;&#39;s|Tom & <Jerry>'s|42|42|2.5|true|A &amp; B")
    }

    func testSectionsOnStringsAndNumbers() throws {
        // A section on a string or number pushes it: `{{.}}` is the value, other names are looked
        // up below it. Empty strings and zero are true, as swift-mustache (and Mustache's Ruby
        // reference) have them; only a missing name, false or an empty list are not.
        let theme = try theme(probe: "{{#s}}[{{.}}|{{other}}]{{/s}}{{^s}}no s{{/s}}{{#blank}}<{{.}}>{{/blank}}{{#zero}}({{.}}){{/zero}}{{^zero}}no zero{{/zero}}{{#missing}}x{{/missing}}{{^missing}}none{{/missing}}{{#empty}}e{{/empty}}{{^empty}}no items{{/empty}}")
        let html = theme.render("probe", ["s": "x & y", "other": "below", "blank": "", "zero": 0, "empty": []])
        XCTAssertEqual(html, "[x &amp; y|below]<>(0)noneno items")
    }

    func testAMissingPartialFailsTheThemeWithItsFile() throws {
        XCTAssertThrowsError(try theme(probe: "{{>partials/no-such-card}}")) { error in
            XCTAssertTrue("\(error)".contains("probe.mustache"), "\(error)")
            XCTAssertTrue("\(error)".contains("partials/no-such-card"), "\(error)")
        }
        XCTAssertThrowsError(try theme(probe: "line one\n  {{#open}}\n")) { error in
            XCTAssertTrue("\(error)".contains("probe.mustache:2"), "\(error)")
            XCTAssertTrue("\(error)".contains("column 3") && "\(error)".contains("{{/open}}"), "\(error)")
        }
    }

    func testDynamicPartialsAreNamedByStrings() throws {
        let theme = try theme(probe: "{{>*part}}")
        XCTAssertEqual(theme.render("probe", ["part": "probe-part", "s": "y"]), "part:y")
    }

    /// `serve`'s render memo: equal contexts (whatever the order their dictionaries were built in)
    /// are one page; any difference, down to the bytes of a string, is another.
    func testRenderMemoKeysAreEqualExactlyForEqualContexts() throws {
        func key(_ value: [String: TemplateValue], _ template: String = "home", templates: UInt64 = 1) -> RenderMemo.Key {
            RenderMemo.Key(template: template, templates: templates, value: .object(value))
        }
        var a: [String: TemplateValue] = [:]
        for k in 0..<50 { a["k\(k)"] = .int(k) }
        var b: [String: TemplateValue] = [:]
        for k in (0..<50).reversed() { b["k\(k)"] = .int(k) }
        a["cards"] = [["title": "One", "sources": 2], ["title": "Two", "flag": true]]
        b["cards"] = [["sources": 2, "title": "One"], ["flag": true, "title": "Two"]]
        XCTAssertEqual(key(a), key(b))
        XCTAssertNotEqual(key(a), key(a, "outlet"), "another template")
        XCTAssertNotEqual(key(a), key(a, templates: 2), "the template or one of its partials edited")
        b["cards"] = [["title": "Two", "flag": true], ["title": "One", "sources": 2]]
        XCTAssertNotEqual(key(a), key(b), "list order counts")
        XCTAssertNotEqual(key(["t": "caf\u{E9}"]), key(["t": "cafe\u{301}"]), "canonically equal strings with other bytes")
        XCTAssertNotEqual(key(["n": 1]), key(["n": "1"]))
        XCTAssertNotEqual(key(["n": 1]), key(["n": true]))
        XCTAssertNotEqual(key(["n": nil]), key([:]), "a null is a value")

        let memo = RenderMemo()
        let k = key(a)
        XCTAssertNil(memo.text(for: k))
        memo.keep("<p>page</p>", for: k)
        memo.finish()
        XCTAssertEqual(memo.text(for: k), "<p>page</p>")
        memo.finish()
        memo.finish()
        XCTAssertNil(memo.text(for: k), "a page the last build did not render is dropped")
    }

    /// The templates a page depends on are read from the tags.
    func testTemplateReferencesAreItsPartialsAndParents() {
        let refs = TemplateDependencies.references(in: "{{<base}}{{$main}}{{> partials/card }}{{#x}}{{>\nrow}}{{/x}}{{/main}}{{/base}}{{! {{>in-comment}} }}")
        XCTAssertEqual(refs.names, ["base", "partials/card", "row", "in-comment"], "a comment's tags count too: more is safe")
        XCTAssertFalse(refs.everything)
        XCTAssertEqual(TemplateDependencies.references(in: "{{name}} {{{raw}}} {{&amp}} {{#list}}{{/list}} { {>no}}"), .init())
        XCTAssertTrue(TemplateDependencies.references(in: "{{>*part}}").everything, "a dynamic partial can be any template")
        XCTAssertTrue(TemplateDependencies.references(in: "{{< *parent}}").everything)
        XCTAssertTrue(TemplateDependencies.references(in: "{{=<% %>=}}<%>part%>").everything, "other delimiters: tags not read")
    }

    /// A page's fingerprint changes when a template it reaches changes (or appears), and only then.
    func testTemplateFingerprintsFollowWhatEachTemplateReaches() {
        let sources = ["base": "<main>{{$main}}{{/main}}</main>{{>footer}}", "footer": "<footer>", "story": "{{<base}}{{$main}}{{>entry}}{{/main}}{{/base}}",
                       "entry": "<li>", "home": "{{<base}}{{$main}}{{>missing}}{{/main}}{{/base}}", "dynamic": "{{>*which}}"]
        let before = TemplateDependencies.fingerprints(of: sources)
        func after(_ edit: (inout [String: String]) -> Void) -> [String: UInt64] {
            var edited = sources
            edit(&edited)
            return TemplateDependencies.fingerprints(of: edited)
        }
        var now = after { $0["entry"] = "<li class=\"x\">" }
        XCTAssertNotEqual(now["story"], before["story"])
        XCTAssertEqual(now["home"], before["home"], "home does not use entry")
        XCTAssertNotEqual(now["dynamic"], before["dynamic"], "a dynamic partial depends on everything")
        now = after { $0["footer"] = "<footer>edited" }
        XCTAssertNotEqual(now["story"], before["story"], "through base")
        XCTAssertNotEqual(now["home"], before["home"])
        XCTAssertEqual(now["entry"], before["entry"])
        now = after { $0["missing"] = "now here" }
        XCTAssertNotEqual(now["home"], before["home"], "a partial that appears")
        XCTAssertEqual(now["story"], before["story"])
        now = after { $0["unused"] = "new" }
        XCTAssertEqual(now["story"], before["story"])
        XCTAssertNotEqual(now["dynamic"], before["dynamic"])
        // Moving text between templates is an edit: names and texts are both in the fingerprint.
        now = after { $0["base"] = "<main>{{$main}}{{/main}}</main>{{>footer}}<footer>"; $0["footer"] = "" }
        XCTAssertNotEqual(now["story"], before["story"])
    }

    /// Indentation goes, except where it is text: in <pre>, on a first line, after a line that
    /// is one standalone Mustache tag (which goes with its line break).
    func testIndentationIsNotWrittenWhereHTMLDoesNotShowIt() {
        XCTAssertEqual(Theme.unindented("<ul>\n    <li>a</li>\n  </ul>"), "<ul>\n<li>a</li>\n</ul>")
        XCTAssertEqual(Theme.unindented(" <span>x</span>\n  <b>"), " <span>x</span>\n<b>", "the first line's spaces are text")
        XCTAssertEqual(Theme.unindented("{{! note }}\n <span>x</span>\n  y"), "{{! note }}\n <span>x</span>\ny")
        XCTAssertEqual(Theme.unindented("<pre>\n  code\n    more</pre>\n  <p>"), "<pre>\n  code\n    more</pre>\n<p>")
        XCTAssertEqual(Theme.unindented("a {{x}}\n  b"), "a {{x}}\nb", "a tag with text beside it is not standalone")
    }
}
