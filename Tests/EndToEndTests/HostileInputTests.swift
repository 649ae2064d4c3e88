@testable import Build
import Foundation
import FoundationXML
import TestSupport
import XCTest
#if canImport(FoundationXML)
#endif

/// A corpus written by an attacker: markup, scripts, dangerous URLs, template syntax, bidi
/// overrides, NUL and invalid UTF-8, huge fields, hostile slugs, duplicate ids, hostile outlet
/// names — in every field that reaches a page, a feed, stories.json or a file name. The build
/// must succeed (reporting what it skipped), and nothing executable may come out of it.
final class HostileInputTests: XCTestCase {
    static let payloads = [
        "<script>alert(1)</script>", "<img src=x onerror=alert(2)>", "<svg onload=alert(3)>", "javascript:alert(4)",
        "data:text/html,<b>5</b>", "&lt;script&gt;&amp;", "<!-- comment -->", "[link](javascript:alert(6))", "![img](https://evil.example/x.png)",
        "<div>raw block</div>", "{{site.title}}", "{{{danger}}}", "\u{202E}txt.exe", "\"quotes\" & 'apostrophes'", "<iframe src=//evil.example>",
        "<a href=\"javascript:alert(7)\">x</a>", "<style>body{display:none}</style>", "<form action=//evil.example><input>", "</script><script>alert(8)</script>",
    ]

    func record(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    func makeHostileSite() throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        var lines: [String] = []
        let sentence = "The council voted on Tuesday to close the harbour bridge for repairs next spring, officials said."
        for (i, payload) in Self.payloads.enumerated() {
            lines.append(try record([
                "id": "p\(i)", "outlet": i % 2 == 0 ? "Evil \"Outlet\" & <Co>" : payload,
                "url": ["javascript:alert(1)", "data:text/html,x", "https://ok.example/\(i)?q=<x>&y=\"z\"", "vbscript:x", "//evil.example/x", " JAVASCRIPT:alert(1)"][i % 6],
                "published": "2021-06-0\(1 + i % 3)", "title": "\(payload) headline \(i)", "story": "hostile-\(i % 3)",
                "body": "\(payload) \(sentence)\n\n\(payload)\n\n> > > \(payload) [[[[x]]]] ****y**** \(sentence)",
                "topics": [payload, "Topic & <b>bold</b>"], "authors": [payload],
            ]))
        }
        // Slugs that come out as nothing or as dots; a 10,000-character title; a 5 MB body.
        lines.append(try record(["id": "dots", "outlet": "Wire", "published": "2021-06-02", "title": "..", "body": sentence, "story": ".."]))
        lines.append(try record(["id": "empty-slug", "outlet": "Wire", "published": "2021-06-02", "title": "🙂 … 🙂", "body": sentence, "story": "🙂"]))
        lines.append(try record(["id": "slash", "outlet": "Wire", "published": "2021-06-02", "title": "../../../../etc/passwd", "body": sentence, "story": "../../x"]))
        // (Its own body: with the others' sentence it would rightly join their story, under their slug.)
        lines.append(try record(["id": "long", "outlet": "Wire", "published": "2021-06-03", "title": String(repeating: "Zebra crossing survey ", count: 455),
                                 "body": "The library reopens on Monday after the winter floods, with a new reading room upstairs."]))
        lines.append(try record(["id": "big", "outlet": "Wire", "published": "2021-06-03", "title": "Big body",
                                 "body": String(repeating: sentence + " ", count: 5_000_000 / sentence.utf8.count)]))
        // NUL through a JSON escape, a duplicate id, and a line that is not UTF-8.
        lines.append(#"{"id":"nul","outlet":"Wire\u0000Co","published":"2021-06-02","title":"NUL\u0000inside","body":"A body with a NUL \u0000 inside it, long enough for a sentence today."}"#)
        lines.append(try record(["id": "p0", "outlet": "Wire", "title": "Duplicate id", "body": sentence]))
        var data = Data((lines.joined(separator: "\n") + "\n").utf8)
        data.append(contentsOf: [0x7B, 0x22, 0x69, 0x64, 0x22, 0x3A, 0x22, 0xFF, 0xFE, 0x22, 0x7D, 0x0A]) // {"id":"\xFF\xFE"}
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/corpus"), withIntermediateDirectories: true)
        try data.write(to: root.appendingPathComponent("Content/corpus/hostile.jsonl"))
        // A raw article with hostile front matter, and an outlets table with quotes and ampersands.
        try Fixtures.write("---\ntitle: \"<script>alert('fm')</script>\"\noutlet: \"A & B \\\"News\\\"\"\ntopics: [\"<b>x</b>\"]\n---\n<img src=x onerror=alert('md')> \(sentence)\n", to: root.appendingPathComponent("Content/corpus/raw.md"))
        try Fixtures.write("name,domain,bias,factuality,owner\n\"Evil \"\"Outlet\"\" & <Co>\",evil.example,left,high,\"<script>owner</script>\"\n", to: root.appendingPathComponent("Content/outlets.csv"))
        try Fixtures.write("title: \"Site <b>&</b> {{x}}\"\nbase_url: https://example.org/news/\n", to: root.appendingPathComponent("Content/site.yml"))
        return root
    }

    /// Everything executable or dangerous an HTML page could hold that our templates never write.
    /// `themeCSS` is the site's own stylesheet: the one `<style>` block allowed is exactly it (the 404
    /// page carries it inline); any other `<style` is a danger.
    static func dangers(in html: String, themeCSS: String = "") -> [String] {
        var text = html
        if !themeCSS.isEmpty { text = text.replacingOccurrences(of: "<style>" + themeCSS + "</style>", with: "") }
        // Our own scripts: the JSON-LD block and search.js.
        while let start = text.range(of: "<script type=\"application/ld+json\">"), let end = text.range(of: "</script>", range: start.upperBound..<text.endIndex) {
            let json = String(text[start.upperBound..<end.lowerBound])
            if json.contains("<") { return ["raw < inside JSON-LD"] }
            text.removeSubrange(start.lowerBound..<end.upperBound)
        }
        text = text.replacingOccurrences(of: #"<script src="../search.js" defer></script>"#, with: "")
        var found: [String] = []
        let lower = text.lowercased()
        for tag in ["<script", "<img", "<iframe", "<object", "<embed", "<style", "<form action", "<input>", "<div>raw", "<b>", "<a href=\"javascript"] where lower.contains(tag) {
            found.append(tag)
        }
        for scheme in ["href=\"javascript:", "src=\"javascript:", "href=\"data:", "src=\"data:", "href=\"vbscript:", "href=\" javascript:", "href=\"//evil"] where lower.contains(scheme) {
            found.append(scheme)
        }
        // Event-handler attributes inside a tag (quoted attribute values, where escaped corpus text
        // sits, taken out first).
        let unquoted = lower.replacingOccurrences(of: #""[^"]*""#, with: "\"\"", options: .regularExpression)
        if unquoted.range(of: #"<[a-z][^>]*\son[a-z]+\s*="#, options: .regularExpression) != nil { found.append("on…= attribute") }
        if text.contains("\u{202E}") { found.append("bidi override") }
        if text.contains("\u{0}") { found.append("NUL") }
        return found
    }

    func testAHostileCorpusBuildsAndNothingExecutableComesOut() throws {
        let root = try makeHostileSite()
        let out = root.appendingPathComponent("Public")
        let report = try SiteBuilder(options: BuildOptions(root: root.path, output: out.path)).build()
        XCTAssertGreaterThan(report.stories, 5)
        let messages = report.diagnostics.map(\.description).joined(separator: "\n")
        XCTAssertTrue(messages.contains("\"p0\""), "the duplicate id is reported: \(messages)")
        XCTAssertTrue(messages.contains("hostile.jsonl:\(Self.payloads.count + 8)"), "the line that is not UTF-8 is reported by line: \(messages)")

        var pages = 0
        let cssName = try FileManager.default.contentsOfDirectory(atPath: out.path).first { $0.hasPrefix("site.") && $0.hasSuffix(".css") }
        let themeCSS = try String(contentsOf: out.appendingPathComponent(try XCTUnwrap(cssName, "the stylesheet is written")), encoding: .utf8)
        let walker = FileManager.default.enumerator(atPath: out.path)!
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: out.path + "/" + rel, isDirectory: &isDir)
            if isDir.boolValue { continue }
            // File names: only what slugs and our own names are made of.
            XCTAssertNotNil(rel.range(of: #"^[a-z0-9./_-]+$"#, options: .regularExpression), "file name \(rel)")
            XCTAssertFalse(rel.split(separator: "/").contains { $0 == ".." || $0 == "." }, rel)
            for component in rel.split(separator: "/") { XCTAssertLessThanOrEqual(component.count, 90, rel) }
            let data = try Data(contentsOf: out.appendingPathComponent(rel))
            if rel.hasSuffix(".html") {
                pages += 1
                let html = String(decoding: data, as: UTF8.self)
                XCTAssertEqual(Self.dangers(in: html, themeCSS: themeCSS), [], rel)
            } else if rel.hasSuffix(".xml") || rel.hasSuffix(".opml") {
                let parser = XMLParser(data: data)
                XCTAssertTrue(parser.parse(), "\(rel) is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")")
                let text = String(decoding: data, as: UTF8.self)
                XCTAssertFalse(text.contains("<script") || text.contains("<img") || text.contains("<b>"), rel)
            } else if rel.hasSuffix(".json") {
                XCTAssertNoThrow(try JSONSerialization.jsonObject(with: data), rel)
                XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("<script"), "\(rel): `<` is escaped in JSON")
            }
        }
        XCTAssertGreaterThan(pages, 15)
        // The 10,000-character title kept its page, under an 80-character slug.
        let stories = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("stories").path)
        XCTAssertTrue(stories.contains { $0.hasPrefix("zebra-crossing-survey-zebra-crossing-survey") && $0.count <= 80 }, "\(stories)")
        XCTAssertFalse(stories.contains(".."))
        XCTAssertFalse(stories.contains(""))
    }

    /// The build is deterministic and atomic on this input too: a second build writes nothing; a
    /// build that fails midway (a broken template) leaves the previous site byte for byte.
    func testHostileSiteRebuildsToTheSameBytesAndAFailedBuildLeavesItAlone() throws {
        let root = try makeHostileSite()
        let out = root.appendingPathComponent("Public")
        _ = try SiteBuilder(options: BuildOptions(root: root.path, output: out.path)).build()
        let before = try snapshot(out)
        let again = try SiteBuilder(options: BuildOptions(root: root.path, output: out.path)).build()
        XCTAssertFalse(again.write.changed, "a second build of the same input writes nothing")
        XCTAssertEqual(try snapshot(out), before)
        try "{{#broken".write(to: root.appendingPathComponent("Templates/story.mustache"), atomically: true, encoding: .utf8)
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path, output: out.path)).build())
        XCTAssertEqual(try snapshot(out), before, "the failed build left the previous site untouched")
    }

    func snapshot(_ dir: URL) throws -> [String: Data] {
        var files: [String: Data] = [:]
        let walker = FileManager.default.enumerator(atPath: dir.path)!
        while let rel = walker.nextObject() as? String {
            var isDir: ObjCBool = false
            FileManager.default.fileExists(atPath: dir.path + "/" + rel, isDirectory: &isDir)
            if !isDir.boolValue { files[rel] = try Data(contentsOf: dir.appendingPathComponent(rel)) }
        }
        return files
    }
}
