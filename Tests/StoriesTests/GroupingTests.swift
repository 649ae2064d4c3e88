import Corpus
import Foundation
@testable import Stories
import TestSupport
import XCTest

/// Grouping by similarity: scored on real labelled corpora, and its window, threshold, key
/// precedence, slug stability, corrections and related stories checked on small cases.
final class GroupingTests: XCTestCase {
    func similarity(_ configure: (inout GroupingOptions) -> Void = { _ in }) -> StoryGrouper {
        var options = GroupingOptions()
        options.mode = .similarity
        configure(&options)
        return StoryGrouper(registry: OutletRegistry(), options: options)
    }

    func score(_ path: String, undated: Bool) -> GroupingScore {
        let loaded = CorpusLoader().load(paths: [path])
        var articles = loaded.articles
        let truth = articles.map(\.storyKey)
        for i in articles.indices {
            articles[i].storyKey = nil
            if undated { articles[i].published = nil }
        }
        var predicted: [String: String] = [:]
        for story in similarity({ $0.related = 0 }).group(articles) { for a in story.articles { predicted[a.article.id] = story.key } }
        return GroupingScore(predicted: articles.map { predicted[$0.id]! }, truth: truth)
    }

    /// BASIL (50 events × 3 outlets) with the story field hidden, and with dates removed too.
    /// Floors sit at what the method reaches now, so a regression fails here.
    func testBASILEventsAreFoundFromTextAndDates() throws {
        let basil = try Fixtures.vendored("basil-stories-dev.jsonl")
        let dated = score(basil, undated: false)
        XCTAssertEqual(dated.items, 147, "150 records; four HuffPost records share the id \"empty\" and the loader keeps the first")
        XCTAssertGreaterThanOrEqual(dated.f1, 0.99, "\(dated)")
        XCTAssertGreaterThanOrEqual(score(basil, undated: true).f1, 0.98)
    }

    /// The AllSides roundups: same topics, same weeks, some excerpts only.
    func testAllSidesRoundupsAreToldApart() throws {
        let path = try Fixtures.vendored("allsides-stories-dev.jsonl.gz")
        let dated = score(path, undated: false)
        XCTAssertGreaterThanOrEqual(dated.f1, 0.965, "\(dated)")
        let undated = score(path, undated: true)
        XCTAssertGreaterThanOrEqual(undated.f1, 0.90, "\(undated)")
    }

    func testBCubedArithmetic() {
        // Predicted {1,2,3} {4}; true {1,2} {3,4}: precision (2/3+2/3+1/3+1)/4, recall (1+1+1/2+1/2)/4.
        let s = GroupingScore(predicted: ["a", "a", "a", "b"], truth: ["x", "x", "y", "y"])
        XCTAssertEqual(s.precision, (2.0 / 3 + 2.0 / 3 + 1.0 / 3 + 1) / 4, accuracy: 1e-9)
        XCTAssertEqual(s.recall, 0.75, accuracy: 1e-9)
        XCTAssertEqual(GroupingScore(predicted: ["a", "b"], truth: [nil, "x"]).items, 1, "unlabelled items are not scored")
    }

    let day: TimeInterval = 86_400
    func report(_ id: String, _ outlet: String, _ daysIn: Double?, _ title: String, _ body: String, key: String? = nil) -> Article {
        Article(id: id, outlet: outlet, published: daysIn.map { Date(timeIntervalSince1970: 1_600_000_000 + $0 * day) }, title: title, body: body, storyKey: key)
    }

    let quake = "A magnitude 7.1 earthquake struck off the coast of Sendai on Tuesday, shaking buildings in Tokyo and prompting a tsunami warning for the northeastern prefectures of Miyagi and Fukushima."
    let budget = "The city council of Portland approved a transit budget that adds forty bus routes and freezes fares for two years after a fourteen-hour session."

    func testTheDateWindowKeepsDistantReportsApart() {
        let a = report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake)
        let b = report("b", "Wire Two", 1, "Sendai earthquake prompts tsunami warning", quake)
        let late = report("c", "Wire Three", 10, "Sendai earthquake prompts tsunami warning", quake)
        let stories = similarity().group([a, b, late])
        XCTAssertEqual(stories.map { $0.articles.map(\.article.id) }.sorted { $0.count > $1.count }, [["a", "b"], ["c"]])
        let wide = similarity { $0.clustering.windowDays = 14; $0.clustering.decayDays = 100 }.group([a, b, late])
        XCTAssertEqual(wide.count, 1, "inside a 14-day window the third report joins")
    }

    func testTheThresholdDecidesWhatIsSimilarEnough() {
        let a = report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake)
        let b = report("b", "Wire Two", 0, "Tsunami warning lifted in Miyagi", "Officials in Miyagi lifted the tsunami warning on Wednesday as fishermen returned to the harbour and schools reopened.")
        XCTAssertEqual(similarity().group([a, b]).count, 2)
        XCTAssertEqual(similarity { $0.clustering.threshold = 0.01; $0.clustering.memberCosine = 0 }.group([a, b]).count, 1)
        XCTAssertEqual(similarity().group([a, report("c", "Wire Three", 0, "Portland passes transit budget", budget)]).count, 2)
    }

    func testAnExplicitKeyWinsOverSimilarity() {
        var options = GroupingOptions()
        options.mode = .auto
        let grouper = StoryGrouper(registry: OutletRegistry(), options: options)
        let stories = grouper.group([
            report("k1", "Wire One", 0, "Earthquake strikes off Sendai", quake, key: "quake-story"),
            report("k2", "Wire Two", 0, "Portland passes transit budget", budget, key: "quake-story"),
            report("n1", "Wire Three", 0, "Sendai earthquake prompts tsunami warning", quake),
            report("n2", "Wire Four", 0, "Earthquake shakes Tokyo, tsunami warning issued", quake),
        ])
        let keyed = stories.first { $0.key == "quake-story" }!
        XCTAssertEqual(keyed.articles.map(\.article.id).sorted(), ["k1", "k2"], "the key groups even dissimilar articles")
        XCTAssertTrue(keyed.articles.allSatisfy { $0.membership == nil })
        let formed = stories.first { $0.key.hasPrefix("similar:") }!
        XCTAssertEqual(formed.articles.map(\.article.id).sorted(), ["n1", "n2"], "keyless articles group among themselves")
        XCTAssertTrue(formed.formedBySimilarity)
        let why = formed.articles[0].membership!
        XCTAssertTrue(why.sharedTerms.contains("sendai") || why.sharedTerms.contains("tsunami"), "\(why)")
    }

    /// Adding articles — one that joins a story, others unrelated — keeps every slug.
    func testSlugsStayWhenArticlesAreAdded() throws {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")])
        let articles = loaded.articles.map { a -> Article in var a = a; a.storyKey = nil; return a }
        let before = similarity().group(Array(articles.prefix(120)))
        let after = similarity().group(articles)
        let slugOf = { (stories: [Story]) in Dictionary(uniqueKeysWithValues: stories.flatMap { s in s.articles.map { ($0.article.id, s.slug) } }) }
        let (old, new) = (slugOf(before), slugOf(after))
        var kept = 0
        for story in before {
            let ids = story.articles.map(\.article.id)
            if Set(ids.map { new[$0]! }).count == 1 {
                XCTAssertEqual(new[ids[0]], story.slug, "story of \(ids) kept its articles together, so keeps its slug")
                kept += 1
            }
        }
        XCTAssertGreaterThanOrEqual(kept, 40)
        XCTAssertEqual(old.count, 120)
    }

    func testCorrectionsMergeSplitMoveAndReportWhatNoLongerApplies() {
        let articles = [
            report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake),
            report("b", "Wire Two", 0, "Sendai earthquake prompts tsunami warning", quake),
            report("c", "Wire Three", 0, "Portland passes transit budget", budget),
            report("d", "Wire Four", 0, "Portland council approves bus routes", budget),
        ]
        let plain = similarity { $0.related = 0 }.group(articles)
        XCTAssertEqual(plain.count, 2)
        let quakeSlug = plain.first { $0.articles.contains { $0.article.id == "a" } }!.slug
        let budgetSlug = plain.first { $0.articles.contains { $0.article.id == "c" } }!.slug

        let merged = similarity().group(articles, corrections: GroupingCorrections(merge: [[quakeSlug, budgetSlug]]))
        XCTAssertEqual(merged.stories.count, 1)
        XCTAssertEqual(merged.stories[0].slug, quakeSlug)
        XCTAssertEqual(merged.problems, [])

        let split = similarity().group(articles, corrections: GroupingCorrections(split: [quakeSlug: ["b"]], move: ["d": quakeSlug]))
        XCTAssertEqual(split.stories.count, 3)
        XCTAssertEqual(Set(split.stories.first { $0.slug == quakeSlug }!.articles.map(\.article.id)), ["a", "d"])
        XCTAssertEqual(split.stories.first { $0.articles.map(\.article.id) == ["b"] }?.slug, "sendai-earthquake-prompts-tsunami-warning")

        let stale = similarity().group(articles, corrections: GroupingCorrections(merge: [["gone-story", budgetSlug]], split: ["also-gone": ["a"]], move: ["zz": quakeSlug]))
        XCTAssertEqual(stale.stories.count, 2)
        XCTAssertEqual(stale.problems, [
            "merge: no story \"gone-story\" (any more); this merge no longer applies",
            "split: no story \"also-gone\" (any more); this split no longer applies",
            "move: no article \"zz\" (any more)",
        ])
    }

    func testRelatedStoriesLinkTheClosestOthers() {
        let stories = similarity().group([
            report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake),
            report("b", "Wire Two", 20, "Sendai rebuilds after the earthquake", "Three days after the earthquake, Sendai began clearing debris as aftershocks continued and the tsunami warning for Miyagi stayed in place."),
            report("c", "Wire Three", 0, "Portland passes transit budget", budget),
        ])
        let first = stories.first { $0.articles.contains { $0.article.id == "a" } }!
        let second = stories.first { $0.articles.contains { $0.article.id == "b" } }!
        XCTAssertNotEqual(first.slug, second.slug)
        XCTAssertEqual(first.related, [second.slug])
        XCTAssertEqual(stories.first { $0.articles.contains { $0.article.id == "c" } }!.related, [])
    }

    /// Related stories compare a bounded number of candidates: those whose shared strong terms
    /// weigh most, pairs with an undated side capped apart (per dated story, per undated one).
    func testRelatedStoriesCompareTheStrongestCandidatesWithinTheLimits() {
        // Story 0 is dated; 1–6 are dated, 7–12 undated; shared weights rise with the index.
        let days: [Int?] = [100] + (1...6).map { 100 + $0 } + (7...12).map { _ in nil }
        let shared: [Float] = (0...12).map { Float($0) }
        var candidates = Array(Int32(1)...Int32(12))
        RelatedStories.keepStrongest(&candidates, of: 0, shared: shared, days: days, limits: (all: 8, timeless: 2, ofUndated: 5))
        // The two undated with most weight (12, 11), then the dated by weight until 8 in all.
        XCTAssertEqual(candidates, [12, 11, 6, 5, 4, 3, 2, 1])
        var few = Array(Int32(1)...Int32(3))
        RelatedStories.keepStrongest(&few, of: 0, shared: shared, days: days, limits: (all: 8, timeless: 2, ofUndated: 5))
        XCTAssertEqual(few, [1, 2, 3], "within the limits, every candidate is compared")
        // An undated story: every pair is timeless.
        var ofUndated = Array(Int32(0)...Int32(11))
        RelatedStories.keepStrongest(&ofUndated, of: 12, shared: shared, days: days, limits: (all: 8, timeless: 2, ofUndated: 5))
        XCTAssertEqual(ofUndated, [11, 10, 9, 8, 7])
        // Equal weights: the earlier story first.
        var tied = Array(Int32(1)...Int32(6))
        RelatedStories.keepStrongest(&tied, of: 0, shared: [Float](repeating: 1, count: 13), days: days, limits: (all: 3, timeless: 2, ofUndated: 5))
        XCTAssertEqual(tied, [1, 2, 3])
    }

    /// The corpus's vectors are counted a batch at a time (the terms' texts of every article are
    /// never held together): any batch size gives the vectors of one batch, ids and all.
    func testTermVectorsInBatchesAreTheVectorsOfOneBatch() throws {
        let articles = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")]).articles
        XCTAssertGreaterThan(articles.count, 50)
        let whole = TermVectors(articles, jobs: 2, batchSize: articles.count)
        for size in [1, 7, 64] {
            let batched = TermVectors(articles, jobs: 2, batchSize: size)
            XCTAssertEqual(batched.vocabulary, whole.vocabulary, "batch \(size)")
            XCTAssertEqual(batched.documentFrequency, whole.documentFrequency, "batch \(size)")
            XCTAssertEqual(batched.vectors.map(\.terms), whole.vectors.map(\.terms), "batch \(size)")
            XCTAssertEqual(batched.vectors.map(\.weights), whole.vectors.map(\.weights), "batch \(size)")
        }
        // With serve's cache: a second count takes every text from the first.
        let cache = TermCountCache()
        _ = TermVectors(articles, jobs: 2, cache: cache, batchSize: 7)
        let again = TermVectors(articles, jobs: 2, cache: cache, batchSize: 7)
        XCTAssertEqual(again.vectors.map(\.weights), whole.vectors.map(\.weights))
        XCTAssertEqual(cache.reused, articles.count)
    }

    /// Past its limits, `RelatedStories.find` still compares the candidates that share the most
    /// with a story: an undated report of the same quake is found among thirty undated stories
    /// that each share one of its words, with room for only two pairs with an undated side.
    func testRelatedStoriesPastTheirLimitsKeepTheClosestCandidate() {
        func story(_ id: String, _ daysIn: Double?, _ title: String, _ body: String) -> Story {
            Story(key: id, slug: id, title: title, articles: [SourcedArticle(article: report(id, "Outlet \(id)", daysIn, title, body), outlet: nil)], topics: [])
        }
        let words = ["magnitude", "coast", "Tokyo", "buildings", "prefectures", "Miyagi", "Fukushima", "northeastern", "shaking", "struck"]
        var stories = [story("a", 0, "Sendai earthquake prompts tsunami warning", quake), story("close", nil, "Tsunami warning after the Sendai earthquake", quake)]
        for (k, word) in words.enumerated() {
            for copy in 0..<3 {
                stories.append(story("f\(k)-\(copy)", nil, "Harbour notes \(k) \(copy)", "Fishermen mended nets and sold squid at the market, talking about \(word) and the price of kelp number \(k * 3 + copy)."))
            }
        }
        var related = RelatedStories(count: 5, jobs: 1)
        related.maxTimeless = 2
        related.maxTimelessOfUndated = 2
        let found = related.find(for: stories)
        XCTAssertEqual(found[0].first.map { stories[$0].slug }, "close")
        XCTAssertEqual(found[1].first.map { stories[$0].slug }, "a")
        for (i, list) in found.enumerated() {
            XCTAssertFalse(list.contains(i), stories[i].slug)
            XCTAssertEqual(Set(list).count, list.count, stories[i].slug)
        }
    }
}
