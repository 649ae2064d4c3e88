import Corpus
import Foundation
@testable import Stories
import TestSupport
import XCTest

final class StoryGrouperTests: XCTestCase {
    func testGroupsByKeyAndKeylessArticlesStandAlone() throws {
        let loaded = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")])
        var articles = loaded.articles
        articles.append(Article(id: "lonely", outlet: "Reuters", title: "A story of its own"))
        let registry = try OutletRegistry.load(path: Fixtures.outlets).registry
        var keyOnly = GroupingOptions()
        keyOnly.mode = .key
        let stories = StoryGrouper(registry: registry, options: keyOnly).group(articles)
        XCTAssertEqual(stories.count, 51)
        XCTAssertEqual(stories.filter { $0.articles.count == 1 }.map(\.key), ["article:lonely"])
        XCTAssertEqual(Set(stories.map(\.slug)).count, stories.count, "slugs are unique")
        for story in stories {
            XCTAssertTrue(story.slug.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }, story.slug)
            XCTAssertLessThanOrEqual(story.slug.count, 80)
            XCTAssertEqual(story.articles, story.articles.sorted(by: Story.readingOrder))
        }
    }

    func testSlugCollisionsResolveTheSameWayEveryTime() {
        let a = Article(id: "1", published: Date(timeIntervalSince1970: 0), title: "Same Title", storyKey: "k1")
        let b = Article(id: "2", published: Date(timeIntervalSince1970: 86_400), title: "Same Title", storyKey: "k2")
        for order in [[a, b], [b, a]] {
            let stories = StoryGrouper(registry: OutletRegistry()).group(order)
            XCTAssertEqual(stories.first { $0.key == "k1" }?.slug, "same-title")
            XCTAssertEqual(stories.first { $0.key == "k2" }?.slug, "same-title-2")
        }
    }

    func testTheStoryTitleIsTheEarliestCenterHeadline() {
        let registry = OutletRegistry(outlets: [
            Outlet(name: "Left Daily", bias: .left), Outlet(name: "Middle Wire", bias: .center),
        ])
        let stories = StoryGrouper(registry: registry).group([
            Article(id: "1", outlet: "Left Daily", published: Date(timeIntervalSince1970: 0), title: "Slanted headline", storyKey: "k"),
            Article(id: "2", outlet: "Middle Wire", published: Date(timeIntervalSince1970: 100), title: "Plain headline", storyKey: "k"),
        ])
        XCTAssertEqual(stories.map(\.title), ["Plain headline"])
        XCTAssertEqual(stories[0].articles.map(\.article.id), ["1", "2"])
    }

    func testSentenceSplittingKeepsAbbreviationsAndQuotes() {
        XCTAssertEqual(Sentences.split("Mr. Smith went to Washington, D.C. on Monday. He said “no.” Then he left."),
                       ["Mr. Smith went to Washington, D.C. on Monday.", "He said “no.”", "Then he left."])
        XCTAssertEqual(Sentences.split("The U.S. economy grew 3.5 percent. Analysts were surprised."),
                       ["The U.S. economy grew 3.5 percent.", "Analysts were surprised."])
    }
}

/// `serve` keeps the terms counted in each article and story document (`GroupingCache`): stories
/// come out as without it, and an unchanged article is not scanned again.
final class GroupingCacheTests: XCTestCase {
    func testGroupingWithTheCacheEqualsGroupingWithout() throws {
        let articles = CorpusLoader().load(paths: [try Fixtures.vendored("basil-stories-dev.jsonl")]).articles
        XCTAssertGreaterThan(articles.count, 140)
        var options = GroupingOptions()
        options.mode = .similarity
        let grouper = StoryGrouper(registry: OutletRegistry(), options: options)
        let cache = GroupingCache()
        let first = Array(articles.prefix(100))

        XCTAssertEqual(grouper.group(first, corrections: GroupingCorrections(), cache: cache).stories, grouper.group(first))
        XCTAssertEqual(cache.articles.made, 100)
        _ = grouper.group(first, corrections: GroupingCorrections(), cache: cache)
        XCTAssertEqual(cache.articles.reused, 100)
        XCTAssertEqual(cache.articles.made, 0)

        // More articles, and one of the first ones edited: only those are counted; the stories are
        // those of a grouping without the cache (document frequencies changed for every article).
        var all = articles
        all[3].title += " (updated)"
        let grouped = grouper.group(all, corrections: GroupingCorrections(), cache: cache).stories
        XCTAssertEqual(cache.articles.made, all.count - 99)
        XCTAssertEqual(grouped, grouper.group(all))
        XCTAssertGreaterThan(cache.stories.reused, 0)
    }
}
