import Build
import Corpus
import Foundation
import Support
import TestSupport
import XCTest

/// Builds the default site of the repository (Content/ + Templates/) the way `make site` does.
final class DefaultSiteTests: XCTestCase {
    func build(baseURL: String? = nil, into out: URL) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(root: Fixtures.repoRoot.path, output: out.path, baseURL: baseURL, strict: true)).build()
    }

    /// The default site built once (root base URL, strictly) for the tests that only read it.
    static let shared: Result<(out: URL, report: BuildReport), any Error> = Result {
        let out = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-default-site-\(UUID().uuidString)/Public")
        let report = try SiteBuilder(options: BuildOptions(root: Fixtures.repoRoot.path, output: out.path, strict: true)).build()
        return (out, report)
    }

    override class func tearDown() {
        if case .success(let built) = shared { try? FileManager.default.removeItem(at: built.out.deletingLastPathComponent()) }
        super.tearDown()
    }

    func read(_ out: URL, _ path: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
    }

    /// The stories of the last build of the default site, as its data files give them.
    func stories(_ out: URL) throws -> [[String: Any]] {
        try StoriesData.stories(in: out)
    }

    func testDefaultSiteBuildsStrictly() throws {
        let (out, report) = try Self.shared.get()
        XCTAssertEqual(report.articles, 2_362, "2,357 AllSides articles of April–July 2020 and the five seed pages")
        XCTAssertEqual(report.diagnostics, [])
        XCTAssertEqual(report.corpus.outletsFromText, 1, "one seed page names its site in its newsletter box")
        // A page for each story but those of one article, which link to it (`has_page` false).
        let storyDirs = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("stories").path)
        let all = try stories(out)
        XCTAssertEqual(all.count, report.stories)
        XCTAssertEqual(Set(storyDirs), Set(all.filter { $0["has_page"] as? Bool == true }.map { $0["slug"] as! String }))
        XCTAssertTrue(all.allSatisfy { ($0["has_page"] as? Bool == false) == (($0["articles"] as? [Any])?.count == 1 && ($0["url"] as? String ?? "").hasPrefix("http")) },
                      "only stories of one article with an address have no page")
        XCTAssertGreaterThan(storyDirs.count, 300)
        for name in ["index.html", "404.html", "stories.json", "robots.txt", "about/index.html", "methodology/index.html", "blindspot/index.html",
                     "outlets/index.html", "topics/index.html", "topics/russia/index.html", "topics/coronavirus/index.html", "page/2/index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let notFound = try read(out, "404.html")
        XCTAssertTrue(notFound.contains("<style>") && !notFound.contains("rel=\"stylesheet\""), "404.html carries its styles: it is styled wherever it is served or opened")
        let css = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("site.") && $0.hasSuffix(".css") }
        XCTAssertEqual(css.count, 1, "one fingerprinted stylesheet")
        let home = try read(out, "index.html")
        XCTAssertTrue(home.contains("href=\"./\(css[0])\"") || home.contains("href=\"\(css[0])\"") || home.contains("./\(css[0])"), "home links the fingerprinted CSS")
    }

    /// Every story page of the default site (all English) shows the tone gauge, named with the
    /// word "tone" and its value, and the words that weighed most; the home page shows the daily
    /// index.
    func testEveryStoryHasAToneGaugeAndHomeTheDailyIndex() throws {
        let out = try Self.shared.get().out
        let gauge = try NSRegularExpression(pattern: #"<svg [^>]*class="chart tone-gauge"[^>]*role="img" aria-label="[^"]*tone: (negative|neutral|positive), ([−+]0\.[0-9]{2}|0\.00) on a scale"#)
        var pages = 0, bands: [String: Int] = [:]
        for name in try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("stories").path) {
            let html = try read(out, "stories/\(name)/index.html")
            let match = gauge.firstMatch(in: html, range: NSRange(html.startIndex..., in: html))
            XCTAssertNotNil(match, "\(name) has no tone gauge")
            if let match, let r = Range(match.range(at: 1), in: html) { bands[String(html[r]), default: 0] += 1 }
            pages += 1
        }
        XCTAssertGreaterThan(pages, 300)
        XCTAssertEqual(Set(bands.keys), ["negative", "neutral", "positive"], "\(bands)")
        let home = try read(out, "index.html")
        XCTAssertTrue(home.contains("Daily index") && home.contains("aria-label=\"Daily index tone: "), "home shows the daily index")
    }

    /// The story sidebar says each number once: no sentence repeating the bias bar's legend, one
    /// side "first to report" (a side level with it reported "the same day").
    func testTheCoverageColumnSaysEachThingOnce() throws {
        let out = try Self.shared.get().out
        var sameDay = 0
        for name in try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("stories").path) {
            let html = try read(out, "stories/\(name)/index.html")
            XCTAssertLessThanOrEqual(html.components(separatedBy: "picked it up</dt><dd>first to report").count - 1, 1, name)
            XCTAssertFalse(html.contains("<p class=\"chart-text\">Left "), "\(name): the bias bar's numbers said again")
            if html.contains("picked it up</dt><dd>the same day") { sameDay += 1 }
        }
        XCTAssertGreaterThan(sameDay, 10, "sides level with the first report are there, and said so")
        // A timeline of one bar is a sentence, not a chart: a story whose articles all came out one day.
        let oneDay = try read(out, "stories/\(try XCTUnwrap(try stories(out).first { $0["has_page"] as? Bool == true && $0["first_published"] is String && $0["first_published"] as? String == $0["last_updated"] as? String })["slug"] as! String)/index.html")
        XCTAssertFalse(oneDay.contains("class=\"chart timeline-chart\""))
        XCTAssertNotNil(oneDay.range(of: #"<p>[0-9]+ articles on [0-9]+ [A-Z][a-z]{2} [0-9]{4}: (Left|Center|Right|Unrated) [0-9]+(, (Center|Right|Unrated) [0-9]+)*\.</p>"#, options: .regularExpression))
    }

    /// An outlet's ratings by list are rows that stack on a phone (each cell named by its column),
    /// with where each row comes from in a note below instead of a column of references.
    func testOutletRatingsStackAndNameTheirSourcesInANote() throws {
        let html = try read(try Self.shared.get().out, "outlets/new-york-times-news/index.html")
        // Its stories: those others covered too, and those it alone covered (which link out).
        let covered = try XCTUnwrap(html.range(of: #"Stories covered</dt><dd>[0-9]+ \([0-9]+% of this site's stories\), [0-9]+ articles?; [0-9]+ of them covered by no other outlet"#, options: .regularExpression).map { String(html[$0]) })
        let shared = try XCTUnwrap(html.range(of: #"Broke the story</dt><dd>[0-9]+ of [0-9]+"#, options: .regularExpression).map { String(html[$0]) })
        func numbers(_ s: String) -> [Int] { s.split { !$0.isNumber }.compactMap { Int($0) } }
        XCTAssertEqual(numbers(covered)[0], numbers(covered)[3] + numbers(shared)[1], "\(covered) / \(shared)")
        let table = try XCTUnwrap(html.range(of: #"<table class="stack-table">[\s\S]*?</table>"#, options: .regularExpression).map { String(html[$0]) })
        let rows = table.components(separatedBy: "<tr><th scope=\"row\" data-label=\"List\">").count - 1
        XCTAssertGreaterThan(rows, 3)
        for label in ["Rated as", "Bias", "Factuality", "As of"] {
            XCTAssertEqual(table.components(separatedBy: "<td data-label=\"\(label)\">").count - 1, rows, label)
        }
        XCTAssertFalse(table.contains("github.com"), "provenance is not a column")
        let note = try XCTUnwrap(html.range(of: #"<ul class="note provenance">[\s\S]*?</ul>"#, options: .regularExpression).map { String(html[$0]) })
        XCTAssertTrue(note.contains("<li>AllSides: github.com/") && note.contains("<li>MBFC: "), note)
    }

    /// The home page leads with its first story — its summary and a line saying why it leads —
    /// and every card names the outlets behind it ("Reuters, Fox News and 4 more").
    func testHomeLeadsWithAStoryAndCardsNameTheirOutlets() throws {
        let out = try Self.shared.get().out
        let home = try read(out, "index.html")
        let lead = try XCTUnwrap(home.range(of: #"<section class="lead-story"[\s\S]*?</section>"#, options: .regularExpression).map { String(home[$0]) })
        XCTAssertTrue(lead.contains("class=\"lead-summary\""), lead)
        XCTAssertNotNil(lead.range(of: #"It leads with [0-9]+ sources, last updated [0-9]+ [A-Z][a-z]{2} [0-9]{4}: the most sources for its age"#, options: .regularExpression), lead)
        let first: [String: Any] = ["slug": try XCTUnwrap(StoriesData.ranked(in: out).first)]
        XCTAssertTrue(lead.contains("href=\"stories/\(first["slug"] as! String)/\""), "the lead is the first story stories.json ranks")
        XCTAssertFalse(home.components(separatedBy: "<li class=\"card\">").dropFirst().contains { $0.contains("href=\"stories/\(first["slug"] as! String)/\"") && !$0.contains("blindspot") },
                       "the lead is not repeated among the cards below it")
        let lines = home.components(separatedBy: "class=\"card-outlets\">").dropFirst().map { String($0.prefix { $0 != "<" }) }
        XCTAssertGreaterThan(lines.count, 15)
        let shape = try NSRegularExpression(pattern: #"^[^,]+(, [^,]+)* (and [^,]+|and [0-9]+ more)$|^[^,]+$"#)
        for line in lines {
            XCTAssertNotNil(shape.firstMatch(in: line, range: NSRange(line.startIndex..., in: line)), line)
        }
        XCTAssertTrue(lines.contains { $0.hasSuffix(" more") })
    }

    /// No page of the default site counts one thing with a plural ("1 stories", "of 1 sources"),
    /// and the singular is used where a count is one (the default site has such counts).
    func testCountsOfOneAreSingular() throws {
        let out = try Self.shared.get().out
        let plural = try NSRegularExpression(pattern: "(?<![0-9.,])1 (more [A-Za-z]+ )?(stories|articles|sources|outlets)\\b")
        let singular = try NSRegularExpression(pattern: "(?<![0-9.,])1 (more [A-Za-z]+ )?(story|article|source|outlet)\\b")
        var pages = 0, singulars = 0
        for path in FileTree.files(below: out.path) where path.hasSuffix(".html") {
            let html = try read(out, path)
            let text = html.replacingOccurrences(of: "<[^>]+>", with: "", options: .regularExpression)
            let range = NSRange(text.startIndex..., in: text)
            if let match = plural.firstMatch(in: text, range: range) {
                XCTFail("\(path): \"\((text as NSString).substring(with: match.range))\"")
            }
            singulars += singular.numberOfMatches(in: text, range: range)
            pages += 1
        }
        XCTAssertGreaterThan(pages, 600)
        XCTAssertGreaterThan(singulars, 100, "counts of one are on many pages")
    }

    /// The default site shows what the product is for, under the default settings: many stories
    /// told by several named outlets, across the sides, and blindspots on their page.
    func testDefaultSiteShowsCoverageFromEverySide() throws {
        let out = try Self.shared.get().out
        let stories = try stories(out)
        func outlets(_ story: [String: Any]) -> Set<String> {
            Set((story["articles"] as? [[String: Any]] ?? []).compactMap { $0["outlet"] as? String })
        }
        func count(_ story: [String: Any], _ side: String) -> Int { (story["coverage"] as? [String: Any])?[side] as? Int ?? 0 }
        let named = Set(stories.flatMap(outlets))
        let threeOutlets = stories.filter { outlets($0).count >= 3 }
        let everySide = stories.filter { count($0, "left") > 0 && count($0, "center") > 0 && count($0, "right") > 0 }
        let blindspots = stories.filter { ($0["coverage"] as? [String: Any])?["blindspot"] is String }
        XCTAssertGreaterThanOrEqual(threeOutlets.count, 150)
        XCTAssertGreaterThanOrEqual(everySide.count, 30)
        XCTAssertGreaterThanOrEqual(named.count, 60)
        XCTAssertGreaterThanOrEqual(blindspots.count, 3)
        let blindspotPage = try read(out, "blindspot/index.html")
        for story in blindspots {
            let slug = try XCTUnwrap(story["slug"] as? String)
            XCTAssertTrue(blindspotPage.contains("stories/\(slug)/"), "\(slug) is on the blindspot page")
        }
        // Each side shows its nearest misses, each with what it lacked, and the rule by example.
        XCTAssertEqual(blindspotPage.components(separatedBy: "<h3>Nearest misses</h3>").count - 1, 2)
        XCTAssertGreaterThanOrEqual(blindspotPage.components(separatedBy: "Missed the rule: ").count - 1, 4)
        XCTAssertTrue(blindspotPage.contains("For example, 4 right-leaning outlets and 1 left-leaning (80% against 20%) make a blindspot for the Left; 3 and 2 (60% against 40%) do not."))
    }

    /// The seed story: five raw pages, one story, its headline, every page listed as a source;
    /// the page that names its own site in its newsletter box is shown under that name, and the
    /// four that name none are said once, not once per mention.
    func testTheSeedStoryPage() throws {
        let out = try Self.shared.get().out
        let seed = try XCTUnwrap(try stories(out).first { ($0["topics"] as? [String]) == ["Russia", "Technology"] })
        let slug = try XCTUnwrap(seed["slug"] as? String)
        XCTAssertEqual(slug, "russia-moves-to-ban-whatsapp-and-telegram-voice-calls-in-anti-terror-push")
        let page = try read(out, "stories/\(slug)/index.html")
        XCTAssertTrue(page.contains("<h1>Russia Moves to Ban WhatsApp and Telegram Voice Calls in Anti-Terror Push</h1>"))
        for title in ["Russia impose restrictions on WhatsApp and Telegram voice calls due to security disagreements",
                      "Russia limits WhatsApp and Telegram calls ahead of Trump and Putin’s meeting",
                      "Russia Imposes Partial WhatsApp, Telegram Call Restrictions Amid Security Concerns",
                      "Russia restricts Telegram and WhatsApp calls: Why the Kremlin is cracking down on messaging apps"] {
            XCTAssertTrue(page.contains(title), title)
        }
        XCTAssertTrue(page.contains("No rated sources"), "no outlet of the seed pages is rated")
        XCTAssertFalse(page.contains("Unknown outlet"))
        XCTAssertTrue(page.contains("<dt>Without a named outlet</dt><dd>4 sources</dd>"), "said once")
        XCTAssertTrue(page.contains("<a class=\"outlet\" href=\"../../outlets/azerbaijan-us/\">Azerbaijan.us</a>"), "the page's own newsletter box names it")
        // The page is made of cleaned text only: no page furniture, nothing of the glued articles.
        for clutter in ["Taboola", "Sponsored", "3 Min Read", "Stay Ahead", "Story Coverage", "Zelenskyy", "Read also", "Credit:"] {
            XCTAssertFalse(page.contains(clutter), clutter)
        }
        XCTAssertTrue(page.contains("<dt>Total news sources</dt><dd>5 (5 articles)</dd>"))
        XCTAssertTrue(page.contains("class=\"footnotes\""), "the seed story has a cited summary")
        XCTAssertTrue(page.contains("None of these articles carries a date, so there is no timeline."), "the seed files carry no dates: the page says so instead of drawing an empty chart")
        XCTAssertFalse(page.contains("No Left-rated source"), "no outlet is rated: empty side columns would say nothing")
        XCTAssertEqual((seed["articles"] as? [Any])?.count, 5)
    }

    /// The story with the most sources among those covered by all three sides: its page's
    /// numbers are its coverage numbers, in the bar, the sentence and the charts.
    func testAStoryFromEverySideShowsItsCoverage() throws {
        let out = try Self.shared.get().out
        let stories = try stories(out)
        func coverage(_ story: [String: Any]) -> [String: Any] { story["coverage"] as? [String: Any] ?? [:] }
        let story = try XCTUnwrap(stories.filter { s in ["left", "center", "right"].allSatisfy { (coverage(s)[$0] as? Int ?? 0) > 0 } }
            .max { (coverage($0)["sources"] as? Int ?? 0, $1["slug"] as? String ?? "") < (coverage($1)["sources"] as? Int ?? 0, $0["slug"] as? String ?? "") })
        let c = coverage(story)
        let (l, m, r) = (c["left"] as! Int, c["center"] as! Int, c["right"] as! Int)
        let (lp, mp, rp) = (c["left_pct"] as! Int, c["center_pct"] as! Int, c["right_pct"] as! Int)
        XCTAssertEqual(lp + mp + rp, 100)
        let page = try read(out, "stories/\(story["slug"] as! String)/index.html")
        func sources(_ n: Int) -> String { n == 1 ? "1 source" : "\(n) sources" }
        XCTAssertTrue(page.contains("Left \(lp)% (\(sources(l))), Center \(mp)% (\(sources(m))), Right \(rp)% (\(sources(r)))."), "the chart's words")
        XCTAssertTrue(page.contains("Left \(lp)% (\(l))"))
        XCTAssertTrue(page.contains("Right \(rp)% (\(r))"))
        XCTAssertTrue(page.contains("class=\"source-list\""))
        XCTAssertTrue(page.contains("Factuality of the \(c["sources"] as! Int) sources"))
        XCTAssertTrue(page.contains("\(c["articles"] as! Int) articles from"), "the timeline's description counts the articles")
        XCTAssertTrue(page.contains("rel=\"canonical\"") == false, "no canonical without an absolute base_url")
        XCTAssertTrue(page.contains("class=\"footnote-ref\""), "summary sentences cite their articles")
        for outlet in Set((story["articles"] as! [[String: Any]]).compactMap { $0["outlet"] as? String }) {
            let html = outlet.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "'", with: "&#39;").replacingOccurrences(of: "\"", with: "&quot;")
            XCTAssertTrue(page.contains(">\(html)</a>"), "\(outlet) links to its page")
        }
    }

    func testSubPathBaseURLAndNoChangeRebuild() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        _ = try build(baseURL: "https://example.org/news/", into: out)
        let home = try read(out, "index.html")
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.org/news/\">"))
        let notFound = try read(out, "404.html")
        XCTAssertTrue(notFound.contains("href=\"/news/favicon.svg\"") && notFound.contains("href=\"/news/blindspot/\""), "the 404 page is served at any depth: absolute links under the base path")
        let json = try read(out, "stories.json")
        XCTAssertTrue(json.contains("\"url\":\"/news/data/stories-"), "the index's shards by their URL")
        XCTAssertTrue(try StoriesData.stories(in: out).allSatisfy { ($0["url"] as? String ?? "").hasPrefix($0["has_page"] as? Bool == true ? "/news/stories/" : "http") })
        let second = try build(baseURL: "https://example.org/news/", into: out)
        XCTAssertFalse(second.write.changed, "a second build with no change writes nothing")
        XCTAssertEqual(second.write.unchanged, second.files)
    }

    /// The command line: exit 0 and one closing line; 2 on a usage error; 1 on a failed build.
    func testCommandLineExitCodes() throws {
        let binary = Fixtures.repoRoot.appendingPathComponent(".build/debug/sitegen")
        guard FileManager.default.isExecutableFile(atPath: binary.path) else {
            return XCTFail("\(binary.path) not built (swift test builds it)")
        }
        func run(_ args: [String]) throws -> (Int32, String, String) {
            let p = Process()
            p.executableURL = binary
            p.arguments = args
            let out = Pipe(), err = Pipe()
            p.standardOutput = out
            p.standardError = err
            try p.run()
            let o = out.fileHandleForReading.readDataToEndOfFile()
            let e = err.fileHandleForReading.readDataToEndOfFile()
            p.waitUntilExit()
            return (p.terminationStatus, String(decoding: o, as: UTF8.self), String(decoding: e, as: UTF8.self))
        }
        let tmp = try Fixtures.tempDir(self)
        let (ok, stdout, _) = try run(["build", "--root", Fixtures.repoRoot.path, "--output", tmp.appendingPathComponent("P").path])
        XCTAssertEqual(ok, 0)
        XCTAssertTrue(stdout.hasPrefix("Built ") && stdout.contains(" stories from 2362 articles:"), stdout)
        // `--output a/b/c` from a folder where `a/` does not exist: the folders are made.
        let nested = Process()
        nested.executableURL = binary
        nested.arguments = ["build", "--root", Fixtures.repoRoot.path, "--output", "a/b/c"]
        nested.currentDirectoryURL = tmp
        nested.standardOutput = FileHandle.nullDevice
        nested.standardError = FileHandle.nullDevice
        try nested.run()
        nested.waitUntilExit()
        XCTAssertEqual(nested.terminationStatus, 0)
        XCTAssertTrue(FileManager.default.fileExists(atPath: tmp.appendingPathComponent("a/b/c/index.html").path))
        XCTAssertEqual(try run(["build", "--no-such-option"]).0, 2)
        XCTAssertEqual(try run(["frobnicate"]).0, 2)
        XCTAssertEqual(try run(["build", "--jobs", "0"]).0, 2)
        let (help, helpText, _) = try run(["build", "--help"])
        XCTAssertEqual(help, 0)
        XCTAssertTrue(helpText.contains("--base-url"))
        let (failed, _, stderr) = try run(["build", "--root", tmp.appendingPathComponent("nowhere").path])
        XCTAssertEqual(failed, 1)
        XCTAssertTrue(stderr.contains("error: "), stderr)

        // `extract`: cleaned articles as Markdown with front matter, as JSON Lines, with the diff.
        let seed = try Fixtures.vendored("seed-story")
        let (md, markdown, summary) = try run(["extract", seed])
        XCTAssertEqual(md, 0)
        XCTAssertTrue(markdown.hasPrefix("---\nid: \"\(seed)/000_406871fb7fa8ad25\"\ntitle: \"Russia Imposes Partial WhatsApp, Telegram Call Restrictions Amid Security Concerns\"\n"), markdown)
        XCTAssertFalse(markdown.contains("Taboola"))
        XCTAssertTrue(summary.contains("Cleaned 5 articles:"), summary)
        let (js, jsonLines, _) = try run(["extract", "--json", "--diff", seed])
        XCTAssertEqual(js, 0)
        let objects = try jsonLines.split(separator: "\n").map { try JSONSerialization.jsonObject(with: Data($0.utf8)) as! [String: Any] }
        XCTAssertEqual(objects.count, 5)
        let removed = objects[2]["removed"] as! [[String: Any]]
        XCTAssertTrue(removed.contains { $0["text"] as? String == "3 Min Read" && $0["reason"] as? String == "reading time label" }, "\(removed)")
        XCTAssertFalse((objects[4]["body"] as! String).contains("Sponsored Links"))
        let (diffStatus, diff, _) = try run(["extract", "--diff", seed])
        XCTAssertEqual(diffStatus, 0)
        XCTAssertTrue(diff.contains("- by Taboola\n    ↳ ad network widget (Taboola)\n"), diff)
        XCTAssertEqual(try run(["extract"]).0, 2, "extract needs a path")
        XCTAssertEqual(try run(["extract", tmp.appendingPathComponent("missing.jsonl").path]).0, 1)

        // `evaluate-grouping`: the story field is the truth; a copy of an article (same URL) is
        // dropped first, as a build drops it, unless --no-dedup keeps it.
        let labelled = tmp.appendingPathComponent("labelled.jsonl")
        let records = [
            ["id": "a1", "story": "dam", "outlet": "Reuters", "url": "https://example.com/a1", "published": "2024-05-01", "title": "River dam bursts after record rainfall, villages evacuated"],
            ["id": "a2", "story": "dam", "outlet": "AP", "url": "https://example.org/a2", "published": "2024-05-01", "title": "Villages evacuated as river dam bursts after record rainfall"],
            ["id": "b1", "story": "budget", "outlet": "AP", "url": "https://example.org/b1", "published": "2024-05-02", "title": "Parliament passes the spring budget by a narrow vote"],
            ["id": "a1-copy", "story": "dam", "outlet": "Reuters", "url": "https://example.com/a1", "published": "2024-05-01", "title": "River dam bursts after record rainfall, villages evacuated"],
        ]
        try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: .sortedKeys), as: UTF8.self) }
            .joined(separator: "\n").write(to: labelled, atomically: true, encoding: .utf8)
        let (scored, score, _) = try run(["evaluate-grouping", labelled.path])
        XCTAssertEqual(scored, 0)
        XCTAssertTrue(score.hasPrefix("3 articles → 2 stories"), score)
        XCTAssertTrue(score.contains("B-cubed precision 1.000, recall 1.000, F1 1.000 over 3 labelled articles"), score)
        // --sample N --seed S: N random stories of two outlets or more, each article with its
        // outlet, date, headline and opening; the same seed, the same stories.
        let (sampled, sample, _) = try run(["evaluate-grouping", labelled.path, "--sample", "1", "--seed", "3"])
        XCTAssertEqual(sampled, 0)
        XCTAssertTrue(sample.contains("\n## Story 1: "), sample)
        XCTAssertTrue(sample.contains("\n- Reuters · 2024-05-01 · River dam bursts after record rainfall, villages evacuated\n"), sample)
        // (The stories, not the timing line above them, which a busy machine changes.)
        func stories(_ output: String) -> Substring { output[(output.range(of: "\n## Story")?.lowerBound ?? output.endIndex)...] }
        XCTAssertEqual(stories(try run(["evaluate-grouping", labelled.path, "--sample", "1", "--seed", "3"]).1), stories(sample))
        let (kept, keptScore, _) = try run(["evaluate-grouping", "--no-dedup", labelled.path])
        XCTAssertEqual(kept, 0)
        XCTAssertTrue(keptScore.hasPrefix("4 articles → "), keptScore)
        XCTAssertTrue(keptScore.contains("over 4 labelled articles"), keptScore)
    }
}
