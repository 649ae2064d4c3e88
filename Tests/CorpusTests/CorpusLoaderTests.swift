@testable import Corpus
import Foundation
import Support
import TestSupport
import XCTest

final class CorpusLoaderTests: XCTestCase {
    /// Real BASIL records, with broken lines put between them: each broken line is reported with
    /// its file and line and skipped, and the good records around it load.
    func testJSONLinesReportsBrokenLinesByFileAndLineAndKeepsTheRest() throws {
        let dir = try Fixtures.tempDir(self)
        let real = try String(contentsOfFile: try Fixtures.vendored("basil-stories-dev.jsonl"), encoding: .utf8)
            .split(separator: "\n").prefix(3).map(String.init)
        let lines = [
            real[0],
            "{\"id\": \"x1\", \"title\": \"unterminated",              // 2: invalid JSON
            "{\"outlet\": \"Fox News\", \"title\": \"No id here\"}",       // 3: no id
            real[1],
            "",                                                           // 5: blank, ignored
            real[0],                                                      // 6: duplicate id
            "{\"id\": \"x2\", \"outlet\": \"Fox News\"}",                  // 7: neither title nor body
            "[1, 2, 3]",                                                  // 8: not an object
            real[2],
        ]
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("corpus/a.jsonl"))
        let loaded = try CorpusLoader().load(directory: dir.appendingPathComponent("corpus").path, displayPrefix: "corpus")
        XCTAssertEqual(loaded.articles.count, 3)
        let errors = loaded.diagnostics.filter { $0.severity == .error }.map(\.description)
        XCTAssertEqual(errors.count, 5)
        XCTAssertTrue(errors[0].hasPrefix("corpus/a.jsonl:2: invalid JSON"), errors[0])
        XCTAssertEqual(errors[1], "corpus/a.jsonl:3: record has no \"id\"; record skipped")
        XCTAssertTrue(errors[2].hasPrefix("corpus/a.jsonl:6: duplicate id \"17a9d9cb-727d-4173-b829-ceded51002e5\" (first seen at corpus/a.jsonl:1)"), errors[2])
        XCTAssertEqual(errors[3], "corpus/a.jsonl:7: record \"x2\" has neither title nor body; record skipped")
        XCTAssertTrue(errors[4].hasPrefix("corpus/a.jsonl:8:"), errors[4])
        XCTAssertEqual(loaded.stats.skipped, 5)
        let first = loaded.articles[0]
        XCTAssertEqual(first.outlet, "New York Times")
        XCTAssertEqual(first.title, "Beck Wows the CPAC Crowd")
        XCTAssertEqual(first.published.map(DateText.day), "2010-02-20")
        XCTAssertEqual(first.storyKey, "6f95dcb9-e960-45ac-8c0e-91b85724c909")
        XCTAssertGreaterThan(first.paragraphs.count, 5)
    }

    func testGzippedJSONLinesLoadLikePlainOnes() throws {
        let dir = try Fixtures.tempDir(self)
        let plain = dir.appendingPathComponent("basil.jsonl")
        try FileManager.default.copyItem(atPath: try Fixtures.vendored("basil-stories-dev.jsonl"), toPath: plain.path)
        let gz = try Fixtures.gzip(plain)
        let fromPlain = CorpusLoader().load(paths: [plain.path])
        let fromGzip = CorpusLoader().load(paths: [gz.path])
        XCTAssertEqual(fromPlain.articles.count, 147) // 150 records, four share the id "empty"
        XCTAssertEqual(fromGzip.articles.map(\.id), fromPlain.articles.map(\.id))
        XCTAssertEqual(fromGzip.articles.map(\.body), fromPlain.articles.map(\.body))
        XCTAssertEqual(fromGzip.diagnostics.map { $0.message.replacingOccurrences(of: ".gz", with: "") }, fromPlain.diagnostics.map(\.message))
        XCTAssertEqual(fromGzip.diagnostics.map(\.location.line), [60, 120, 137])
    }

    /// A file of many batches (read on one thread, parsed on several): every record in file order,
    /// every problem at its own line, whatever batch it fell in; a file cut short keeps what came
    /// before the cut.
    func testLargeFilesLoadInOrderAcrossBatches() throws {
        let dir = try Fixtures.tempDir(self)
        let plain = dir.appendingPathComponent("many.jsonl")
        var lines: [String] = []
        for i in 1...10_000 {
            switch i {
            case 4096, 4097, 9_001: lines.append("{\"id\": \"broken \(i)\", ")
            case 8_192: lines.append("{\"id\": \"a1\", \"title\": \"duplicate\"}")
            default: lines.append("{\"id\": \"a\(i)\", \"outlet\": \"Reuters\", \"title\": \"Headline \(i)\", \"body\": \"Body of article \(i).\"}")
            }
        }
        try (lines.joined(separator: "\n") + "\n").write(to: plain, atomically: true, encoding: .utf8)
        var options = CleaningOptions()
        options.jobs = 2
        let loaded = CorpusLoader(cleaning: options).load(paths: [plain.path])
        let expected = (1...10_000).filter { ![4096, 4097, 8_192, 9_001].contains($0) }.map { "a\($0)" }
        XCTAssertEqual(loaded.articles.map(\.id), expected)
        XCTAssertEqual(loaded.diagnostics.map(\.location.line), [4096, 4097, 8_192, 9_001])

        let gz = try Fixtures.gzip(plain)
        let data = try Data(contentsOf: gz)
        try data.prefix(data.count * 3 / 4).write(to: gz)
        let cut = CorpusLoader(cleaning: options).load(paths: [gz.path])
        XCTAssertTrue(cut.diagnostics.last?.message.contains("gzip data ends early") ?? false, "\(cut.diagnostics.suffix(2))")
        XCTAssertGreaterThan(cut.articles.count, 4_000)
        XCTAssertEqual(cut.articles.map(\.id), Array(expected.prefix(cut.articles.count)))
    }

    func testTruncatedGzipIsReportedNotCrashed() throws {
        let dir = try Fixtures.tempDir(self)
        let plain = dir.appendingPathComponent("basil.jsonl")
        try FileManager.default.copyItem(atPath: try Fixtures.vendored("basil-stories-dev.jsonl"), toPath: plain.path)
        let gz = try Fixtures.gzip(plain)
        let data = try Data(contentsOf: gz)
        try data.prefix(data.count / 2).write(to: gz)
        let loaded = CorpusLoader().load(paths: [gz.path])
        XCTAssertTrue(loaded.diagnostics.contains { $0.message.contains("gzip data ends early") }, "\(loaded.diagnostics)")
    }

    /// Headline-only items (no body, as in RSS) load and are counted, not rejected.
    func testHeadlineOnlyRecordsOfTheGoogleNewsClustersLoad() throws {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("google-news-clusters-2014.jsonl.gz")])
        XCTAssertEqual(loaded.stats.withoutBody, 6366)
        // Three items are listed twice, under URLs that differ only in a tracking parameter
        // (`?ncid=rss_truncated`, `?mod=MW_latest_news`): each counts once.
        XCTAssertEqual(loaded.articles.count, 6363)
        XCTAssertEqual(loaded.cleaning.duplicates.map { "\($0.dropped)=\($0.kept)" }, ["uci-1221=uci-219", "uci-1227=uci-264", "uci-5246=uci-5244"])
        XCTAssertTrue(loaded.articles.allSatisfy { $0.body == nil && !$0.title.isEmpty && $0.published != nil })
        XCTAssertEqual(Set(loaded.articles.compactMap(\.storyKey)).count, 87)
        XCTAssertTrue(loaded.articles[0].publishedHasTime)
    }

    func testCSVCorpusWithSynonymColumnsQuotedNewlinesAndLineNumbers() throws {
        let dir = try Fixtures.tempDir(self)
        let csv = """
        id,source,link,date,headline,text,story
        a1,Fox News,https://www.foxnews.com/a,2016-09-20,"Headline, with comma","First paragraph.

        Second paragraph with ""quotes""."
        a2,,https://www.nytimes.com/b,9/21/16,Second,,s1
        ,Nobody,,,No id,body,
        a4,Vox,,0001-11-30,Impossible date,Body.,s1
        """
        try Fixtures.write(csv, to: dir.appendingPathComponent("c.csv"))
        let loaded = CorpusLoader().load(paths: [dir.appendingPathComponent("c.csv").path])
        XCTAssertEqual(loaded.articles.map(\.id), ["a1", "a2", "a4"])
        XCTAssertEqual(loaded.articles[0].title, "Headline, with comma")
        XCTAssertEqual(loaded.articles[0].paragraphs, ["First paragraph.", "Second paragraph with \"quotes\"."])
        XCTAssertEqual(loaded.articles[1].published.map(DateText.day), "2016-09-21")
        XCTAssertNil(loaded.articles[1].body)
        XCTAssertNil(loaded.articles[2].published)
        let messages = loaded.diagnostics.map(\.description)
        XCTAssertTrue(messages.contains { $0.hasSuffix("c.csv:6: record has no \"id\"; record skipped") }, "\(messages)")
        XCTAssertTrue(messages.contains { $0.hasSuffix("c.csv:7: impossible date \"0001-11-30\" in \"a4\"; article kept as undated") }, "\(messages)")
    }

    func testRawArticlesWithFrontMatterAndFolderStoryKey() throws {
        let dir = try Fixtures.tempDir(self)
        try Fixtures.write("story: my-event\ntopics: [Politics]\n", to: dir.appendingPathComponent("c/ev/_story.yml"))
        try Fixtures.write("""
        ---
        title: "A headline: with a colon"
        outlet: Reuters
        url: https://www.reuters.com/x
        published: 2020-05-01T10:00:00Z
        ---
        Body paragraph one.

        Body paragraph two.
        """, to: dir.appendingPathComponent("c/ev/one.md"))
        try Fixtures.write("---\ntitle: [unclosed\n---\ntext\n", to: dir.appendingPathComponent("c/ev/bad.md"))
        let loaded = try CorpusLoader().load(directory: dir.appendingPathComponent("c").path, displayPrefix: "c")
        XCTAssertEqual(loaded.articles.count, 1)
        let a = loaded.articles[0]
        XCTAssertEqual(a.id, "c/ev/one")
        XCTAssertEqual(a.title, "A headline: with a colon")
        XCTAssertEqual(a.storyKey, "my-event")
        XCTAssertEqual(a.topics, ["Politics"])
        XCTAssertTrue(a.publishedHasTime)
        XCTAssertEqual(a.paragraphs, ["Body paragraph one.", "Body paragraph two."])
        XCTAssertTrue(loaded.diagnostics.contains { $0.location.path == "c/ev/bad.md" && $0.message.contains("invalid YAML front matter") && $0.consequence == "file skipped" }, "\(loaded.diagnostics)")
    }

    /// The five raw seed pages load as one story, each with the headline the page carries (not
    /// the navigation above it, not a repeat of the title).
    func testSeedPagesLoadWithTheirTitles() throws {
        let dir = try Fixtures.tempDir(self)
        let seed = dir.appendingPathComponent("seed")
        try FileManager.default.copyItem(atPath: try Fixtures.vendored("seed-story"), toPath: seed.path)
        try Fixtures.write("story: russia-calls\n", to: seed.appendingPathComponent("_story.yml"))
        let loaded = try CorpusLoader().load(directory: seed.path, displayPrefix: "seed")
        XCTAssertEqual(loaded.diagnostics, [])
        XCTAssertEqual(loaded.articles.map(\.title), [
            "Russia Imposes Partial WhatsApp, Telegram Call Restrictions Amid Security Concerns",
            "Russia impose restrictions on WhatsApp and Telegram voice calls due to security disagreements",
            "Russia limits WhatsApp and Telegram calls ahead of Trump and Putin’s meeting",
            "Russia Moves to Ban WhatsApp and Telegram Voice Calls in Anti-Terror Push",
            "Russia restricts Telegram and WhatsApp calls: Why the Kremlin is cracking down on messaging apps",
        ])
        XCTAssertTrue(loaded.articles.allSatisfy { $0.storyKey == "russia-calls" })
        XCTAssertEqual(loaded.articles[0].id, "seed/000_406871fb7fa8ad25")
        // The repeated title lines are gone from the body; what stood above the title too.
        XCTAssertFalse(loaded.articles[0].body!.contains("Russia Imposes Partial WhatsApp, Telegram Call Restrictions Amid Security Concerns"))
        XCTAssertFalse(loaded.articles[3].body!.contains("back to top"))
        XCTAssertTrue(loaded.articles[3].body!.hasPrefix("Russian authorities are preparing to block voice and video calls"))
    }

    func testMissingCorpusFolderSaysWhatToDo() {
        XCTAssertThrowsError(try CorpusLoader().load(directory: "/nonexistent/corpus", displayPrefix: "Content/corpus")) { error in
            XCTAssertEqual("\(error)", "Content/corpus: not found; create it and put the corpus files (.jsonl, .jsonl.gz, .csv, .txt, .md) in it")
        }
    }
}
