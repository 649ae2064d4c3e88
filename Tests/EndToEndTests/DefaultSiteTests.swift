import Corpus
import Foundation
import Site
import TestSupport
import XCTest

/// Builds the default site of the repository (Content/ + Templates/) the way `make site` does.
final class DefaultSiteTests: XCTestCase {
    func build(baseURL: String? = nil, into out: URL) throws -> BuildReport {
        try SiteBuilder(options: BuildOptions(root: Fixtures.repoRoot.path, output: out.path, baseURL: baseURL, strict: true)).build()
    }

    func read(_ out: URL, _ path: String) throws -> String {
        try String(contentsOf: out.appendingPathComponent(path), encoding: .utf8)
    }

    func testDefaultSiteBuildsFiftyOneStoryPagesStrictly() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        let report = try build(into: out)
        XCTAssertEqual(report.stories, 51)
        XCTAssertEqual(report.articles, 155)
        XCTAssertEqual(report.diagnostics, [])
        let storyDirs = try FileManager.default.contentsOfDirectory(atPath: out.appendingPathComponent("stories").path)
        XCTAssertEqual(storyDirs.count, 51)
        for name in ["index.html", "404.html", "stories.json", "robots.txt", "about/index.html", "methodology/index.html",
                     "outlets/index.html", "topics/index.html", "topics/russia/index.html", "page/2/index.html"] {
            XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent(name).path), name)
        }
        let css = try FileManager.default.contentsOfDirectory(atPath: out.path).filter { $0.hasPrefix("site.") && $0.hasSuffix(".css") }
        XCTAssertEqual(css.count, 1, "one fingerprinted stylesheet")
        let home = try read(out, "index.html")
        XCTAssertTrue(home.contains("href=\"./\(css[0])\"") || home.contains("href=\"\(css[0])\"") || home.contains("./\(css[0])"), "home links the fingerprinted CSS")
    }

    /// The seed story: five raw pages, one story, its headline, every page listed as a source.
    func testTheSeedStoryPage() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        _ = try build(into: out)
        let slug = "russia-imposes-partial-whatsapp-telegram-call-restrictions-amid-security" // 80 characters at most, cut at a word
        let page = try read(out, "stories/\(slug)/index.html")
        XCTAssertTrue(page.contains("<h1>Russia Imposes Partial WhatsApp, Telegram Call Restrictions Amid Security Concerns</h1>"))
        for title in ["Russia impose restrictions on WhatsApp and Telegram voice calls due to security disagreements",
                      "Russia limits WhatsApp and Telegram calls ahead of Trump and Putin’s meeting",
                      "Russia Moves to Ban WhatsApp and Telegram Voice Calls in Anti\\-Terror Push".replacingOccurrences(of: "\\", with: ""),
                      "Russia restricts Telegram and WhatsApp calls: Why the Kremlin is cracking down on messaging apps"] {
            XCTAssertTrue(page.contains(title), title)
        }
        XCTAssertTrue(page.contains("No rated sources"), "the seed pages name no outlet: all unrated")
        // The page is made of cleaned text only: no page furniture, nothing of the glued articles.
        for clutter in ["Taboola", "Sponsored", "3 Min Read", "Stay Ahead", "Story Coverage", "Zelenskyy", "Read also", "Credit:"] {
            XCTAssertFalse(page.contains(clutter), clutter)
        }
        XCTAssertTrue(page.contains("<dt>Total news sources</dt><dd>5 (5 articles)</dd>"))
        XCTAssertTrue(page.contains("class=\"footnotes\""), "the seed story has a cited summary")
        XCTAssertTrue(page.contains("None of these articles carries a date, so there is no timeline."), "the seed files carry no dates: the page says so instead of drawing an empty chart")
        XCTAssertFalse(page.contains("No Left-rated source"), "no outlet is rated: empty side columns would say nothing")
        let json = try JSONSerialization.jsonObject(with: Data(contentsOf: out.appendingPathComponent("stories.json"))) as! [String: Any]
        let seed = (json["stories"] as! [[String: Any]]).first { $0["slug"] as? String == slug }!
        XCTAssertEqual((seed["articles"] as! [Any]).count, 5)
        XCTAssertEqual(seed["topics"] as? [String], ["Russia", "Technology"])
    }

    /// A BASIL story: three outlets, 67/33, chart numbers equal the coverage numbers.
    func testABASILStoryPageShowsItsCoverage() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        _ = try build(into: out)
        let page = try read(out, "stories/nebraska-oklahoma-file-federal-suit-against-colorado-over-marijuana-legalization/index.html")
        XCTAssertTrue(page.contains("Left 67% (2)"))
        XCTAssertTrue(page.contains("Right 33% (1)"))
        XCTAssertTrue(page.contains("Left 67% (2 sources), Center 0% (0 sources), Right 33% (1 source)."))
        XCTAssertTrue(page.contains("class=\"source-list\""))
        XCTAssertTrue(page.contains("Factuality of the 3 sources"))
        XCTAssertTrue(page.contains("3 articles from"), "the timeline's description counts the articles")
        XCTAssertTrue(page.contains("href=\"../../outlets/fox-news-online-news/\""))
        XCTAssertTrue(page.contains("rel=\"canonical\"") == false, "no canonical without an absolute base_url")
        XCTAssertTrue(page.contains("class=\"footnote-ref\""), "summary sentences cite their articles")
        XCTAssertTrue(FileManager.default.fileExists(atPath: out.appendingPathComponent("outlets/fox-news-online-news/index.html").path))
    }

    func testSubPathBaseURLAndNoChangeRebuild() throws {
        let out = try Fixtures.tempDir(self).appendingPathComponent("Public")
        _ = try build(baseURL: "https://example.org/news/", into: out)
        let home = try read(out, "index.html")
        XCTAssertTrue(home.contains("<link rel=\"canonical\" href=\"https://example.org/news/\">"))
        let notFound = try read(out, "404.html")
        XCTAssertTrue(notFound.contains("href=\"/news/site."), "the 404 page is served at any depth: absolute links under the base path")
        let json = try read(out, "stories.json")
        XCTAssertTrue(json.contains("\"url\":\"/news/stories/"))
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
        XCTAssertTrue(stdout.hasPrefix("Built 51 stories from 155 articles:"), stdout)
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
        let seed = Fixtures.sharedData.appendingPathComponent("seed-story").path
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
        let (kept, keptScore, _) = try run(["evaluate-grouping", "--no-dedup", labelled.path])
        XCTAssertEqual(kept, 0)
        XCTAssertTrue(keptScore.hasPrefix("4 articles → "), keptScore)
        XCTAssertTrue(keptScore.contains("over 4 labelled articles"), keptScore)
    }
}
