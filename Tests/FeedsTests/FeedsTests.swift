@testable import Build
import Corpus
@testable import Feeds
import Foundation
import FoundationXML
@testable import Output
@testable import Render
@testable import SiteModel
import Support
import TestSupport
import XCTest
#if canImport(FoundationXML)
#endif

/// Atom feeds, OPML, the data shards, sitemap.xml, robots.txt and JSON-LD: well-formed, valid per real
/// validators (Python's feedparser for Atom, lxml with the sitemaps.org XSD), absolute under a
/// sub-path base_url, safe against hostile corpus text, and byte-identical from build to build.
final class FeedsTests: XCTestCase {
    static let here = URL(fileURLWithPath: #filePath).deletingLastPathComponent()

    struct Built {
        var files: [String: Data]
        var model: SiteModel
        var paths: SitePaths
        func text(_ path: String) throws -> String {
            String(decoding: try XCTUnwrap(files[path], "no \(path)"), as: UTF8.self)
        }
    }

    /// A site folder with the repository's theme, the given corpus (file name → text), the files
    /// copied (path → place in the site) and outlets.
    func makeSite(corpus: [String: String] = [:], copying files: [String: String] = [:], outlets: String? = nil, siteYML: String = "") throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/corpus"), withIntermediateDirectories: true)
        for (name, text) in corpus { try Fixtures.write(text, to: root.appendingPathComponent("Content/corpus/\(name)")) }
        for (path, target) in files { try FileManager.default.copyItem(atPath: path, toPath: root.appendingPathComponent(target).path) }
        if let outlets { try Fixtures.write(outlets, to: root.appendingPathComponent("Content/outlets.csv")) }
        try Fixtures.write(siteYML, to: root.appendingPathComponent("Content/site.yml"))
        return root
    }

    /// Renders the site and, as SiteBuilder will once wired, the feed and data files beside it.
    func build(_ root: URL, baseURL: String) throws -> Built {
        let (files, _, model, _) = try SiteBuilder(options: BuildOptions(root: root.path, baseURL: baseURL, jobs: 2)).render()
        var config = try SiteConfig.load(path: root.appendingPathComponent("Content/site.yml").path, display: "site.yml")
        config.baseURL = baseURL
        let paths = SitePaths(baseURL: baseURL)
        let theme = try Theme(directories: [root.appendingPathComponent("Templates").path])
        let feeds = SiteFeeds(config: config, paths: paths, model: model)
        let html = files.map(\.path).filter { $0.hasSuffix(".html") }
        var out: [String: Data] = [:]
        for file in feeds.files(htmlPaths: html) {
            XCTAssertNil(out[file.path], "\(file.path) made twice")
            XCTAssertTrue(OutputWriter.isSafe(file.path), file.path)
            out[file.path] = file.data
        }
        // The pages and the data shards, as the build made them.
        for file in files where out[file.path] == nil { out[file.path] = file.data }
        out["__html__"] = Data(html.joined(separator: "\n").utf8)
        return Built(files: out, model: model, paths: paths)
    }

    func record(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    func assertWellFormedXML(_ data: Data, _ name: String, file: StaticString = #filePath, line: UInt = #line) {
        let parser = XMLParser(data: data)
        XCTAssertTrue(parser.parse(), "\(name): \(parser.parserError.map { "\($0)" } ?? "not well-formed") at line \(parser.lineNumber)", file: file, line: line)
    }

    /// Runs validate_feeds.py: its exit status and report.
    func runValidator(_ arguments: [String]) throws -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["python3", Self.here.appendingPathComponent("validate_feeds.py").path] + arguments
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = String(decoding: pipe.fileHandleForReading.readDataToEndOfFile(), as: UTF8.self)
        process.waitUntilExit()
        return (process.terminationStatus, output)
    }

    /// Runs validate_feeds.py; fails the test with its report unless it exits 0.
    func python(_ arguments: [String], file: StaticString = #filePath, line: UInt = #line) throws {
        let (status, output) = try runValidator(arguments)
        let hint = status == 2 ? " (run Scripts/install-deps.sh to install feedparser and lxml)" : ""
        XCTAssertEqual(status, 0, "validate_feeds.py \(arguments.first ?? ""): \(output.prefix(4000))\(hint)", file: file, line: line)
    }

    /// The validator is not vacuous: it rejects what RFC 4287 and the sitemap XSD reject.
    func testValidatorRejectsBrokenFeedsAndSitemaps() throws {
        let dir = try Fixtures.tempDir(self)
        let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<feed xmlns=\"http://www.w3.org/2005/Atom\">"
        let good = "<title>t</title><id>tag:x,2000:f</id><updated>2020-01-01T00:00:00Z</updated><author><name>a</name></author><link rel=\"self\" href=\"/f\"/>"
        let entry = "<entry><id>tag:x,2000:e</id><title>e</title><updated>2020-01-01T00:00:00Z</updated><link href=\"/e\"/></entry>"
        let cases: [(name: String, text: String, count: Int, complaint: String)] = [
            ("ok", head + good + entry + "</feed>", 1, ""),
            ("count", head + good + entry + "</feed>", 2, "1 entries, expected 2"),
            ("amp", head + good + "<subtitle>A & B</subtitle>" + entry + "</feed>", 1, "bozo"),
            ("noupdated", head + "<title>t</title><id>tag:x,2000:f</id><author><name>a</name></author><link rel=\"self\" href=\"/f\"/>" + entry + "</feed>", 1, "0 atom:updated"),
            ("relativeid", head + good + entry.replacingOccurrences(of: "tag:x,2000:e", with: "/stories/e/") + "</feed>", 1, "not an absolute IRI"),
            ("date", head + good + entry.replacingOccurrences(of: "2020-01-01T00:00:00Z", with: "Jan 1 2020") + "</feed>", 1, "RFC 3339"),
            ("dupid", head + good + entry + entry + "</feed>", 2, "duplicate atom:id"),
            ("nolink", head + good + entry.replacingOccurrences(of: "<link href=\"/e\"/>", with: "") + "</feed>", 1, "no alternate link"),
        ]
        for c in cases {
            let url = dir.appendingPathComponent("\(c.name).xml")
            try Fixtures.write(c.text, to: url)
            try Fixtures.write("\(url.path)\t\(c.count)\n", to: dir.appendingPathComponent("\(c.name).tsv"))
            let (status, output) = try runValidator(["atom", dir.appendingPathComponent("\(c.name).tsv").path])
            XCTAssertEqual(status, c.complaint.isEmpty ? 0 : 1, "\(c.name): \(output)")
            XCTAssertTrue(c.complaint.isEmpty ? output.isEmpty : output.contains(c.complaint), "\(c.name): \(output)")
        }
        let xsd = Self.here.appendingPathComponent("Fixtures/sitemap.xsd").path
        let sitemap = "<?xml version=\"1.0\"?>\n<urlset xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\"><url><loc>LOC</loc>LASTMOD</url></urlset>"
        for (loc, lastmod, valid) in [("https://example.org/a/", "<lastmod>2020-01-31</lastmod>", true), ("/a/", "", false),
                                      ("https://example.org/a/", "<lastmod>31 Jan 2020</lastmod>", false)] {
            let url = dir.appendingPathComponent("sitemap.xml")
            try Fixtures.write(sitemap.replacingOccurrences(of: "LOC", with: loc).replacingOccurrences(of: "LASTMOD", with: lastmod), to: url)
            XCTAssertEqual(try runValidator(["sitemap", url.path, xsd]).status, valid ? 0 : 1, "\(loc) \(lastmod)")
        }
    }

    /// Writes the files to a folder; checks every feed with feedparser (expected entry counts from the
    /// model) and the sitemap with the XSD when `validSitemap`.
    func validate(_ built: Built, feeds: [String: Int], validSitemap: Bool) throws {
        let dir = try Fixtures.tempDir(self).appendingPathComponent("Public")
        _ = try OutputWriter.write(built.files.filter { $0.key != "__html__" }.map { OutputFile(path: $0.key, data: $0.value) }, to: dir.path)
        let manifest = feeds.keys.sorted().map { "\(dir.appendingPathComponent($0).path)\t\(feeds[$0]!)" }.joined(separator: "\n")
        try Fixtures.write(manifest + "\n", to: dir.appendingPathComponent("manifest.tsv"))
        try python(["atom", dir.appendingPathComponent("manifest.tsv").path])
        if validSitemap {
            try python(["sitemap", dir.appendingPathComponent("sitemap.xml").path, Self.here.appendingPathComponent("Fixtures/sitemap.xsd").path])
        }
    }

    /// Every feed the model calls for, with the entries it must hold: dated stories, at most 50.
    func expectedFeeds(_ model: SiteModel) -> [String: Int] {
        func count(_ entries: [StoryEntry]) -> Int { min(AtomFeed.limit, entries.filter { $0.story.lastUpdated != nil }.count) }
        var feeds = ["feed.xml": count(model.stories), "blindspot/feed.xml": count(model.stories.filter { $0.coverage.blindspot != nil })]
        for t in model.topics { feeds["topics/\(t.slug)/feed.xml"] = count(t.stories.map { model.stories[$0] }) }
        for o in model.outlets { feeds["outlets/\(o.outlet.slug)/feed.xml"] = count(o.stories.map { model.stories[$0] }) }
        return feeds
    }

    /// The Google News clusters (87 stories with topics, hundreds of outlets) under a sub-path base.
    func testRealDataFeedsAreValidAtomAndAbsoluteUnderASubPath() throws {
        let root = try makeSite(copying: [try Fixtures.vendored("google-news-clusters-2014.jsonl.gz"): "Content/corpus/g.jsonl.gz", Fixtures.outlets: "Content/outlets.csv"],
                                siteYML: "title: Every Side\n")
        let built = try build(root, baseURL: "https://example.org/news/")
        let model = built.model
        XCTAssertEqual(model.stories.count, 87)
        XCTAssertFalse(model.topics.isEmpty)
        let feeds = expectedFeeds(model)
        XCTAssertEqual(Set(built.files.keys.filter { $0.hasSuffix("feed.xml") }), Set(feeds.keys), "one feed per topic, outlet, blindspot, site")
        XCTAssertEqual(feeds["feed.xml"], 50, "the site feed holds the 50 newest")
        for (path, _) in feeds { assertWellFormedXML(try XCTUnwrap(built.files[path]), path) }
        try validate(built, feeds: feeds, validSitemap: true)

        // The site feed: absolute ids and links under the sub-path, newest first, the right updated.
        let feed = try built.text("feed.xml")
        XCTAssertTrue(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"https://example.org/news/feed.xml\"/>"))
        XCTAssertTrue(feed.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/\"/>"))
        XCTAssertTrue(feed.contains("<id>https://example.org/news/feed.xml</id>"))
        XCTAssertTrue(feed.contains("<generator>sitegen</generator>"))
        XCTAssertTrue(feed.contains("<title type=\"text\">Every Side</title>"))
        let newest = try XCTUnwrap(model.stories.compactMap { e in e.story.lastUpdated.map { (e, $0) } }.max { a, b in a.1 != b.1 ? a.1 < b.1 : a.0.story.slug > b.0.story.slug })
        XCTAssertTrue(feed.contains("<updated>\(DateText.iso(newest.1))</updated>\n  <author>"), "feed updated = newest entry's")
        let firstEntry = try XCTUnwrap(feed.components(separatedBy: "<entry>").dropFirst().first)
        XCTAssertTrue(firstEntry.contains("<id>https://example.org/news/stories/\(newest.0.story.slug)/</id>"), firstEntry)
        XCTAssertTrue(firstEntry.contains("<link rel=\"alternate\" type=\"text/html\" href=\"https://example.org/news/stories/\(newest.0.story.slug)/\"/>"))
        let c = newest.0.coverage
        XCTAssertTrue(firstEntry.contains("\(c.total) sources: Left \(c.share(.left))% (\(c.count(.left))) · Center \(c.share(.center))% (\(c.count(.center))) · Right \(c.share(.right))% (\(c.count(.right))) · \(c.count(.unrated)) unrated"), firstEntry)
        for topic in newest.0.story.topics { XCTAssertTrue(firstEntry.contains("<category term=\"\(Escape.markup(topic))\"/>"), topic) }

        // A topic feed links its page; an outlet feed holds that outlet's stories.
        let topic = model.topics[0]
        let topicFeed = try built.text("topics/\(topic.slug)/feed.xml")
        XCTAssertTrue(topicFeed.contains("href=\"https://example.org/news/topics/\(topic.slug)/\"/>"))
        XCTAssertTrue(topicFeed.contains("href=\"https://example.org/news/topics/\(topic.slug)/feed.xml\"/>"))

        // OPML: every rated outlet once, grouped by leaning, pointing at its feed and page here.
        let opml = try XCTUnwrap(built.files["outlets.opml"])
        assertWellFormedXML(opml, "outlets.opml")
        let opmlText = String(decoding: opml, as: UTF8.self)
        let rated = model.outlets.filter { $0.outlet.bias != nil }
        XCTAssertFalse(rated.isEmpty)
        XCTAssertEqual(opmlText.components(separatedBy: "<outline type=\"rss\"").count - 1, rated.count)
        let subscriptions = Set(opmlText.split(separator: "\n").compactMap { line in line.range(of: " xmlUrl=").map { String(line[$0.upperBound...]) } })
        for o in rated {
            let expected = "\"https://example.org/news/outlets/\(o.outlet.slug)/feed.xml\" htmlUrl=\"https://example.org/news/outlets/\(o.outlet.slug)/\"/>"
            XCTAssertTrue(subscriptions.contains(expected), expected)
            XCTAssertNotNil(built.files["outlets/\(o.outlet.slug)/feed.xml"])
        }
        XCTAssertTrue(opmlText.contains("<outline text=\"Lean Left\" title=\"Lean Left\">"))

        // No story.json beside a story page: the page links to its entry in a shard of data/,
        // which holds the same object.
        var shardStories: [String: [String: [String: Any]]] = [:]
        for entry in model.stories {
            XCTAssertNil(built.files["stories/\(entry.story.slug)/story.json"], entry.story.slug)
            let page = try built.text(SitePaths.file(for: entry.path))
            let link = try XCTUnwrap(page.range(of: #"(?<=<p class="note data-link">)[^\n]*"#, options: .regularExpression).map { String(page[$0]) }, entry.story.slug)
            let href = try XCTUnwrap(link.range(of: #"(?<=href="\.\./\.\./)data/[^"]+"#, options: .regularExpression).map { String(link[$0]) }, link)
            XCTAssertTrue(link.contains("<code>\(entry.story.slug)</code>"), link)
            if shardStories[href] == nil {
                let shard = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(built.files[href], href)) as? [String: Any])
                let stories = try XCTUnwrap(shard["stories"] as? [[String: Any]])
                shardStories[href] = Dictionary(stories.map { ($0["slug"] as! String, $0) }, uniquingKeysWith: { a, _ in a })
            }
            let object = try XCTUnwrap(shardStories[href]?[entry.story.slug], "\(entry.story.slug) in \(href)")
            let expected = try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(StoriesJSON.story(entry, paths: built.paths).serialized.utf8)) as? NSDictionary)
            XCTAssertEqual(object as NSDictionary, expected, entry.story.slug)
        }

        // Sitemap: every HTML page but 404, absolute, story pages with their last day.
        let sitemap = try built.text("sitemap.xml")
        let html = try built.text("__html__").split(separator: "\n")
        XCTAssertEqual(sitemap.components(separatedBy: "<loc>").count - 1, html.count - 1, "all pages but 404.html")
        XCTAssertFalse(sitemap.contains("404"))
        XCTAssertFalse(sitemap.contains("index.html"))
        XCTAssertTrue(sitemap.contains("<url><loc>https://example.org/news/</loc></url>"))
        XCTAssertTrue(sitemap.contains("<url><loc>https://example.org/news/outlets/</loc></url>"))
        for entry in model.stories {
            let day = entry.story.lastUpdated.map { "<lastmod>\(DateText.day($0))</lastmod>" } ?? ""
            XCTAssertTrue(sitemap.contains("<url><loc>https://example.org/news/stories/\(entry.story.slug)/</loc>\(day)</url>"), entry.story.slug)
        }
        XCTAssertEqual(try built.text("robots.txt"), "User-agent: *\nAllow: /\n\nSitemap: https://example.org/news/sitemap.xml\n")
        // Past a file's limit, numbered files hold the URLs, in the same order, and sitemap.xml
        // is an index naming each with the newest day of its stories.
        let split = Sitemap.files(htmlPaths: html.map(String.init), model: model, paths: built.paths, maxURLs: 3)
        XCTAssertEqual(split.map(\.path), ["sitemap.xml"] + (1..<split.count).map { "sitemap-\($0).xml" })
        XCTAssertEqual(split.count - 1, (html.count - 1 + 2) / 3)
        let index = String(decoding: split[0].data, as: UTF8.self)
        XCTAssertTrue(index.contains("<sitemapindex xmlns=\"http://www.sitemaps.org/schemas/sitemap/0.9\">"))
        XCTAssertTrue(index.contains("<sitemap><loc>https://example.org/news/sitemap-1.xml</loc>"))
        let entries = split.dropFirst().flatMap { file -> [String] in
            let text = String(decoding: file.data, as: UTF8.self)
            XCTAssertTrue(text.hasPrefix("<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset"))
            let urls = text.split(separator: "\n").filter { $0.hasPrefix("  <url>") }.map(String.init)
            XCTAssertLessThanOrEqual(urls.count, 3)
            return urls
        }
        XCTAssertEqual(entries, sitemap.split(separator: "\n").filter { $0.hasPrefix("  <url>") }.map(String.init))
        let bySize = Sitemap.files(htmlPaths: html.map(String.init), model: model, paths: built.paths, maxBytes: 400)
        XCTAssertGreaterThan(bySize.count, 2, "a byte limit splits too")
        XCTAssertTrue(bySize.dropFirst().allSatisfy { $0.data.count <= 400 || String(decoding: $0.data, as: UTF8.self).components(separatedBy: "<url>").count == 2 })

        // Determinism: a second build gives the same bytes for every file.
        let again = try build(root, baseURL: "https://example.org/news/")
        XCTAssertEqual(again.files.keys.sorted(), built.files.keys.sorted())
        for (path, data) in built.files { XCTAssertEqual(again.files[path], data, "\(path) differs between two builds") }
    }

    /// Hostile titles, a story with no date, bad URLs, and a base_url without a host: the XML stays
    /// well-formed and valid, links fall back to site paths, ids to tag: URIs, and JSON-LD cannot
    /// end its script element.
    func testHostileTextUndatedStoriesAndNoHost() throws {
        let hostile = "</script><script>alert(1)</script> <!-- & \"Q\" 'A' \u{2028}\u{FFFF}\u{1}"
        let lead = "Officials confirmed on Monday that the bridge would close for repairs lasting three weeks."
        let corpus = try [
            record(["id": "a", "outlet": "Left Daily", "url": "https://left.example/a", "published": "2020-01-01T08:00:00Z", "title": hostile, "body": lead, "story": "ev", "topics": ["Infra & <Roads>"]]),
            record(["id": "b", "outlet": "Lean Times", "url": "mailto:desk@lean.example", "published": "2020-01-02T10:00:00Z", "title": "Bridge to close", "body": lead, "story": "ev"]),
            record(["id": "c", "outlet": "Right Post", "url": "javascript:alert(1)", "published": "2020-01-03", "title": "Bridge closing, they say", "story": "ev"]),
            record(["id": "d", "outlet": "Right Post", "url": "http://right.example/d", "published": "2020-01-03", "title": "Second: the bridge", "story": "ev"]),
            record(["id": "u", "outlet": "Left Daily", "title": "Undated lonely item", "topics": ["Infra & <Roads>"]]),
        ].joined(separator: "\n")
        let outlets = "name,domain,bias,factuality\nLeft Daily,left.example,left,high\nLean Times,lean.example,lean-left,high\nRight Post,right.example,right,mixed\n"
        let root = try makeSite(corpus: ["c.jsonl": corpus], outlets: outlets, siteYML: "title: \"Ed's <Site> & Co\"\n")
        let built = try build(root, baseURL: "/")
        let model = built.model
        XCTAssertEqual(model.stories.count, 2)
        let ev = try XCTUnwrap(model.stories.first { $0.story.key == "ev" })
        let undated = try XCTUnwrap(model.stories.first { $0.story.lastUpdated == nil })

        let feeds = expectedFeeds(model)
        XCTAssertEqual(feeds["feed.xml"], 1, "the undated story is left out")
        XCTAssertEqual(feeds["blindspot/feed.xml"], 0)
        for (path, _) in feeds { assertWellFormedXML(try XCTUnwrap(built.files[path]), path) }
        assertWellFormedXML(try XCTUnwrap(built.files["outlets.opml"]), "outlets.opml")
        assertWellFormedXML(try XCTUnwrap(built.files["sitemap.xml"]), "sitemap.xml")
        try validate(built, feeds: feeds, validSitemap: false)

        let feed = try built.text("feed.xml")
        XCTAssertFalse(feed.contains("<script"), "titles are escaped")
        XCTAssertTrue(feed.contains("&lt;/script&gt;&lt;script&gt;alert(1)&lt;/script&gt; &lt;!-- &amp; &quot;Q&quot; &#39;A&#39;</title>"), feed)
        XCTAssertTrue(feed.contains("<id>tag:sitegen,2000:stories/\(ev.story.slug)/</id>"), "no host: a stable tag: URI")
        XCTAssertTrue(feed.contains("<id>tag:sitegen,2000:feed.xml</id>"))
        XCTAssertTrue(feed.contains("href=\"/stories/\(ev.story.slug)/\"/>"), "no host: site paths")
        XCTAssertTrue(feed.contains("<link rel=\"self\" type=\"application/atom+xml\" href=\"/feed.xml\"/>"))
        XCTAssertTrue(feed.contains("<published>2020-01-01T08:00:00Z</published>"))
        XCTAssertTrue(feed.contains("<updated>2020-01-03T00:00:00Z</updated>"))
        XCTAssertTrue(feed.contains("<name>Ed&#39;s &lt;Site&gt; &amp; Co</name>"))
        XCTAssertTrue(feed.contains("<category term=\"Infra &amp; &lt;Roads&gt;\"/>"))
        XCTAssertTrue(feed.contains("<summary type=\"text\">\(lead)\n\n3 sources: Left 67% (2) · Center 0% (0) · Right 33% (1) · 0 unrated</summary>"), feed)
        XCTAssertFalse(feed.contains(undated.story.slug))
        // An empty feed still has an updated: the site's newest date, not the clock.
        XCTAssertTrue(try built.text("blindspot/feed.xml").contains("<updated>2020-01-03T00:00:00Z</updated>"))
        // A topic whose only dated story is ev.
        let topic = try XCTUnwrap(model.topics.first)
        XCTAssertEqual(topic.stories.count, 2)
        XCTAssertEqual(feeds["topics/\(topic.slug)/feed.xml"], 1)

        // The undated story still has its JSON (in the undated shard) and its sitemap entry
        // (without lastmod).
        let shards = try built.text("stories.json")
        XCTAssertTrue(try shards.split(separator: "\"path\":\"").dropFirst().contains { part in
            try built.text(String(part.prefix { $0 != "\"" })).contains("\"slug\":\(JSONValue.string(undated.story.slug).serialized)")
        }, "the undated story is in a shard")
        let sitemap = try built.text("sitemap.xml")
        XCTAssertTrue(sitemap.contains("<url><loc>/stories/\(undated.story.slug)/</loc></url>"))
        XCTAssertTrue(sitemap.contains("<url><loc>/stories/\(ev.story.slug)/</loc><lastmod>2020-01-03</lastmod></url>"))
        XCTAssertEqual(try built.text("robots.txt"), "User-agent: *\nAllow: /\n", "no host: no Sitemap line")
        XCTAssertTrue(try built.text("outlets.opml").contains("xmlUrl=\"/outlets/left-daily/feed.xml\" htmlUrl=\"/outlets/left-daily/\""))

        // JSON-LD: the only `</script` is the real end; the body parses and keeps the title.
        let script = StructuredData.newsArticle(ev, paths: built.paths, siteTitle: "Ed's <Site>")
        XCTAssertTrue(script.hasPrefix("<script type=\"application/ld+json\">"))
        XCTAssertTrue(script.hasSuffix("</script>"))
        XCTAssertEqual(script.lowercased().components(separatedBy: "</script").count, 2, script)
        XCTAssertFalse(script.contains("<!--"))
        XCTAssertFalse(script.dropFirst("<script type=\"application/ld+json\">".count).dropLast("</script>".count).contains("<"))
        let json = try jsonLD(script)
        XCTAssertEqual(json["@context"] as? String, "https://schema.org")
        XCTAssertEqual(json["@type"] as? String, "NewsArticle")
        XCTAssertEqual(json["headline"] as? String, ev.story.title)
        XCTAssertTrue(ev.story.title.hasPrefix("</script><script>alert(1)</script>"), ev.story.title)
        XCTAssertEqual(json["datePublished"] as? String, "2020-01-01T08:00:00Z")
        XCTAssertEqual(json["dateModified"] as? String, "2020-01-03T00:00:00Z")
        XCTAssertEqual(json["description"] as? String, lead)
        XCTAssertNil(json["url"], "no host: no url")
        XCTAssertEqual(json["isBasedOn"] as? [String], ["https://left.example/a", "http://right.example/d"], "web links only")
        XCTAssertEqual((json["citation"] as? [[String: Any]])?.count, 2)
        XCTAssertEqual(json["keywords"] as? [String], ["Infra & <Roads>"])
        XCTAssertEqual((json["publisher"] as? [String: Any])?["name"] as? String, "Ed's <Site>")

        // Under a host with a sub-path, the JSON-LD names the page.
        let absolute = try jsonLD(StructuredData.newsArticle(ev, paths: SitePaths(baseURL: "https://example.org/news"), siteTitle: "S"))
        XCTAssertEqual(absolute["url"] as? String, "https://example.org/news/stories/\(ev.story.slug)/")
        XCTAssertEqual((absolute["publisher"] as? [String: Any])?["url"] as? String, "https://example.org/news/")
        XCTAssertNil(try jsonLD(StructuredData.newsArticle(undated, paths: built.paths, siteTitle: "S"))["datePublished"])
        // Line and paragraph separators end a JavaScript string in old parsers: escaped too.
        var odd = ev
        odd.story.title = "a\u{2028}b\u{2029}c<!--d-->&</SCRIPT >"
        let oddScript = StructuredData.newsArticle(odd, paths: built.paths, siteTitle: "S")
        XCTAssertTrue(oddScript.contains("\"headline\":\"a\\u2028b\\u2029c\\u003c!--d--\\u003e\\u0026\\u003c/SCRIPT \\u003e\""), oddScript)
        XCTAssertEqual(try jsonLD(oddScript)["headline"] as? String, odd.story.title)

        // Deterministic here too.
        let again = try build(root, baseURL: "/")
        for (path, data) in built.files { XCTAssertEqual(again.files[path], data, "\(path) differs between two builds") }
    }

    func jsonLD(_ script: String) throws -> [String: Any] {
        let body = script.dropFirst("<script type=\"application/ld+json\">".count).dropLast("</script>".count)
        return try XCTUnwrap(try JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any])
    }

    func testSitemapPathsFromOutputFiles() {
        XCTAssertEqual(Sitemap.sitePath(forFile: "index.html"), "")
        XCTAssertEqual(Sitemap.sitePath(forFile: "stories/x/index.html"), "stories/x/")
        XCTAssertEqual(Sitemap.sitePath(forFile: "page/2/index.html"), "page/2/")
        XCTAssertEqual(Sitemap.sitePath(forFile: "old.html"), "old.html")
        XCTAssertNil(Sitemap.sitePath(forFile: "404.html"))
        XCTAssertNil(Sitemap.sitePath(forFile: "site.css"))
        XCTAssertEqual(Escape.markup("a\u{FFFE}<b>\u{0}&"), "a&lt;b&gt;&amp;")
    }
}
