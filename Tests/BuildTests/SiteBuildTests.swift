@testable import Build
import Corpus
@testable import Feeds
import Foundation
import Support
@testable import LinkCheck
@testable import Render
@testable import SiteModel
import TestSupport
import XCTest

/// Builds small sites in a temporary folder with the repository's real theme.
final class SiteBuildTests: XCTestCase {
    func makeSite(corpus: String, outlets: String = "name,domain,bias,factuality,owner\n", siteYML: String = "") throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try Fixtures.write(corpus, to: root.appendingPathComponent("Content/corpus/c.jsonl"))
        try Fixtures.write(outlets, to: root.appendingPathComponent("Content/outlets.csv"))
        try Fixtures.write(siteYML, to: root.appendingPathComponent("Content/site.yml"))
        return root
    }

    func record(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    /// Keyless articles grouped by similarity: the page and stories.json say why each joined;
    /// corrections.yml problems are reported; `grouping.by: key` in site.yml turns it off.
    func testSimilarityStoriesExplainThemselves() throws {
        let quake = "A magnitude 7.1 earthquake struck off the coast of Sendai on Tuesday, shaking buildings in Tokyo and prompting a tsunami warning for Miyagi and Fukushima."
        let corpus = try [
            record(["id": "a", "outlet": "Wire One", "published": "2020-01-01", "title": "Earthquake strikes off Sendai", "body": quake]),
            record(["id": "b", "outlet": "Wire Two", "published": "2020-01-01", "title": "Sendai earthquake prompts tsunami warning", "body": quake]),
        ].joined(separator: "\n")
        let root = try makeSite(corpus: corpus)
        try Fixtures.write("move: { nobody: some-story }\n", to: root.appendingPathComponent("Content/corrections.yml"))
        let (files, report, _, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(report.stories, 1)
        XCTAssertTrue(report.diagnostics.contains { $0.location.path == "Content/corrections.yml" && $0.message == "move: no article \"nobody\" (any more)" }, "\(report.diagnostics)")
        let page = String(decoding: try XCTUnwrap(files.first { $0.path == "stories/earthquake-strikes-off-sendai/index.html" }).data, as: UTF8.self)
        XCTAssertTrue(page.contains("Why these articles are one story"))
        XCTAssertTrue(page.contains("sendai"), "shared words listed")
        let json = String(decoding: try XCTUnwrap(files.first { $0.path.hasPrefix("data/stories-") }).data, as: UTF8.self)
        XCTAssertTrue(json.contains("\"grouped_by\":\"similarity\""), json)
        XCTAssertTrue(json.contains("\"membership\":{\"borderline\":false,\"shared_terms\":["), json)

        try Fixtures.write("grouping: { by: key }\n", to: root.appendingPathComponent("Content/site.yml"))
        XCTAssertEqual(try SiteBuilder(options: BuildOptions(root: root.path)).render().1.stories, 2)
        try Fixtures.write("grouping: { by: clusters }\n", to: root.appendingPathComponent("Content/site.yml"))
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path)).render()) { error in
            XCTAssertTrue("\(error)".contains("grouping.by must be one of key, similarity, auto"), "\(error)")
        }
    }

    /// The list pages' cards take each story's chart from `withCardCharts`, made once a story:
    /// the pages are the same bytes as with every chart drawn for its card.
    func testListPagesAreTheSameWithCardChartsMadeOnce() throws {
        let root = try makeSite(corpus: try Fixtures.text(try Fixtures.vendored("google-news-clusters-2014.jsonl.gz")),
                                outlets: try String(contentsOfFile: Fixtures.outlets, encoding: .utf8))
        let model = try SiteBuilder(options: BuildOptions(root: root.path, jobs: 2)).render().model
        let theme = try Theme(directories: [root.appendingPathComponent("Templates").path])
        let drawing = PageRenderer(theme: theme, config: SiteConfig(), paths: SitePaths(baseURL: "/"), model: model, stylesheet: "site.css")
        let reusing = drawing.withCardCharts(jobs: 2)
        XCTAssertEqual(reusing.cardCharts.count, model.stories.count)
        let drawn = drawing.homePages() + drawing.topicPages() + drawing.outletPages() + [drawing.blindspotPage()]
        let reused = reusing.homePages() + reusing.topicPages() + reusing.outletPages() + [reusing.blindspotPage()]
        XCTAssertEqual(drawn.map(\.path), reused.map(\.path))
        for (a, b) in zip(drawn, reused) { XCTAssertEqual(a.data, b.data, a.path) }
        XCTAssertTrue(String(decoding: drawn[0].data, as: UTF8.self).contains("bias-bar-card"), "the home page has cards")
    }

    func testStoriesJSONHasTheDocumentedShape() throws {
        let corpus = try [
            record(["id": "a", "outlet": "Left Daily", "url": "https://left.example/a", "published": "2020-01-01", "title": "Event happens", "body": "A long enough lead sentence that tells what happened today.", "story": "ev", "topics": ["Politics"]]),
            record(["id": "b", "outlet": "Lean Times", "url": "https://lean.example/b", "published": "2020-01-02T10:00:00Z", "title": "Event happened", "story": "ev"]),
            record(["id": "c", "outlet": "Right Post", "url": "javascript:alert(1)", "published": "2020-01-03", "title": "Event, they say", "story": "ev"]),
            record(["id": "d", "title": "Undated lonely item"]),
        ].joined(separator: "\n")
        let outlets = "name,domain,bias,factuality\nLeft Daily,left.example,left,high\nLean Times,lean.example,lean-left,high\nRight Post,right.example,right,mixed\n"
        let root = try makeSite(corpus: corpus, outlets: outlets)
        let (files, report, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(report.stories, 2)
        // stories.json is the index of the shards; each shard is made from the stories' JSON texts,
        // one JSON value of its stories.
        let index = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(files.first { $0.path == "stories.json" }).data) as? [String: Any])
        XCTAssertEqual(index["version"] as? Int, 3)
        XCTAssertEqual(index["ranked"] as? [String], model.homeRanking().map { model.stories[$0].story.slug })
        for shard in try XCTUnwrap(index["shards"] as? [[String: Any]]) {
            let data = try XCTUnwrap(files.first { $0.path == shard["path"] as? String }).data
            let object = try XCTUnwrap(try JSONSerialization.jsonObject(with: data) as? [String: Any])
            let key = try XCTUnwrap(shard["key"] as? String)
            let members = model.stories.filter { StoryShards.key($0.story.firstPublished) == key }
            let whole = JSONValue.object(["key": .string(key), "part": .int(1), "parts": .int(1),
                                          "stories": .array(members.map { StoriesJSON.story($0, paths: SitePaths(baseURL: "/")) })])
            XCTAssertEqual(String(decoding: data, as: UTF8.self), whole.serialized + "\n")
            XCTAssertEqual(object["key"] as? String, key)
        }
        let stories = try StoriesData.stories { path in files.first { $0.path == path }?.data }
        XCTAssertEqual(stories.count, 2)
        let ev = try XCTUnwrap(stories.first { $0["slug"] as? String == "event-happens" })
        XCTAssertEqual(Set(ev.keys), ["slug", "title", "url", "has_page", "first_published", "last_updated", "topics", "coverage", "articles", "grouped_by", "related", "summary", "summary_by_editor", "tone"])
        let tone = try XCTUnwrap(ev["tone"] as? [String: Any])
        XCTAssertEqual(Set(tone.keys), ["score", "band", "articles"])
        XCTAssertTrue(["negative", "neutral", "positive"].contains(tone["band"] as? String ?? ""))
        let summary = try XCTUnwrap(ev["summary"] as? [[String: Any]])
        XCTAssertEqual(summary.first?["text"] as? String, "A long enough lead sentence that tells what happened today.")
        XCTAssertEqual((summary.first?["citations"] as? [[String: Any]])?.first?["article"] as? String, "a")
        XCTAssertEqual((summary.first?["citations"] as? [[String: Any]])?.first.map { Set($0.keys) }, ["article", "similarity"],
                       "the article the sentence is quoted from: the sentence is the summary's text, not written twice")
        XCTAssertEqual(ev["grouped_by"] as? String, "key")
        XCTAssertEqual(ev["url"] as? String, "/stories/event-happens/")
        XCTAssertEqual(ev["first_published"] as? String, "2020-01-01T00:00:00Z")
        XCTAssertEqual(ev["last_updated"] as? String, "2020-01-03T00:00:00Z")
        XCTAssertEqual(ev["topics"] as? [String], ["Politics"])
        let coverage = try XCTUnwrap(ev["coverage"] as? [String: Any])
        for (key, value) in ["sources": 3, "left": 2, "center": 0, "right": 1, "unrated": 0, "left_pct": 67, "center_pct": 0, "right_pct": 33] {
            XCTAssertEqual(coverage[key] as? Int, value, key)
        }
        XCTAssertTrue(coverage["blindspot"] is NSNull)
        let articles = try XCTUnwrap(ev["articles"] as? [[String: Any]])
        XCTAssertEqual(articles.map { $0["id"] as? String }, ["a", "b", "c"])
        XCTAssertEqual(articles.map { $0["leaning"] as? String }, ["left", "left", "right"])
        XCTAssertEqual(articles[1]["published"] as? String, "2020-01-02T10:00:00Z")
        XCTAssertTrue(articles[2]["url"] is NSNull, "a javascript: URL is not passed on")
        let lonely = try XCTUnwrap(stories.first { $0["slug"] as? String == "undated-lonely-item" })
        XCTAssertTrue(lonely["first_published"] is NSNull)
        XCTAssertEqual((lonely["articles"] as? [[String: Any]])?.first?["leaning"] as? String, "unrated")
    }

    /// `<`, `&` and quotes in titles and outlet names reach every page escaped.
    func testTitlesAndOutletNamesAreEscapedOnEveryPage() throws {
        let corpus = try [
            record(["id": "x1", "outlet": "Smith & \"Sons\" <News>", "url": "https://smith.example/1", "published": "2021-05-05",
                    "title": "<script>alert('t')</script> Tom & Jerry's \"big\" <b>day</b>", "body": "<img src=x onerror=alert(1)> opened the story with a sentence long enough to lead.",
                    "story": "s", "topics": ["<i>Topic</i> & more"]]),
        ].joined()
        let root = try makeSite(corpus: corpus, outlets: "name,domain,bias,factuality,owner\n\"Smith & \"\"Sons\"\" <News>\",smith.example,center,high,\"O'Brien & <Co>\"\n")
        // Without the story's page (its card links to the article), then with it.
        let linked = try SiteBuilder(options: BuildOptions(root: root.path)).render().0
        XCTAssertFalse(linked.contains { $0.path.hasPrefix("stories/") })
        try Fixtures.write("stories: { single_article_pages: true }\n", to: root.appendingPathComponent("Content/site.yml"))
        let (files, _, _, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        let html = (linked + files).filter { $0.path.hasSuffix(".html") }
        XCTAssertGreaterThanOrEqual(html.count, 14)
        for file in html {
            var text = String(decoding: file.data, as: UTF8.self)
            // Our own scripts: the JSON-LD block (checked for escaping in FeedsTests) and search.js.
            if let start = text.range(of: "<script type=\"application/ld+json\">"), let end = text.range(of: "</script>", range: start.upperBound..<text.endIndex) {
                text.removeSubrange(start.lowerBound..<end.upperBound)
            }
            text = text.replacingOccurrences(of: "<script src=\"../search.js\" defer></script>", with: "")
            XCTAssertFalse(text.contains("<script"), file.path)
            XCTAssertFalse(text.contains("<img"), file.path)
            XCTAssertFalse(text.contains("<b>day"), file.path)
            XCTAssertFalse(text.contains("<i>Topic"), file.path)
            XCTAssertFalse(text.contains("<News>"), file.path)
        }
        let story = String(decoding: try XCTUnwrap(files.first { $0.path.hasPrefix("stories/") }).data, as: UTF8.self)
        XCTAssertTrue(story.contains("&lt;script&gt;alert(&#39;t&#39;)&lt;/script&gt; Tom &amp; Jerry&#39;s &quot;big&quot; &lt;b&gt;day&lt;/b&gt;"), "title in <h1> via Mustache")
        XCTAssertTrue(story.contains("Smith &amp; &quot;Sons&quot; &lt;News&gt;"), "outlet name via Markdown")
        XCTAssertTrue(story.contains("O&#39;Brien &amp; &lt;Co&gt;") || story.contains("O'Brien &amp; &lt;Co&gt;"), "owner")
    }

    /// An outlet's stories are split into pages of `stories_per_page`, as a topic's are: page 1
    /// keeps the ratings and the report card, later pages list stories only and link back; the
    /// pages link each other, reach the sitemap and pass the link check.
    func testOutletPagesArePaginated() throws {
        let corpus = try (1...5).map { i in
            try record(["id": "d\(i)", "outlet": "Daily", "url": "https://daily.example/\(i)", "published": "2021-05-0\(i)",
                        "title": "Story number \(i) of the daily", "body": "The council met on day \(i) and voted on the budget.", "story": "s\(i)"])
        }.joined(separator: "\n")
        let root = try makeSite(corpus: corpus, outlets: "name,domain,bias,factuality,owner\nDaily,daily.example,left,high,Owner Co\n",
                                siteYML: "stories_per_page: 2\nbase_url: https://example.org/\n")
        let (files, report, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(report.stories, 5)
        func text(_ path: String) throws -> String { String(decoding: try XCTUnwrap(files.first { $0.path == path }, path).data, as: UTF8.self) }
        let slug = try XCTUnwrap(model.outlets.first).outlet.slug
        let first = try text("outlets/\(slug)/index.html"), second = try text("outlets/\(slug)/page/2/index.html"), last = try text("outlets/\(slug)/page/3/index.html")
        XCTAssertNil(files.first { $0.path == "outlets/\(slug)/page/4/index.html" })
        XCTAssertFalse(files.contains { $0.path == "outlets/\(slug)/page/1/index.html" }, "page 1 is the outlet's own URL")

        XCTAssertTrue(first.contains("Broke the story"), "the report card is on page 1")
        XCTAssertTrue(first.contains("Owner Co"))
        XCTAssertTrue(first.contains("<span>Page 1 of 3</span>"))
        XCTAssertTrue(first.contains("href=\"../../outlets/\(slug)/page/2/\">Next →"))
        XCTAssertEqual(first.components(separatedBy: "class=\"card\"").count - 1, 2, "two cards a page")

        for (page, n) in [(second, 2), (last, 3)] {
            XCTAssertFalse(page.contains("Broke the story"), "page \(n) lists stories only")
            XCTAssertFalse(page.contains("Owner Co"))
            XCTAssertTrue(page.contains("<title>Daily, page \(n) · "), "page \(n) has its own title")
            XCTAssertTrue(page.contains("<span>Page \(n) of 3</span>"))
            XCTAssertTrue(page.contains("<a href=\"../../../../outlets/\(slug)/\">its ratings and report card</a>"))
            XCTAssertTrue(page.contains("rel=\"canonical\" href=\"https://example.org/outlets/\(slug)/page/\(n)/\""))
        }
        XCTAssertTrue(second.contains("stories 3–4 of 5"))
        XCTAssertTrue(second.contains("rel=\"prev\" href=\"../../../../outlets/\(slug)/\""))
        XCTAssertTrue(last.contains("stories 5–5 of 5"))
        XCTAssertFalse(last.contains("rel=\"next\""))
        XCTAssertEqual(last.components(separatedBy: "class=\"card\"").count - 1, 1)
        // Every story is on exactly one of the outlet's pages, in the order of page 1's list.
        let titles = [first, second, last].flatMap { page in (1...5).filter { page.contains("Story number \($0) of the daily <span class=\"host\">") } }
        XCTAssertEqual(titles.sorted(), [1, 2, 3, 4, 5])
        XCTAssertEqual(titles.count, 5)

        XCTAssertTrue(try text("sitemap.xml").contains("<loc>https://example.org/outlets/\(slug)/page/3/</loc>"))
        // The nav links the default site's methodology and about pages.
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Content/pages"), to: root.appendingPathComponent("Content/pages"))
        _ = try SiteBuilder(options: BuildOptions(root: root.path)).build()
        let checked = LinkChecker(root: root.appendingPathComponent("Public").path, basePath: "/", absoluteBase: "https://example.org/").run()
        XCTAssertEqual(checked.problems.map(\.description), [], "every page is linked and reachable from the home page")
    }

    func testBrokenTemplateStopsTheBuildWithFileAndLine() throws {
        let root = try makeSite(corpus: try record(["id": "a", "title": "T"]))
        try Fixtures.write("{{<base}}{{$main}}\n{{#cards}}\n{{/main}}{{/base}}", to: root.appendingPathComponent("Templates/home.mustache"))
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path)).render()) { error in
            XCTAssertTrue("\(error)".contains("Templates/home.mustache:"), "\(error)")
            XCTAssertTrue("\(error)".contains("template error"), "\(error)")
        }
    }

    func testSiteConfigErrorsNameTheKey() throws {
        let root = try makeSite(corpus: try record(["id": "a", "title": "T"]), siteYML: "stories_per_page: many\n")
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path)).render()) { error in
            XCTAssertEqual("\(error)", "Content/site.yml: stories_per_page must be a whole number from 1 to 1000")
        }
    }

    /// The nearest-neighbour rule of the grouping is set in site.yml like its threshold and window.
    func testGroupingOptionsAreReadFromSiteYML() throws {
        let dir = try Fixtures.tempDir(self)
        let path = dir.appendingPathComponent("site.yml").path
        try Fixtures.write("grouping: { threshold: 0.12, window_days: 3, nearest_neighbours: 3, stray_link_factor: 0.7 }\n", to: URL(fileURLWithPath: path))
        let clustering = try SiteConfig.load(path: path, display: "site.yml").grouping.clustering
        XCTAssertEqual([clustering.threshold, Double(clustering.windowDays), Double(clustering.nearestNeighbours), clustering.strayLinkFactor], [0.12, 3, 3, 0.7])
        try Fixtures.write("grouping: { stray_link_factor: 2 }\n", to: URL(fileURLWithPath: path))
        XCTAssertThrowsError(try SiteConfig.load(path: path, display: "site.yml")) { error in
            XCTAssertTrue("\(error)".contains("stray_link_factor"), "\(error)")
        }
    }

    func testStrictTurnsAnyReportIntoFailure() throws {
        let root = try makeSite(corpus: try record(["id": "a", "title": "T"]) + "\n{broken\n")
        XCTAssertNoThrow(try SiteBuilder(options: BuildOptions(root: root.path)).render())
        XCTAssertThrowsError(try SiteBuilder(options: BuildOptions(root: root.path, strict: true)).render()) { error in
            guard case let BuildError.strict(list) = error else { return XCTFail("\(error)") }
            XCTAssertEqual(list.map(\.location.description), ["Content/corpus/c.jsonl:2"])
        }
    }

    /// A story of one article has no page by default: its card, archive line, search result, feed
    /// entry and data entry link to the article; it keeps a page when its article has no safe web
    /// address or an editor's file names it, and `stories: { single_article_pages: true }` gives
    /// every story a page.
    func testStoriesOfOneArticleLinkToTheArticle() throws {
        let corpus = try [
            record(["id": "a", "outlet": "Wire One", "published": "2020-01-02", "story": "quake", "title": "Earthquake strikes Sendai", "body": "A strong earthquake struck Sendai on Tuesday.", "url": "https://wire.one/quake"]),
            record(["id": "b", "outlet": "Wire Two", "published": "2020-01-02", "story": "quake", "title": "Sendai shaken by quake", "body": "Buildings shook in Sendai on Tuesday.", "url": "https://wire.two/quake"]),
            record(["id": "c", "outlet": "Wire One", "published": "2020-01-03", "story": "budget", "title": "Council passes budget", "body": "The council passed its budget on Wednesday.", "url": "https://www.wire.one/budget?x=1&y=2"]),
            record(["id": "d", "outlet": "Wire Two", "published": "2020-01-03", "story": "ferry", "title": "Ferry service resumes", "body": "The ferry sails again from Thursday.", "url": "javascript:alert(1)"]),
            record(["id": "e", "outlet": "Wire Two", "published": "2020-01-04", "story": "bridge", "title": "Bridge reopens", "body": "The bridge reopened on Friday.", "url": "https://wire.two/bridge"]),
            record(["id": "f", "outlet": "Wire One", "published": "2020-01-01", "story": "letters", "title": "Letters to the desk", "body": "Readers wrote in on Monday.", "url": "mailto:desk@wire.one"]),
        ].joined(separator: "\n")
        let root = try makeSite(corpus: corpus, siteYML: "base_url: https://example.org/\n")
        try Fixtures.write("---\ntitle: The bridge reopens\n---\n", to: root.appendingPathComponent("Content/stories/bridge-reopens.md"))
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Content/pages"), to: root.appendingPathComponent("Content/pages"))
        let (files, report, model, _) = try SiteBuilder(options: BuildOptions(root: root.path)).render()
        XCTAssertEqual(report.stories, 5)
        func text(_ path: String) throws -> String { String(decoding: try XCTUnwrap(files.first { $0.path == path }, path).data, as: UTF8.self) }
        let paths = Set(files.map(\.path))
        XCTAssertTrue(paths.contains("stories/earthquake-strikes-sendai/index.html"), "two articles: a page")
        XCTAssertFalse(paths.contains("stories/council-passes-budget/index.html"), "one article with an address: no page")
        XCTAssertTrue(paths.contains("stories/ferry-service-resumes/index.html"), "one article without a safe address keeps its page")
        XCTAssertTrue(paths.contains("stories/bridge-reopens/index.html"), "an editor's file keeps the page")
        XCTAssertTrue(paths.contains("stories/letters-to-the-desk/index.html"), "a mail address is not where a story is read: the page stays")
        let budget = try XCTUnwrap(model.stories.first { $0.story.slug == "council-passes-budget" })
        XCTAssertEqual(budget.articleLink, "https://www.wire.one/budget?x=1&y=2")

        let home = try text("index.html")
        XCTAssertTrue(home.contains(#"<a href="https://www.wire.one/budget?x=1&amp;y=2" rel="noopener nofollow">Council passes budget <span class="host"><span class="visually-hidden">(the article, at </span>wire.one<span class="visually-hidden">)</span><span aria-hidden="true"> ↗</span></span></a>"#), home)
        XCTAssertTrue(home.contains(#"<a href="stories/earthquake-strikes-sendai/">"#))
        XCTAssertTrue(home.contains(#"<p class="card-side"><span class="badge side-badge-unrated">Unrated outlet</span></p>"#), "one source: its outlet's rating, not a bar at 100%")
        // A report one outlet alone filed never ranks above a story several covered: by rank alone,
        // the bridge (1 source, newest) would lead the quake (2 sources, two days older).
        XCTAssertEqual(model.homeRanking().map { model.stories[$0].coverage.total }, [2, 1, 1, 1, 1])
        XCTAssertEqual(model.stories.map(\.story.slug).prefix(2), ["bridge-reopens", "earthquake-strikes-sendai"], "the rank alone")
        XCTAssertLessThan(try XCTUnwrap(home.range(of: "Earthquake strikes Sendai")).lowerBound, try XCTUnwrap(home.range(of: "The bridge reopens")).lowerBound)
        XCTAssertTrue(home.contains("covered by more than one outlet."), "the lead says what it leads")
        XCTAssertFalse(files.contains { String(decoding: $0.data, as: UTF8.self).contains("javascript:") }, "an unsafe address is never a link")
        let archive = try text("archive/2020-01/index.html")
        XCTAssertTrue(archive.contains(#"<a href="https://www.wire.one/budget?x=1&amp;y=2" rel="noopener nofollow">"#), archive)
        XCTAssertTrue(try text("feed.xml").contains(#"href="https://www.wire.one/budget?x=1&amp;y=2""#))
        XCTAssertFalse(try text("sitemap.xml").contains("council-passes-budget"), "no page, no sitemap entry")
        let data = try text("data/stories-2020-01.json")
        XCTAssertTrue(data.contains(#""has_page":false"#), data)
        XCTAssertTrue(data.contains(#""url":"https://www.wire.one/budget?x=1\u0026y=2""#), data)
        let docs = files.filter { $0.path.hasPrefix("search/docs/") }.map { String(decoding: $0.data, as: UTF8.self) }.joined()
        XCTAssertTrue(docs.contains(#"["Council passes budget","https://www.wire.one/budget?x=1\u0026y=2","#), docs)
        // Every search result links to a page made here or to an article's web address.
        for file in files where file.path.hasPrefix("search/docs/") {
            let rows = try XCTUnwrap(try JSONSerialization.jsonObject(with: file.data) as? [[Any]])
            for row in rows {
                let target = try XCTUnwrap(row[1] as? String)
                XCTAssertTrue(target.hasPrefix("https://") || paths.contains(target + "index.html"), target)
            }
        }
        _ = try SiteBuilder(options: BuildOptions(root: root.path)).build()
        let checked = LinkChecker(root: root.appendingPathComponent("Public").path, basePath: "/", absoluteBase: "https://example.org/").run()
        XCTAssertEqual(checked.problems.map(\.description), [], "no link points at a page that is not made")

        try Fixtures.write("base_url: https://example.org/\nstories: { single_article_pages: true }\n", to: root.appendingPathComponent("Content/site.yml"))
        let every = try SiteBuilder(options: BuildOptions(root: root.path)).render().0
        XCTAssertTrue(every.contains { $0.path == "stories/council-passes-budget/index.html" })
        XCTAssertFalse(String(decoding: try XCTUnwrap(every.first { $0.path == "index.html" }).data, as: UTF8.self).contains("wire.one/budget"), "with pages, cards link to them")
    }
}
