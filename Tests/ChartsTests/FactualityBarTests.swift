@testable import Charts
import XCTest

final class FactualityBarTests: XCTestCase {
    let nine = FactualityMix(high: 4, mixed: 3, low: 0, unknown: 2)

    func testSegmentWidthsFollowTheCounts() {
        let items = svgElements(FactualityBar.svg(nine, idPrefix: "story"))
        XCTAssertEqual(items.first?.attributes["viewBox"], "0 0 640 50")
        XCTAssertNil(items.first?.attributes["width"])
        let segs = items.with(class: "seg ")
        XCTAssertEqual(segs.map { $0.attributes["class"]! }, ["seg seg-fact-high", "seg seg-fact-mixed", "seg seg-fact-unknown"], "no segment for 0 sources")
        // 4/9, 7/9 and 9/9 of 640, rounded once, so the segments meet and end at 640.
        XCTAssertEqual(segs.map { $0.attributes["x"]! }, ["0", "284.4", "497.8"])
        XCTAssertEqual(segs.map { $0.attributes["width"]! }, ["284.4", "213.4", "142.2"])
        XCTAssertEqual(items.with(class: "seg-label").map(\.text), ["High 4", "Mixed 3", "Unknown 2"])
        XCTAssertEqual(items.with(class: "seg-label").map { $0.attributes["class"]! },
                       ["seg-label seg-label-fact-high", "seg-label seg-label-fact-mixed", "seg-label seg-label-fact-unknown"])
    }

    func testLegendAndDescStateEveryCategorySomeSourceHasWithCountAndShare() {
        let items = svgElements(FactualityBar.svg(nine, idPrefix: "story"))
        // 44.4 + 33.3 + 22.2 leaves 1 point, which goes to the largest remainder (High).
        XCTAssertEqual(items.with(class: "legend").map(\.text), ["High 4 (45%)", "Mixed 3 (33%)", "Unknown 2 (22%)"], "a rating no source has is left out")
        XCTAssertEqual(items.with(class: "swatch").count, 3)
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

    func testNarrowSegmentsHaveNoLabelButTheLegendNamesThem() {
        let items = svgElements(FactualityBar.svg(FactualityMix(high: 60, mixed: 0, low: 1, unknown: 0), idPrefix: "x"))
        XCTAssertEqual(items.with(class: "seg ").map { $0.attributes["width"]! }, ["629.5", "10.5"])
        XCTAssertEqual(items.with(class: "seg-label").map(\.text), ["High 60"])
        XCTAssertEqual(items.with(class: "legend").map(\.text), ["High 60 (98%)", "Low 1 (2%)"])
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
        XCTAssertEqual(items.with(class: "legend").map(\.text).count, 3, "the negative count is no category")
        XCTAssertEqual(svgElements(FactualityBar.svg(FactualityMix(high: -1), idPrefix: "x")).desc, "No sources.")
    }
}
