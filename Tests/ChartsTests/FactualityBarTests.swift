@testable import Charts
import XCTest

final class FactualityBarTests: XCTestCase {
    let nine = FactualityMix(high: 4, mixed: 3, low: 0, unknown: 2)

    func testSegmentWidthsFollowTheCounts() {
        let items = svgElements(FactualityBar.svg(nine, idPrefix: "story"))
        XCTAssertNil(items.first?.attributes["viewBox"])
        XCTAssertEqual(items.first?.attributes["width"], "100%")
        let segs = items.with(class: "seg ")
        XCTAssertEqual(segs.map { $0.attributes["class"]! }, ["seg seg-fact-high", "seg seg-fact-mixed", "seg seg-fact-unknown"], "no segment for 0 sources")
        // 4/9, 7/9 and 9/9 of 100%, rounded once, so the segments meet and end at 100%.
        XCTAssertEqual(segs.map { $0.attributes["x"] }, [nil, "44.4%", "77.8%"])
        XCTAssertEqual(segs.map { $0.attributes["width"]! }, ["44.4%", "33.4%", "22.2%"])
        XCTAssertEqual(items.with(class: "seg-label").count, 0, "the numbers are the legend's")
    }

    func testLegendAndDescStateEveryCategorySomeSourceHasWithCountAndShare() {
        let items = svgElements(FactualityBar.svg(nine, idPrefix: "story"))
        // 44.4 + 33.3 + 22.2 leaves 1 point, which goes to the largest remainder (High).
        XCTAssertEqual(FactualityBar.legend(nine).map(\.text), ["High 4 (45%)", "Mixed 3 (33%)", "Unknown 2 (22%)"], "a rating no source has is left out")
        XCTAssertEqual(FactualityBar.legend(nine).map(\.key), ["fact-high", "fact-mixed", "fact-unknown"])
        XCTAssertEqual(items.desc, "Factuality of the 9 sources: High 4 (45%), Mixed 3 (33%), Unknown 2 (22%).")
        let svg = items.first!
        XCTAssertEqual(svg.attributes["role"], "img")
        XCTAssertEqual(svg.attributes["aria-labelledby"], "story-factuality-t story-factuality-d")
        XCTAssertEqual(items.first { $0.attributes["id"] == "story-factuality-d" }?.name, "desc")
        XCTAssertEqual(FactualityMix(low: 1).sentence, "Factuality of the 1 source: Low 1 (100%).")
    }

    func testPercentagesAlwaysSumTo100() {
        XCTAssertEqual(FactualityMix(high: 1, mixed: 1, low: 1).percentages, [34, 33, 33, 0])
        XCTAssertEqual(FactualityMix(high: 1, mixed: 2, low: 3, unknown: 1).percentages, [14, 29, 43, 14])
        XCTAssertEqual(FactualityMix(unknown: 5).percentages, [0, 0, 0, 100])
        for h in 0..<7 { for m in 0..<7 { for l in 0..<7 { for u in 0..<7 where h + m + l + u > 0 {
            XCTAssertEqual(FactualityMix(high: h, mixed: m, low: l, unknown: u).percentages.reduce(0, +), 100)
        } } } }
    }

    func testNarrowSegmentsAreDrawnAndTheLegendNamesThem() {
        let mix = FactualityMix(high: 60, mixed: 0, low: 1, unknown: 0)
        let items = svgElements(FactualityBar.svg(mix, idPrefix: "x"))
        XCTAssertEqual(items.with(class: "seg ").map { $0.attributes["width"]! }, ["98.4%", "1.6%"])
        XCTAssertEqual(FactualityBar.legend(mix).map(\.text), ["High 60 (98%)", "Low 1 (2%)"])
    }

    func testNoSources() {
        let items = svgElements(FactualityBar.svg(FactualityMix(), idPrefix: "x"))
        XCTAssertEqual(items.filter { $0.name == "text" }.map(\.text), ["No sources"])
        XCTAssertEqual(items.desc, "No sources.")
        XCTAssertEqual(items.first?.attributes["role"], "img")
    }

    func testOddCountsDoNotTrapAndIdsAreEscaped() {
        let huge = FactualityMix(high: .max, mixed: .max, low: -4, unknown: 1)
        XCTAssertEqual(huge.total, .max)
        XCTAssertEqual(huge.percentages.reduce(0, +), 100)
        let svg = FactualityBar.svg(huge, idPrefix: "\"><script>alert(1)</script>")
        XCTAssertFalse(svg.contains("<script"))
        let items = svgElements(svg)
        XCTAssertEqual(items.with(class: "seg ").count, 2)
        XCTAssertEqual(FactualityBar.legend(huge).count, 3, "the negative count is no category")
        XCTAssertEqual(svgElements(FactualityBar.svg(FactualityMix(high: -1), idPrefix: "x")).desc, "No sources.")
    }
}
