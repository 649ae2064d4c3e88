import Corpus
import Foundation
@testable import Stories
import XCTest

/// Links between articles that are not among each other's nearest neighbours count less: two
/// events on one subject, undated, stay apart, while each event's own reports still group.
final class StrayLinkTests: XCTestCase {
    func testOnlyLinksOutsideBothNearestListsAreWeakened() {
        // 0–1 and 2–3 are each other's closest; 1–2 is nobody's closest; 0–2 is 2's second closest.
        var pairs: [[(Int32, Float)]] = [
            [(1, 0.9), (2, 0.3)],
            [(0, 0.9), (2, 0.2)],
            [(0, 0.3), (1, 0.2), (3, 0.8)],
            [(2, 0.8)],
        ]
        SimilarityClustering.weakenStrayLinks(&pairs, nearest: 2, factor: 0.5)
        func link(_ i: Int, _ j: Int32) -> Float { pairs[i].first { $0.0 == j }!.1 }
        XCTAssertEqual(link(0, 1), 0.9)
        XCTAssertEqual(link(0, 2), 0.3, "0 is among 2's two nearest")
        XCTAssertEqual(link(2, 0), 0.3, "and the pair gets the same value both ways")
        XCTAssertEqual(link(1, 2), 0.2, "2 is among 1's two nearest (1 has only two links)")
        XCTAssertEqual(link(2, 3), 0.8)

        var single = pairs
        SimilarityClustering.weakenStrayLinks(&single, nearest: 1, factor: 0.5)
        XCTAssertEqual(single[1].first { $0.0 == 2 }!.1, 0.1, accuracy: 1e-6, "with one neighbour each, 1–2 is stray")
        XCTAssertEqual(single[2].first { $0.0 == 1 }!.1, 0.1, accuracy: 1e-6)
        XCTAssertEqual(single[0].first { $0.0 == 2 }!.1, 0.15, accuracy: 1e-6)
        XCTAssertEqual(single[2].first { $0.0 == 3 }!.1, 0.8)

        var unchanged = pairs
        SimilarityClustering.weakenStrayLinks(&unchanged, nearest: 2, factor: 1)
        XCTAssertEqual(unchanged.map { $0.map(\.1) }, pairs.map { $0.map(\.1) })
    }

    func article(_ id: String, _ outlet: String, _ title: String, _ body: String) -> Article {
        Article(id: id, outlet: outlet, published: nil, title: title, body: body)
    }

    func group(_ articles: [Article], _ configure: (inout GroupingOptions) -> Void = { _ in }) -> [[String]] {
        var options = GroupingOptions()
        options.mode = .similarity
        options.related = 0
        configure(&options)
        return StoryGrouper(registry: OutletRegistry(), options: options).group(articles)
            .map { $0.articles.map(\.article.id).sorted() }.sorted { $0.first! < $1.first! }
    }

    /// A baker's Supreme Court ruling and, a year later, his new lawsuit: one subject, two events,
    /// no dates. Each event's reports are closest to each other, so they group; the links across
    /// the two events are nobody's nearest and no longer hold them together.
    func testTwoEventsOnOneSubjectYearsApartStayApartWithoutDates() {
        // Both events name the baker, his shop, the state and the cake; each has its own details.
        let subject = "Masterpiece Cakeshop baker Jack Phillips of Lakewood, Colorado, a devout Christian whose refusal to bake custom cakes that conflict with his faith drew complaints to the state's civil rights division, and the Alliance Defending Freedom lawyers who represent him,"
        let ruling = [
            article("r1", "Wire One", "Supreme Court rules 7-2 for Masterpiece Cakeshop baker in wedding cake case",
                    "\(subject) won a 7-2 Supreme Court ruling on Monday. Justice Anthony Kennedy wrote that the Colorado Civil Rights Commission showed hostility to religion toward the same-sex couple's wedding request, a narrow decision."),
            article("r2", "Wire Two", "Justices side 7-2 with baker who refused same-sex wedding cake",
                    "The Supreme Court sided 7-2 with \(subject) for a same-sex couple's wedding. Justice Anthony Kennedy's narrow opinion found the Civil Rights Commission hostile to religion."),
            article("r3", "Wire Three", "Kennedy writes narrow 7-2 Supreme Court win for Colorado baker",
                    "Justice Anthony Kennedy wrote the narrow 7-2 Supreme Court opinion for \(subject) for a same-sex wedding, faulting the Civil Rights Commission's hostility to religion."),
        ]
        // Other outlets report the lawsuit (groups sharing an outlet need far more to merge anyway).
        let lawsuit = [
            article("s1", "Daily Four", "Masterpiece Cakeshop baker sues Governor Polis over transgender cake complaint",
                    "\(subject) sued Governor Jared Polis in federal court, alleging persecution after transgender attorney Autumn Scardina complained about a pink and blue gender transition cake."),
            article("s2", "Daily Five", "Baker files federal lawsuit against Polis alleging persecution over transition cake",
                    "In a federal lawsuit against Governor Jared Polis, \(subject) alleges persecution over attorney Autumn Scardina's complaint about a pink and blue transition cake."),
            article("s3", "Daily Six", "Colorado baker sues Polis over Scardina transgender cake complaint",
                    "Alleging persecution, \(subject) filed a federal lawsuit against Governor Jared Polis over transgender attorney Autumn Scardina's complaint about a pink and blue cake."),
        ]
        // Other news of the day, so that the subject's words are as rare as in a real corpus.
        let other = [
            "Hurricane Delta makes landfall in Louisiana with flooding", "Tesla quarterly deliveries beat analyst forecasts",
            "Wildfire smoke closes schools across Oregon valley", "Premier League club sacks manager after losing streak",
            "Federal Reserve holds interest rates steady amid inflation", "NASA rover drills first Martian rock sample",
            "Amazon workers in Alabama vote on union drive", "Earthquake rattles Anchorage without major damage",
            "Boeing resumes deliveries of grounded jetliner", "Olympic committee postpones Tokyo games",
        ].enumerated().map { article("o\($0.offset)", "Wire Four", $0.element, $0.element + ".") }
        func events(_ configure: (inout GroupingOptions) -> Void = { _ in }) -> [[String]] {
            group(ruling + lawsuit + other, configure).filter { $0.count > 1 }
        }
        XCTAssertEqual(events(), [["r1", "r2", "r3"], ["s1", "s2", "s3"]])
        XCTAssertEqual(events { $0.clustering.strayLinkFactor = 1 }, [["r1", "r2", "r3", "s1", "s2", "s3"]],
                       "counted in full, the links across the two events merge them")
    }
}
