@testable import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import Support
import XCTest

final class BiasBarTests: XCTestCase {
    let sixtySeven = BiasDistribution(left: 2, center: 0, right: 1, unrated: 1, leftPct: 67, centerPct: 0, rightPct: 33)

    /// The SVG's elements (`svgElements`, shared by this target's tests, fails on bad XML).
    private func elements(_ svg: String, file: StaticString = #filePath, line: UInt = #line) throws -> [(name: String, attributes: [String: String], text: String)] {
        svgElements(svg, file: file, line: line)
    }

    func testSegmentWidthsFollowTheShares() throws {
        let items = try elements(BiasBar.svg(sixtySeven, idPrefix: "story"))
        let rects = items.filter { $0.name == "rect" }
        XCTAssertEqual(rects.map { $0.attributes["class"] }, ["seg seg-left", "seg seg-right"], "a 0% side draws no segment")
        XCTAssertEqual(rects.map { $0.attributes["width"] }, ["67%", "33%"])
        XCTAssertEqual(rects.map { $0.attributes["x"] }, [nil, "67%"])
        // One drawing for every width: as wide as its box, its text never scaled.
        XCTAssertNil(items.first?.attributes["viewBox"])
        XCTAssertEqual(items.first?.attributes["width"], "100%")
        XCTAssertEqual(items.filter { $0.name == "text" }.count, 0, "the full bar's numbers are its legend's")
    }

    func testEverySideIsNamedInTextWithShareAndCount() throws {
        let items = try elements(BiasBar.svg(sixtySeven, idPrefix: "story"))
        XCTAssertEqual(BiasBar.legend(sixtySeven), [.init(key: "left", text: "Left 67% (2)"), .init(key: "center", text: "Center 0% (0)"), .init(key: "right", text: "Right 33% (1)")])
        XCTAssertEqual(items.first { $0.name == "desc" }?.text,
                       "Left 67% (2 sources), Center 0% (0 sources), Right 33% (1 source); 1 unrated source not included in the shares.")
        let svg = items.first!
        XCTAssertEqual(svg.attributes["role"], "img")
        XCTAssertEqual(svg.attributes["aria-labelledby"], "story-bias-t story-bias-d")
    }

    func testCardVariantUsesLettersAndDropsLabelsThatDoNotFit() throws {
        let d = BiasDistribution(left: 1, center: 18, right: 1, unrated: 0, leftPct: 5, centerPct: 90, rightPct: 5)
        let items = try elements(BiasBar.svg(d, size: .card, idPrefix: "x"))
        let labels = items.filter { ($0.attributes["class"] ?? "").hasPrefix("seg-label") }.map(\.text)
        XCTAssertEqual(labels, ["C 90%"], "5% segments are too narrow for a label; the desc still states them")
        XCTAssertTrue(items.first { $0.name == "desc" }!.text.contains("Left 5% (1 source)"))
    }

    func testNoRatedSources() throws {
        let d = BiasDistribution(left: 0, center: 0, right: 0, unrated: 4, leftPct: 0, centerPct: 0, rightPct: 0)
        let items = try elements(BiasBar.svg(d, idPrefix: "x"))
        XCTAssertEqual(items.filter { $0.name == "text" }.map(\.text), ["No rated sources"])
        XCTAssertEqual(BiasBar.legend(d), [], "the drawing says there is nothing to share out")
        XCTAssertEqual(items.first { $0.name == "desc" }?.text, "No rated sources; 4 unrated sources not included in the shares.")
    }

    func testHostileIdPrefixCannotBreakOutOfTheSVG() throws {
        let svg = BiasBar.svg(sixtySeven, idPrefix: "\"><script>alert(1)</script>")
        XCTAssertFalse(svg.contains("<script"))
        _ = try elements(svg)
    }

    func testNumbersAreLocaleFree() {
        XCTAssertEqual(SVG.number(428.8), "428.8")
        XCTAssertEqual(SVG.number(12), "12")
        XCTAssertEqual(SVG.number(0.04), "0")
        XCTAssertEqual(SVG.number(-0.5), "-0.5")
        XCTAssertEqual(Escape.markup("a<b & \"c\""), "a&lt;b &amp; &quot;c&quot;")
    }

    func testCardCarriesNoIdsSoItCanShowTwiceOnOnePage() throws {
        let items = try elements(BiasBar.svg(sixtySeven, size: .card, idPrefix: "story"))
        XCTAssertTrue(items.allSatisfy { $0.attributes["id"] == nil && $0.attributes["aria-labelledby"] == nil })
        XCTAssertEqual(items.first?.attributes["role"], "img")
        XCTAssertEqual(items.first { $0.name == "title" }?.text, "Bias distribution")
        XCTAssertEqual(items.first { $0.name == "desc" }?.text, sixtySeven.sentence)
    }

    func testIdsAreXMLNamesWhateverTheSlug() throws {
        XCTAssertEqual(SVG.id("2 Key Senators"), "c-2-key-senators")
        XCTAssertEqual(SVG.id("“Quoted”"), "c-quoted-")
        XCTAssertEqual(SVG.id("story"), "story")
        let items = try elements(BiasBar.svg(sixtySeven, idPrefix: "24-7-wall-st"))
        XCTAssertEqual(items.first?.attributes["aria-labelledby"], "c-24-7-wall-st-bias-t c-24-7-wall-st-bias-d")
    }
}
