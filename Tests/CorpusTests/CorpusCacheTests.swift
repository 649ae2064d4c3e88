@testable import Cleaning
@testable import Corpus
import Foundation
import TestSupport
import XCTest

/// `serve` keeps the corpus between rebuilds (`CorpusCache`): unchanged files are not read again,
/// unchanged articles not cleaned again, and the corpus comes out as a load without the cache
/// makes it.
final class CorpusCacheTests: XCTestCase {
    /// Real AllSides records, the first `count` of the default site's corpus (April 2020 on), as
    /// loaded before cleaning.
    func allSidesArticles(_ count: Int) throws -> [Article] {
        let dir = try Fixtures.tempDir(self)
        let text = try Fixtures.text(Fixtures.repoRoot.appendingPathComponent("Content/corpus/allsides-2020-04-07.jsonl.gz").path)
        let lines = text.split(separator: "\n").prefix(count)
        XCTAssertEqual(lines.count, count)
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: dir.appendingPathComponent("a.jsonl"))
        var loader = CorpusLoader()
        loader.cleaning.skip = true
        return loader.load(paths: [dir.appendingPathComponent("a.jsonl").path]).articles
    }

    /// An article of the outlet "Example Daily" on `day` (days of November 2021) with the line
    /// the outlet prints under its pieces, and a paragraph of its own.
    func exampleArticle(_ n: Int, day: Int) -> Article {
        let body = """
        The council met on day \(n) to discuss the new budget for the district and its schools.

        Reporting by the Example Desk team

        Members argued for an hour about the bus routes, the library hours and the parks before the vote.
        """
        return Article(id: "example-\(n)", outlet: "Example Daily", url: nil,
                       published: Date(timeIntervalSince1970: 1_635_724_800 + Double(day - 1) * 86_400), title: "Council meeting \(n)", body: body)
    }

    func assertSameCleaning(_ a: (articles: [Article], report: CleaningReport), _ b: (articles: [Article], report: CleaningReport), file: StaticString = #filePath, line: UInt = #line) {
        XCTAssertEqual(a.articles.map(\.id), b.articles.map(\.id), file: file, line: line)
        let differing = zip(a.articles, b.articles).filter { $0 != $1 }.map(\.0.id)
        XCTAssertEqual(differing, [], "articles cleaned differently", file: file, line: line)
        XCTAssertEqual(a.report.linesIn, b.report.linesIn, file: file, line: line)
        XCTAssertEqual(a.report.linesRemoved, b.report.linesRemoved, file: file, line: line)
        XCTAssertEqual(a.report.articlesChanged, b.report.articlesChanged, file: file, line: line)
        XCTAssertEqual(a.report.titlesFound, b.report.titlesFound, file: file, line: line)
        XCTAssertEqual(a.report.duplicates, b.report.duplicates, file: file, line: line)
    }

    func testCleaningWithTheCacheEqualsCleaningWithout() throws {
        let real = try allSidesArticles(1_200)
        let old = Array(real.prefix(900)) + [exampleArticle(1, day: 1), exampleArticle(2, day: 2)]
        let cache = CorpusCache()

        let first = CorpusCleaner.clean(old, cache: cache)
        assertSameCleaning(first, CorpusCleaner.clean(old))
        XCTAssertEqual(cache.articlesReused, 0)
        XCTAssertTrue(first.articles.first { $0.id == "example-1" }!.body!.contains("Example Desk"), "seen twice, the line is not yet boilerplate")

        // The same articles again: every one with a text comes from the cache.
        let again = CorpusCleaner.clean(old, cache: cache)
        assertSameCleaning(again, first)
        XCTAssertEqual(cache.articlesReused, old.filter { $0.body != nil }.count)

        // More articles: a third day makes the outlet's line boilerplate, so the first two
        // articles are cleaned again (and lose it) although their own text did not change.
        let all = old + real.suffix(300) + [exampleArticle(3, day: 3)]
        let updated = CorpusCleaner.clean(all, cache: cache)
        let full = CorpusCleaner.clean(all)
        assertSameCleaning(updated, full)
        XCTAssertFalse(updated.articles.first { $0.id == "example-1" }!.body!.contains("Example Desk"))
        XCTAssertGreaterThan(cache.articlesReused, 800)
        XCTAssertGreaterThan(cache.articlesCleaned, 301, "articles whose lines the index now judges differently are cleaned again")
        let changedOld = old.indices.filter { i in
            updated.articles.first { $0.id == old[i].id }?.body != first.articles.first { $0.id == old[i].id }?.body
        }
        XCTAssertGreaterThan(changedOld.count, 2, "real articles of the first batch are cleaned differently once the corpus grew")

        // Removals are kept only without the cache: `extract --diff` cleans everything.
        var options = CleaningOptions()
        options.keepRemovals = true
        let traced = CorpusCleaner.clean(all, options: options, cache: cache)
        XCTAssertTrue(traced.articles == full.articles)
        XCTAssertEqual(traced.report.traces.count, all.filter { $0.body != nil }.count)
    }

    /// Three files, one edited between reads: only that one is read again, and the corpus,
    /// its problems and its counts are those of a load without the cache, ids checked across
    /// files as before.
    func testOnlyChangedFilesAreReadAgain() throws {
        let dir = try Fixtures.tempDir(self)
        let corpus = dir.appendingPathComponent("corpus")
        let basil = try String(contentsOfFile: try Fixtures.vendored("basil-stories-dev.jsonl"), encoding: .utf8).split(separator: "\n").map(String.init)
        try Fixtures.write(basil[0..<20].joined(separator: "\n") + "\n{broken\n", to: corpus.appendingPathComponent("a.jsonl"))
        try Fixtures.write(basil[20..<40].joined(separator: "\n") + "\n" + basil[0] + "\n", to: corpus.appendingPathComponent("b.jsonl"))
        try Fixtures.write("---\ntitle: A raw article\noutlet: Reuters\npublished: 2021-10-01\n---\nThe text of a raw article, loaded from a file of its own.\n",
                           to: corpus.appendingPathComponent("c/raw.md"))
        let cache = CorpusCache()
        var cached = CorpusLoader()
        cached.cache = cache
        func assertSame(_ a: LoadedCorpus, _ b: LoadedCorpus, file: StaticString = #filePath, line: UInt = #line) {
            XCTAssertEqual(a.articles, b.articles, file: file, line: line)
            XCTAssertEqual(a.diagnostics.map(\.description), b.diagnostics.map(\.description), file: file, line: line)
            XCTAssertEqual(a.stats, b.stats, file: file, line: line)
        }

        let first = try cached.load(directory: corpus.path, displayPrefix: "corpus")
        XCTAssertEqual(cache.filesRead, 3)
        XCTAssertEqual(cache.filesReused, 0)
        XCTAssertTrue(first.diagnostics.contains { $0.description.hasPrefix("corpus/a.jsonl:21: invalid JSON") })
        XCTAssertTrue(first.diagnostics.contains { $0.description.hasPrefix("corpus/b.jsonl:21: duplicate id") })
        assertSame(first, try CorpusLoader().load(directory: corpus.path, displayPrefix: "corpus"))

        let again = try cached.load(directory: corpus.path, displayPrefix: "corpus")
        XCTAssertEqual(cache.filesRead, 0)
        XCTAssertEqual(cache.filesReused, 3)
        assertSame(again, first)

        // a.jsonl loses the record b.jsonl repeats: b's copy is no longer a duplicate.
        try Fixtures.write(basil[1..<20].joined(separator: "\n") + "\n", to: corpus.appendingPathComponent("a.jsonl"))
        let edited = try cached.load(directory: corpus.path, displayPrefix: "corpus")
        XCTAssertEqual(cache.filesRead, 1)
        XCTAssertEqual(cache.filesReused, 2)
        XCTAssertFalse(edited.diagnostics.contains { $0.description.contains("duplicate id") })
        assertSame(edited, try CorpusLoader().load(directory: corpus.path, displayPrefix: "corpus"))

        // A file that cannot be read is not kept: it is tried again next time.
        try FileManager.default.removeItem(at: corpus.appendingPathComponent("b.jsonl"))
        try Fixtures.write("not gzip", to: corpus.appendingPathComponent("b.jsonl.gz"))
        let broken = try cached.load(directory: corpus.path, displayPrefix: "corpus")
        XCTAssertTrue(broken.diagnostics.contains { $0.description.hasPrefix("corpus/b.jsonl.gz") })
        _ = try cached.load(directory: corpus.path, displayPrefix: "corpus")
        XCTAssertEqual(cache.filesRead, 1)
        XCTAssertEqual(cache.filesReused, 2)
    }
}
