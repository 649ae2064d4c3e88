@testable import Build
import Corpus
@testable import Feeds
import Foundation
@testable import Render
@testable import SiteModel
import Stories
import TestSupport
import XCTest

/// `/search/`, its data in chunks (`search/`) and the archive by month: the data's shape, words and
/// ranking, the way to every story without JavaScript, escaping, and the script's limits.
final class SearchTests: XCTestCase {
    func makeSite(corpus: String, outlets: String = "name,domain,bias,factuality,owner\n") throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try Fixtures.write(corpus, to: root.appendingPathComponent("Content/corpus/c.jsonl"))
        try Fixtures.write(outlets, to: root.appendingPathComponent("Content/outlets.csv"))
        return root
    }

    func record(_ fields: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: fields, options: [.sortedKeys]), as: UTF8.self)
    }

    /// The search page, the archive pages and the search data of the site at `root`.
    struct Search {
        var page: String?
        var archive: [String: String]
        var data: [String: Data]
        var model: SiteModel

        /// `search/meta.json`.
        func meta() throws -> [String: Any] {
            try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(data[SearchIndex.metaPath])) as? [String: Any])
        }

        /// Every word's stories and weights, read from the word chunks as search.js reads them.
        func postings() throws -> [String: [Int: Int]] {
            var out: [String: [Int: Int]] = [:]
            for range in try XCTUnwrap(try meta()["terms"] as? [[String]]) {
                let chunk = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(data["search/terms/\(range[1]).json"])) as? [String: [Int]])
                for (word, list) in chunk {
                    var doc = 0
                    for value in list {
                        doc += value >> 4
                        out[word, default: [:]][doc] = value & 15
                    }
                }
            }
            return out
        }

        /// The stories' rows, in order, from the story chunks.
        func rows() throws -> [[Any]] {
            try XCTUnwrap(try meta()["docs"] as? [String]).flatMap { file in
                try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(data["search/docs/\(file).json"])) as? [[Any]])
            }
        }

        /// search.js's ranking: stories with every word, by the sum of their weights, then newest.
        func search(_ query: String) throws -> [Int] {
            let postings = try postings()
            let words = SearchIndex.words(query)
            guard !words.isEmpty else { return [] }
            var scores = postings[words[0]] ?? [:]
            for w in words.dropFirst() {
                let other = postings[w] ?? [:]
                scores = scores.filter { other[$0.key] != nil }.mapValues { $0 }.reduce(into: [:]) { $0[$1.key] = $1.value + other[$1.key]! }
            }
            return scores.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key > $1.key }.map(\.key)
        }
    }

    func searchFiles(root: URL, termChunkBytes: Int = SearchIndex.termChunkBytes) throws -> Search {
        let model = try SiteBuilder(options: BuildOptions(root: root.path)).render().model
        return try searchFiles(model: model, templates: root.appendingPathComponent("Templates"), termChunkBytes: termChunkBytes)
    }

    func searchFiles(model: SiteModel, templates: URL = Fixtures.repoRoot.appendingPathComponent("Templates"), termChunkBytes: Int = SearchIndex.termChunkBytes) throws -> Search {
        let renderer = PageRenderer(theme: try Theme(directories: [templates.path]), config: SiteConfig(), paths: SitePaths(baseURL: "/"), model: model, stylesheet: "site.css")
        let page = renderer.searchPage().map { String(decoding: $0.data, as: UTF8.self) }
        let archive = Dictionary(renderer.archivePages().map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
        let data = Dictionary(SearchIndex.files(model, termChunkBytes: termChunkBytes).map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })
        return Search(page: page, archive: archive, data: data, model: model)
    }

    let outlets = "name,domain,bias,factuality,owner\nLeft Daily,left.example,left,high,\nCenter Wire,center.example,center,high,\nRight Post,right.example,right,mixed,\n"

    func threeStories() throws -> String {
        try [
            record(["id": "a1", "outlet": "Left Daily", "published": "2020-03-03T08:00:00Z", "title": "Council shuts the harbour bridge", "story": "bridge", "topics": ["Local", "Transport"]]),
            record(["id": "a2", "outlet": "Right Post", "published": "2020-03-04T09:00:00Z", "title": "Bridge closure angers shop owners", "story": "bridge", "topics": ["local"]]),
            record(["id": "a3", "outlet": "Center Wire", "published": "2020-03-04T10:00:00Z", "title": "Harbour bridge to close", "story": "bridge"]),
            record(["id": "b1", "outlet": "Le Monde Diplomatique", "published": "2020-03-02", "title": "Éric Zemmour écarté du débat", "story": "zemmour", "topics": ["Élections"]]),
            record(["id": "c1", "title": "An undated item with no outlet"]),
        ].joined(separator: "\n")
    }

    func testMetaAndStoryRowsNameOutletsAndTopicsOnceAndHoldEveryStory() throws {
        let search = try searchFiles(root: try makeSite(corpus: try threeStories(), outlets: outlets))
        let model = search.model
        XCTAssertEqual(model.stories.count, 3)
        let meta = try search.meta()
        XCTAssertEqual(Set(meta.keys), ["v", "stories", "per", "terms", "docs", "stop"])
        XCTAssertEqual(meta["v"] as? Int, 3)
        XCTAssertEqual(meta["stories"] as? Int, 3)
        XCTAssertEqual(meta["stop"] as? [String], SearchIndex.stopWords)
        let rows = try search.rows()
        XCTAssertEqual(rows.map { $0[1] as? String }, ["stories/an-undated-item-with-no-outlet/", "stories/eric-zemmour-ecarte-du-debat/", "stories/harbour-bridge-to-close/"],
                       "every story: undated first, then by first report, oldest first")
        XCTAssertEqual(SearchIndex.order(model).map(\.path), rows.map { $0[1] as! String })
        for row in rows { XCTAssertEqual(row.count, 9) }

        let bridge = try XCTUnwrap(rows.first { $0[1] as? String == "stories/harbour-bridge-to-close/" })
        XCTAssertEqual(bridge[0] as? String, "Harbour bridge to close")
        XCTAssertEqual(bridge[2] as? String, "2020-03-04", "the day of the last update")
        XCTAssertEqual(bridge[3] as? Int, 3)
        XCTAssertEqual(Set(try XCTUnwrap(bridge[4] as? [String])), ["Left Daily", "Center Wire", "Right Post"])
        XCTAssertEqual(bridge[5] as? Int, 3)
        XCTAssertEqual(bridge[6...].map { $0 as? Int }, [34, 33, 33], "left, center, right shares (largest remainder: ties go left first)")

        let undated = try XCTUnwrap(rows.first { ($0[0] as? String)?.hasPrefix("An undated") == true })
        XCTAssertEqual(undated[2] as? String, "")
        XCTAssertEqual(undated[4] as? [String], [], "an article without an outlet names none")
        XCTAssertEqual(undated[6...].map { $0 as? Int }, [0, 0, 0], "nothing rated: no shares")

        XCTAssertEqual(SearchIndex.files(model).map(\.data), SearchIndex.files(model).map(\.data), "deterministic")
        for (path, data) in search.data where path != SearchIndex.metaPath {
            XCTAssertTrue(path.contains(SearchIndex.hashName(String(decoding: data, as: UTF8.self))), "\(path) is named by its content")
        }
    }

    /// Words from titles, headlines, outlets and topics, weighted; every word of a query must
    /// match; chunks split the sorted words, and each word lies in the chunk its range names.
    func testWordsWeightsAndChunks() throws {
        let search = try searchFiles(root: try makeSite(corpus: try threeStories(), outlets: outlets), termChunkBytes: 40)
        let index = Dictionary(SearchIndex.order(search.model).enumerated().map { ($1.story.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let bridge = try XCTUnwrap(index["harbour-bridge-to-close"]), zemmour = try XCTUnwrap(index["eric-zemmour-ecarte-du-debat"])
        let postings = try search.postings()
        XCTAssertEqual(postings["bridge"], [bridge: 4 + 2], "the title (4) and the other two headlines (1 each)")
        XCTAssertEqual(postings["closure"], [bridge: 1], "a headline")
        XCTAssertEqual(postings["daily"], [bridge: 2], "an outlet's name")
        XCTAssertEqual(postings["elections"], [zemmour: 2], "a topic, folded")
        XCTAssertEqual(postings["eric"], [zemmour: 4], "folded: no accent")
        XCTAssertNil(postings["the"], "a stop word")
        XCTAssertNil(postings["a"], "one letter")
        XCTAssertEqual(try search.search("harbour bridge"), [bridge])
        XCTAssertEqual(try search.search("Bridge Zemmour"), [], "every word must match")
        XCTAssertEqual(try search.search("Éric"), [zemmour])
        XCTAssertEqual(try search.search("the bridge"), [bridge], "stop words are not required")

        let ranges = try XCTUnwrap(try search.meta()["terms"] as? [[String]])
        XCTAssertGreaterThan(ranges.count, 3, "small chunks for this test")
        XCTAssertEqual(ranges.map { $0[0] }, ranges.map { $0[0] }.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) })
        for (k, range) in ranges.enumerated() {
            let words = try XCTUnwrap(try JSONSerialization.jsonObject(with: XCTUnwrap(search.data["search/terms/\(range[1]).json"])) as? [String: Any]).keys
            for w in words {
                XCTAssertFalse(w.utf16.lexicographicallyPrecedes(range[0].utf16), "\(w) before its chunk's first word")
                if k + 1 < ranges.count { XCTAssertTrue(w.utf16.lexicographicallyPrecedes(ranges[k + 1][0].utf16), "\(w) past its chunk") }
            }
        }
    }

    /// Without JavaScript, /search/ leads to every story: by month of first report, then topic.
    func testPageLeadsToEveryStoryByMonthWithoutJavaScript() throws {
        let search = try searchFiles(root: try makeSite(corpus: try threeStories(), outlets: outlets))
        let html = try XCTUnwrap(search.page)
        XCTAssertTrue(html.contains("<dt>2020</dt><dd><ul class=\"archive-months\"><li><a href=\"../archive/2020-03/\" aria-label=\"March 2020, 2 stories\">Mar</a> <span class=\"count\">2</span></li></ul></dd>"), html)
        XCTAssertTrue(html.contains("<a href=\"../archive/undated/\">Undated</a> <span class=\"count\">1</span>"), html)
        XCTAssertTrue(html.contains("<a href=\"../topics/\">topic</a>"))
        XCTAssertEqual(Set(search.archive.keys), ["archive/2020-03/index.html", "archive/undated/index.html"])
        let march = try XCTUnwrap(search.archive["archive/2020-03/index.html"])
        XCTAssertTrue(march.contains("<h1 class=\"page-title\">March 2020</h1>"))
        XCTAssertTrue(march.contains("<li><a href=\"../../stories/harbour-bridge-to-close/\">Harbour bridge to close</a> <span>3 Mar 2020 · 3 sources · Left Daily, Right Post and Center Wire</span></li>"), march)
        let bridgeAt = try XCTUnwrap(march.range(of: "harbour-bridge-to-close")).lowerBound
        let zemmourAt = try XCTUnwrap(march.range(of: "eric-zemmour-ecarte-du-debat")).lowerBound
        XCTAssertLessThan(bridgeAt, zemmourAt, "newest first report first")
        XCTAssertTrue(march.contains("<a href=\"../../archive/undated/\" class=\"older\">Older: Undated</a>"), march)
        XCTAssertTrue(try XCTUnwrap(search.archive["archive/undated/index.html"]).contains("<a href=\"../../stories/an-undated-item-with-no-outlet/\">An undated item with no outlet</a> <span>1 source</span>"))
        // The form, the live count, the script; nothing inline that a strict CSP would block.
        XCTAssertTrue(html.contains("<form class=\"search-form\" role=\"search\""))
        XCTAssertTrue(html.contains("<label for=\"search-q\">"))
        XCTAssertTrue(html.contains("<input type=\"search\" id=\"search-q\" name=\"q\""))
        XCTAssertTrue(html.contains("data-index=\"../search/meta.json\" data-root=\"../\""))
        XCTAssertTrue(html.contains("<p id=\"search-status\" class=\"search-status\" aria-live=\"polite\">3 stories."))
        XCTAssertTrue(html.contains("<script src=\"../search.js\" defer></script>"))
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 1)
        XCTAssertNil(html.range(of: #"\son[a-z]+="#, options: .regularExpression), "no inline event handlers")
        XCTAssertNil(html.range(of: "style=\""), "no inline styles")
        XCTAssertTrue(html.contains("<a href=\"../search/\" aria-current=\"page\">Search</a>"))
    }

    func testHostileTextIsEscapedOnThePagesAndInTheData() throws {
        let corpus = try record(["id": "x", "outlet": "Evil <script>alert(2)</script> News", "published": "2021-01-01",
                                 "title": "<img src=x onerror=alert(1)> & \"quotes\"", "topics": ["<b>bold</b>"]])
        let search = try searchFiles(root: try makeSite(corpus: corpus))
        let html = try XCTUnwrap(search.archive["archive/2021-01/index.html"])
        XCTAssertFalse(html.contains("<img"))
        XCTAssertFalse(html.contains("<b>"))
        XCTAssertEqual(html.components(separatedBy: "<script").count - 1, 0)
        XCTAssertTrue(html.contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;quotes&quot;</a>"), html)
        for (path, data) in search.data {
            XCTAssertFalse(String(decoding: data, as: UTF8.self).contains("<"), "\(path) is safe even if inlined into HTML")
        }
        XCTAssertTrue(try search.rows()[0][0] as? String == "<img src=x onerror=alert(1)> & \"quotes\"")
        XCTAssertEqual(try search.search("onerror alert"), [0])
    }

    func testEmptySiteGivesAnEmptyIndex() throws {
        let search = try searchFiles(model: SiteModel(stories: [], rules: CoverageRules(), singleArticlePages: false))
        let meta = try search.meta()
        XCTAssertEqual(meta["stories"] as? Int, 0)
        XCTAssertEqual((meta["terms"] as? [Any])?.count, 0)
        XCTAssertEqual((meta["docs"] as? [Any])?.count, 0)
        XCTAssertEqual(search.data.count, 1)
        let html = try XCTUnwrap(search.page)
        XCTAssertTrue(html.contains(">0 stories."))
        XCTAssertTrue(search.archive.isEmpty)
    }

    /// The home stops at `home.pages` pages and points to the archive, which lists the rest; a
    /// theme without the archive keeps every home page.
    func testTheHomeStopsWhereTheArchiveTakesOver() throws {
        let root = try makeSite(corpus: try threeStories(), outlets: outlets)
        let model = try SiteBuilder(options: BuildOptions(root: root.path)).render().model
        var config = SiteConfig()
        config.storiesPerPage = 1
        config.homePages = 2
        func home(_ templates: URL) throws -> [String: String] {
            let renderer = PageRenderer(theme: try Theme(directories: [templates.path]), config: config, paths: SitePaths(baseURL: "/"), model: model, stylesheet: "site.css")
            return Dictionary(renderer.homePages().map { ($0.path, String(decoding: $0.data, as: UTF8.self)) }, uniquingKeysWith: { a, _ in a })
        }
        let capped = try home(root.appendingPathComponent("Templates"))
        XCTAssertEqual(Set(capped.keys), ["index.html", "page/2/index.html"])
        XCTAssertTrue(try XCTUnwrap(capped["page/2/index.html"]).contains("<p class=\"archive-more\">1 more story in the <a href=\"../../search/\">archive by month</a>.</p>"))
        XCTAssertFalse(try XCTUnwrap(capped["index.html"]).contains("archive-more"), "only the last page says it")
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates/archive.mustache"))
        let all = try home(root.appendingPathComponent("Templates"))
        XCTAssertEqual(all.count, 3, "no archive: every story stays on the home pages")
        XCTAssertFalse(all.values.contains { $0.contains("archive-more") })
    }

    func testAThemeWithoutTheSearchTemplateGetsTheDataOnly() throws {
        let root = try makeSite(corpus: try threeStories())
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates/search.mustache"))
        let search = try searchFiles(root: root)
        XCTAssertNil(search.page)
        XCTAssertNotNil(search.data[SearchIndex.metaPath])
        try FileManager.default.removeItem(at: root.appendingPathComponent("Templates/archive.mustache"))
        XCTAssertTrue(try searchFiles(root: root).archive.isEmpty)
    }

    /// The search data's words are folded and split in Swift, a query's in search.js: the two
    /// must agree.
    func testFoldingAndWordsAgreeWithTheScript() throws {
        let samples = ["Éric Zemmour écarté", "ÀÉÎÕÜ ñ ç ø ß", "İstanbul", "Ångström Œuvre", "naïve café — “quoted”", "ＦＵＬＬ width", "Ελλάδα",
                       "Trump's 2nd term: the U.S.-China deal", "COVID-19 a b c 中国 日本語", "it's—a co-op, x²+y³ ½", "ΟΔΟΣ ΣΟΦΟΣ Σ"]
        for (s, folded) in zip(samples.prefix(2), ["eric zemmour ecarte", "aeiou n c ø ß"]) { XCTAssertEqual(StoryEntry.fold(s), folded) }
        XCTAssertEqual(SearchIndex.words("Trump's 2nd term: the U.S.-China deal"), ["trump", "2nd", "term", "china", "deal"])
        guard let node = ["/usr/bin/node", "/usr/local/bin/node"].first(where: FileManager.default.isExecutableFile) else {
            throw XCTSkip("node is not installed: the JavaScript side is not compared")
        }
        let stop = String(decoding: try JSONSerialization.data(withJSONObject: SearchIndex.stopWords), as: UTF8.self)
        let script = """
            const f = s => s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/\\u03c2/g, '\\u03c3'); const stop = new Set(\(stop));
            const w = s => f(s).split(/[^\\p{L}\\p{N}]+/u).filter(w => [...w].length > 1 && !stop.has(w));
            process.stdout.write(JSON.stringify(JSON.parse(process.argv[1]).map(s => [f(s), w(s)])))
            """
        let process = Process()
        let pipe = Pipe()
        process.executableURL = URL(fileURLWithPath: node)
        process.arguments = ["-e", script, String(decoding: try JSONSerialization.data(withJSONObject: samples), as: UTF8.self)]
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let js = try XCTUnwrap(try JSONSerialization.jsonObject(with: output) as? [[Any]])
        XCTAssertEqual(js.map { $0[0] as? String }, samples.map(StoryEntry.fold))
        XCTAssertEqual(js.map { $0[1] as? [String] }, samples.map(SearchIndex.words))
        let source = try String(contentsOf: Fixtures.repoRoot.appendingPathComponent("Templates/assets/search.js"), encoding: .utf8)
        XCTAssertTrue(source.contains("s.normalize('NFD').replace(/[\\u0300-\\u036f]/g, '').toLowerCase().replace(/\\u03c2/g, '\\u03c3')"), "the script folds as this test does")
        XCTAssertTrue(source.contains("fold(q).split(/[^\\p{L}\\p{N}]+/u).filter(w => [...w].length > 1 && !stop.has(w))"), "the script splits as this test does")
    }

    func testScriptIsSmallAndInsertsTextOnly() throws {
        let js = try String(contentsOf: Fixtures.repoRoot.appendingPathComponent("Templates/assets/search.js"), encoding: .utf8)
        // (6,000 until results learned to link a story without a page to its article.)
        XCTAssertLessThan(js.utf8.count, 6_200)
        for sink in ["innerHTML", "outerHTML", "insertAdjacentHTML", "document.write", "eval(", "new Function"] {
            XCTAssertFalse(js.contains(sink), sink)
        }
    }

    /// The Google News clusters (87 stories, up to 322 sources each): a story row names at most 3
    /// outlets, the meta none, and the words are those of titles, headlines and names.
    func testGoogleNewsIndexStaysSmall() throws {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content/corpus"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(atPath: try Fixtures.vendored("google-news-clusters-2014.jsonl.gz"), toPath: root.appendingPathComponent("Content/corpus/g.jsonl.gz").path)
        try FileManager.default.copyItem(atPath: Fixtures.outlets, toPath: root.appendingPathComponent("Content/outlets.csv").path)
        let search = try searchFiles(root: root)
        XCTAssertEqual(search.model.stories.count, 87)
        let bytes = search.data.values.reduce(0) { $0 + $1.count }
        let meta = try XCTUnwrap(search.data[SearchIndex.metaPath]).count
        print("search data: \(bytes) bytes in \(search.data.count) files for \(search.model.stories.count) stories (meta \(meta)); /search/: \(search.page?.utf8.count ?? 0) bytes")
        XCTAssertEqual(try search.rows().count, 87)
        XCTAssertLessThan(meta, 2_000)
    }
}
