import Corpus
import Foundation
@testable import Stories
import XCTest

final class CoverageTests: XCTestCase {
    private func outlet(_ name: String, _ bias: Leaning?, _ factuality: Factuality = .high, owner: String? = nil) -> Outlet {
        Outlet(name: name, bias: bias, factuality: factuality, owner: owner, isListed: bias != nil)
    }

    private func story(_ members: [(Outlet?, String?)]) -> Story {
        let articles = members.enumerated().map { i, m in
            SourcedArticle(article: Article(id: "a\(i)", outlet: m.0?.name, published: m.1.flatMap {
                if case let .date(d, _) = PublishedDate.parse($0) { return d } else { return nil }
            }, title: "T\(i)"), outlet: m.0)
        }
        return Story(key: "k", slug: "s", title: "T", articles: articles, topics: [])
    }

    /// Two left sources and one right: 67/33 of rated, summing to 100, counts beside them.
    func testTheSixtySevenThirtyThreeCase() {
        let c = Coverage(story: story([
            (outlet("HuffPost", .left), "2014-12-18"),
            (outlet("New York Times", .leanLeft), "2014-12-18"),
            (outlet("Fox News", .right), "2014-12-19"),
        ]))
        XCTAssertEqual(c.total, 3)
        XCTAssertEqual([c.count(.left), c.count(.center), c.count(.right), c.count(.unrated)], [2, 0, 1, 0])
        XCTAssertEqual([c.share(.left), c.share(.center), c.share(.right)], [67, 0, 33])
        XCTAssertEqual(c.firstReported?.outlet, "HuffPost")
        XCTAssertEqual(c.lastUpdated?.outlet, "Fox News")
        XCTAssertFalse(c.tooFewRated)
    }

    func testAnOutletWithSeveralArticlesCountsOnce() {
        let fox = outlet("Fox News", .right)
        let c = Coverage(story: story([(fox, "2020-01-01"), (fox, "2020-01-02"), (outlet("CNN", .left), nil)]))
        XCTAssertEqual(c.total, 2)
        XCTAssertEqual(c.articleCount, 3)
        XCTAssertEqual(c.sources.first { $0.name == "Fox News" }?.articleCount, 2)
        XCTAssertEqual([c.share(.left), c.share(.right)], [50, 50])
        XCTAssertEqual(c.undatedArticles, 1)
    }

    /// Unrated sources are counted, not shared; with none rated every share is 0 and the sample
    /// is flagged too small.
    func testAllUnratedAndUnknownOutlets() {
        let c = Coverage(story: story([(outlet("Blog", nil, .unknown), nil), (nil, nil), (nil, nil)]))
        XCTAssertEqual(c.total, 3, "two anonymous articles are two sources")
        XCTAssertEqual(c.count(.unrated), 3)
        XCTAssertEqual(c.rated, 0)
        XCTAssertEqual([c.share(.left), c.share(.center), c.share(.right)], [0, 0, 0])
        XCTAssertTrue(c.tooFewRated)
        XCTAssertNil(c.blindspot)
        XCTAssertNil(c.firstReported)
    }

    func testUnratedAreLeftOutOfTheShares() {
        let c = Coverage(story: story([(outlet("A", .center), nil), (outlet("B", .center), nil), (outlet("C", .right), nil), (outlet("U", nil), nil)]))
        XCTAssertEqual([c.share(.left), c.share(.center), c.share(.right)], [0, 67, 33])
        XCTAssertEqual(c.count(.unrated), 1)
    }

    func testLargestRemainderAlwaysSumsTo100() {
        XCTAssertEqual(Coverage.largestRemainder([1, 1, 1], total: 3), [34, 33, 33])
        XCTAssertEqual(Coverage.largestRemainder([1, 2, 4], total: 7), [14, 29, 57])
        XCTAssertEqual(Coverage.largestRemainder([0, 0, 0], total: 0), [0, 0, 0])
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let counts = (0..<3).map { _ in Int.random(in: 0...50, using: &generator) }
            let total = counts.reduce(0, +)
            guard total > 0 else { continue }
            let shares = Coverage.largestRemainder(counts, total: total)
            XCTAssertEqual(shares.reduce(0, +), 100, "\(counts)")
            for (n, s) in zip(counts, shares) {
                let exact = Double(n) * 100 / Double(total)
                XCTAssertLessThan(abs(Double(s) - exact), 1.0, "\(counts) → \(shares)")
            }
        }
    }

    /// A story the other side covered more, that is not a blindspot, says what it lacked and how
    /// far it is from the rule.
    func testABlindspotsNearMissSaysWhatItLacked() throws {
        func make(left: Int, right: Int, highOnRight: Bool = true) -> Coverage {
            var members: [(Outlet?, String?)] = []
            for i in 0..<left { members.append((outlet("L\(i)", .left), nil)) }
            for i in 0..<right { members.append((outlet("R\(i)", .right, i == 0 && highOnRight ? .high : .mixed), nil)) }
            return Coverage(story: story(members))
        }
        let rules = CoverageRules()
        XCTAssertNil(make(left: 1, right: 5).blindspotMiss(for: .left, rules: rules), "a blindspot is no miss")
        XCTAssertNil(make(left: 3, right: 1).blindspotMiss(for: .left, rules: rules), "the other side covered it less")
        XCTAssertNil(make(left: 0, right: 2).blindspotMiss(for: .left, rules: rules), "fewer rated sources than a distribution needs")
        let few = try XCTUnwrap(make(left: 0, right: 4).blindspotMiss(for: .left, rules: rules))
        XCTAssertEqual(few.reasons, ["4 rated sources, where the rule needs 5"])
        XCTAssertEqual(few.distance, 10)
        let share = try XCTUnwrap(make(left: 2, right: 5, highOnRight: false).blindspotMiss(for: .left, rules: rules))
        XCTAssertEqual(share.reasons, ["Left 29%, over the 20% the rule allows", "Right 71%, short of the 78% the rule needs", "no Right outlet rated high in factuality"])
        XCTAssertEqual(share.distance, 9 + 7 + 10)
        XCTAssertNil(make(left: 5, right: 1).blindspotMiss(for: .right, rules: rules), "a blindspot for the Right")
        XCTAssertEqual(make(left: 3, right: 1).blindspotMiss(for: .right, rules: rules)?.reasons.count, 2)
    }

    func testBlindspotRule() {
        func make(left: Int, center: Int, right: Int, highOnRight: Bool = true) -> Coverage {
            var members: [(Outlet?, String?)] = []
            for i in 0..<left { members.append((outlet("L\(i)", .left), nil)) }
            for i in 0..<center { members.append((outlet("C\(i)", .center), nil)) }
            for i in 0..<right { members.append((outlet("R\(i)", .right, i == 0 && highOnRight ? .high : .mixed), nil)) }
            return Coverage(story: story(members))
        }
        // Left 10%, right 60% ≥ 2·10 + 20: blindspot for the left.
        XCTAssertEqual(make(left: 1, center: 3, right: 6).blindspot, .left)
        // Too few rated sources.
        XCTAssertNil(make(left: 0, center: 1, right: 3).blindspot)
        // 20/60/20: neither side's share reaches 2·20 + 20 = 60 points.
        XCTAssertNil(make(left: 1, center: 3, right: 1).blindspot)
        // 10/50/40: exactly at the margin (40 ≥ 2·10 + 20) counts.
        XCTAssertEqual(make(left: 1, center: 5, right: 4).blindspot, .left)
        // 10/60/30: the right's 30 is short of 40.
        XCTAssertNil(make(left: 1, center: 6, right: 3).blindspot)
        // Mirror image: blindspot for the right.
        XCTAssertEqual(Coverage(story: story((0..<6).map { (outlet("L\($0)", .leanLeft), nil) } + [(outlet("C", .center), nil)])).blindspot, .right)
        // The dominant side has no high-factuality outlet.
        XCTAssertNil(make(left: 0, center: 1, right: 5, highOnRight: false).blindspot)
        XCTAssertEqual(make(left: 0, center: 1, right: 5).blindspot, .left)
    }
}
