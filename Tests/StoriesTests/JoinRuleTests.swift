import Corpus
import Foundation
@testable import Stories
import XCTest

/// The rules beyond the average linkage: what kind of piece an article is, the strongest link
/// each kind needs, the margin an undated article needs over other times, and outlets.
final class JoinRuleTests: XCTestCase {
    func article(_ title: String, outlet: String? = "Wire", url: String? = nil, body: String) -> Article {
        Article(id: title, outlet: outlet, url: url, title: title, body: body)
    }

    func testPieceKindsFromHeadlineOutletAddressAndLead() {
        XCTAssertEqual(PieceKind(article("OPINION: The council got it wrong", body: "On Tuesday the council voted.")), .commentary)
        XCTAssertEqual(PieceKind(article("Analysis | What the vote means", body: "x")), .commentary)
        XCTAssertEqual(PieceKind(article("The council got it wrong", outlet: "Guest Writer - Right", body: "x")), .commentary)
        XCTAssertEqual(PieceKind(article("The council got it wrong", url: "https://example.com/opinion/2020/05/01/council", body: "x")), .commentary)
        XCTAssertEqual(PieceKind(article("Council passes budget", body: "The city council approved the budget on Tuesday after a long session.")), .report)
        XCTAssertEqual(PieceKind(article("Council passes budget", body: "The council's Tuesday's vote.")), .report, "a possessive day still names the day")
        XCTAssertEqual(PieceKind(article("Council passes budget", body: "PORTLAND (Reuters) - The city council approved the budget.")), .report)
        XCTAssertEqual(PieceKind(article("Why budgets matter", body: "Budgets are moral documents, and cities have long struggled with them.")), .unpegged)
        XCTAssertEqual(PieceKind(article("Analysts warn", body: "Analysts warn of a slowdown.")), .unpegged, "a headline that begins with 'Analysts' is not a label")
        let late = Array(repeating: "word", count: 100).joined(separator: " ") + " on Monday"
        XCTAssertEqual(PieceKind(article("Council passes budget", body: late)), .unpegged, "only the lead counts")
    }

    func testTheStrongestLinkEachKindNeeds() {
        var o = ClusteringOptions()
        o.threshold = 0.1
        o.reportJoin = 1.5
        o.unpeggedJoin = 2
        o.commentaryJoin = 3
        o.undatedMargin = 1.25
        XCTAssertEqual(o.joinRatio(kind: .report, dated: true, storyDated: true, best: 0.15, elsewhere: 0), 1, accuracy: 1e-9)
        XCTAssertEqual(o.joinRatio(kind: .unpegged, dated: true, storyDated: true, best: 0.15, elsewhere: 0), 0.75, accuracy: 1e-9)
        XCTAssertEqual(o.joinRatio(kind: .commentary, dated: true, storyDated: true, best: 0.15, elsewhere: 0), 0.5, accuracy: 1e-9)
        // Undated: the margin over other times decides (undated_join is off by default).
        o.undatedJoin = 0
        XCTAssertEqual(o.joinRatio(kind: .report, dated: false, storyDated: true, best: 0.2, elsewhere: 0.2), 0.8, accuracy: 1e-9)
        XCTAssertGreaterThanOrEqual(o.joinRatio(kind: .report, dated: false, storyDated: true, best: 0.2, elsewhere: 0.1), 1)
        XCTAssertEqual(o.joinRatio(kind: .report, dated: false, storyDated: false, best: 0.01, elsewhere: 0.5), .infinity, "a story of undated articles is left to the threshold")
        o.undatedJoin = 3
        XCTAssertEqual(o.joinRatio(kind: .report, dated: false, storyDated: true, best: 0.15, elsewhere: 0), 0.5, accuracy: 1e-9)
    }

    /// Weakest first: once the weakest is out, the others are measured against the rest.
    func testMembersThatFailLeaveWeakestFirst() {
        var o = ClusteringOptions()
        o.threshold = 0.1
        o.reportJoin = 1.5
        o.commentaryJoin = 2
        // 0–1 reports linked strongly; 2 commentary linked weakly to 0; 3 undated, linked to 1 and,
        // as strongly, to 4, a report of another time (day 100) outside the group.
        let links: [(Int, Int, Float)] = [(0, 1, 0.5), (0, 2, 0.15), (1, 3, 0.3), (3, 4, 0.3)]
        var pairs = [[(Int32, Float)]](repeating: [], count: 5)
        for (a, b, s) in links { pairs[a].append((Int32(b), s)); pairs[b].append((Int32(a), s)) }
        let days: [Int?] = [0, 0, 0, nil, 100]
        let kinds: [PieceKind] = [.report, .report, .commentary, .report, .report]
        o.memberCosine = 0
        let cosine: (Int, Int) -> Double = { _, _ in 1 }
        let (kept, out) = SimilarityClustering.admitted([0, 1, 2, 3], pairs: pairs, days: days, kinds: kinds, options: o, cosine: cosine)
        XCTAssertEqual(kept, [0, 1])
        XCTAssertEqual(out, [2, 3], "the column is further below its bar (0.15 against 2 × 0.1) than the undated one (0.3 against 1.25 × 0.3)")
        o.undatedMargin = 0
        o.commentaryJoin = 0
        XCTAssertEqual(SimilarityClustering.admitted([0, 1, 2, 3], pairs: pairs, days: days, kinds: kinds, options: o, cosine: cosine).out, [])
    }

    /// The same-day boost cannot seat an article whose text is barely like any member's: its
    /// plain cosine with its closest member must reach `memberCosine`.
    func testEachMemberNeedsOneMemberWhoseTextItShares() {
        var o = ClusteringOptions()
        o.threshold = 0.1
        o.reportJoin = 1
        o.undatedMargin = 0
        o.memberCosine = 0.12
        // Scaled links all clear the bar; plain cosines: 0–1 0.4, 2 at most 0.07 with either.
        let links: [(Int, Int, Float)] = [(0, 1, 0.6), (0, 2, 0.15), (1, 2, 0.12)]
        var pairs = [[(Int32, Float)]](repeating: [], count: 3)
        for (a, b, s) in links { pairs[a].append((Int32(b), s)); pairs[b].append((Int32(a), s)) }
        let plain: [Set<Int>: Double] = [[0, 1]: 0.4, [0, 2]: 0.07, [1, 2]: 0.05]
        let cosine: (Int, Int) -> Double = { plain[[$0, $1]]! }
        let kinds: [PieceKind] = [.report, .report, .report]
        let (kept, out) = SimilarityClustering.admitted([0, 1, 2], pairs: pairs, days: [0, 0, 0], kinds: kinds, options: o, cosine: cosine)
        XCTAssertEqual(kept, [0, 1])
        XCTAssertEqual(out, [2])
        o.memberCosine = 0.06
        XCTAssertEqual(SimilarityClustering.admitted([0, 1, 2], pairs: pairs, days: [0, 0, 0], kinds: kinds, options: o, cosine: cosine).out, [])
    }

    let day: TimeInterval = 86_400
    let quake = "A magnitude 7.1 earthquake struck off the coast of Sendai, shaking buildings in Tokyo and prompting a tsunami warning for the northeastern prefectures of Miyagi and Fukushima."

    func report(_ id: String, _ outlet: String, _ daysIn: Double?, _ title: String, _ body: String) -> Article {
        Article(id: id, outlet: outlet, published: daysIn.map { Date(timeIntervalSince1970: 1_600_000_000 + $0 * day) }, title: title, body: body)
    }

    func grouped(_ articles: [Article], _ configure: (inout ClusteringOptions) -> Void = { _ in }) -> [[String]] {
        var options = GroupingOptions()
        options.mode = .similarity
        options.related = 0
        configure(&options.clustering)
        return StoryGrouper(registry: OutletRegistry(), options: options).group(articles)
            .map { $0.articles.map(\.article.id).sorted() }.sorted { $0.count != $1.count ? $0.count > $1.count : $0[0] < $1[0] }
    }

    /// What the rules take out of a story is grouped again: two undated reports that nothing
    /// places in this story's time rather than another's leave it, and stay together.
    func testWhatLeavesAStoryCanBeAStoryOfItsOwn() {
        var o = ClusteringOptions()
        o.threshold = 0.1
        o.reportJoin = 1
        o.memberCosine = 0
        // 0–1 dated reports; 2–3 undated, alike, each as close to 0 as to 4, a report of day 100.
        let links: [(Int, Int, Float)] = [(0, 1, 0.5), (2, 3, 0.6), (0, 2, 0.3), (0, 3, 0.3), (2, 4, 0.3), (3, 4, 0.3)]
        var pairs = [[(Int32, Float)]](repeating: [], count: 5)
        for (a, b, s) in links { pairs[a].append((Int32(b), s)); pairs[b].append((Int32(a), s)) }
        let days: [Int?] = [0, 0, nil, nil, 100]
        let kinds = [PieceKind](repeating: .report, count: 5)
        let stories = SimilarityClustering.stories(in: [0, 1, 2, 3], pairs: pairs, days: days, kinds: kinds, options: o) { _, _ in 1 }
        XCTAssertEqual(stories, [[0, 1], [2, 3]])
        XCTAssertEqual(SimilarityClustering.admitted([0, 1, 2, 3], pairs: pairs, days: days, kinds: kinds, options: o) { _, _ in 1 }.out, [2, 3], "the rules alone leave two stories of one article")
    }

    func testTwoArticlesOfOneOutletAreNeverOneStory() {
        let a = report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake)
        let b = report("b", "Wire One", 0, "Sendai earthquake prompts tsunami warning", quake)
        XCTAssertEqual(grouped([a, b]), [["a"], ["b"]])
        XCTAssertEqual(grouped([a, b]) { $0.sharedOutletFactor = 3 }, [["a", "b"]], "with a finite factor, very alike ones merge")
    }

    /// An undated report as close to a report of another time as to this story's: nothing says
    /// which is its own, so it joins neither.
    func testAnUndatedArticleAsCloseToAnotherTimeStaysOnItsOwn() {
        let a = report("a", "Wire One", 0, "Earthquake strikes off Sendai", quake)
        let b = report("b", "Wire Two", 0, "Sendai earthquake prompts tsunami warning", quake)
        let later = report("c", "Wire Three", 400, "Sendai earthquake prompts tsunami warning", quake)
        let undated = report("u", "Wire Four", nil, "Earthquake off Sendai prompts tsunami warning", quake)
        XCTAssertEqual(grouped([a, b, later, undated]), [["a", "b"], ["c"], ["u"]])
        XCTAssertEqual(grouped([a, b, undated]), [["a", "b", "u"]], "with no report of another time, it joins")
        XCTAssertEqual(grouped([a, b, later, undated]) { $0.undatedMargin = 0 }.first?.count, 3, "without the margin it joins one of them")
    }
}
