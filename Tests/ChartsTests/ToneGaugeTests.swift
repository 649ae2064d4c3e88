import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

final class ToneGaugeTests: XCTestCase {
    func testTheGaugeIsAnAccessibleDrawingWithoutText() throws {
        let svg = ToneGauge.svg(score: -0.21, label: "Coverage tone: negative, −0.21", neutral: (-0.05, 0.05), day: 0.1)
        XCTAssertTrue(svg.contains("role=\"img\""))
        XCTAssertTrue(svg.contains("aria-label=\"Coverage tone: negative, −0.21\""))
        XCTAssertFalse(svg.contains("<text"), "the gauge's words are HTML beside it")
        XCTAssertTrue(svg.contains("tone-day"))
        XCTAssertTrue(XMLParser(data: Data(svg.utf8)).parse())
        // −0.21 on a −0.5…+0.5 bar 300 wide: x = 87.
        XCTAssertTrue(svg.contains("x1=\"87\""), svg)
        // Beyond the bar's ends the pointer stays on it.
        XCTAssertTrue(ToneGauge.svg(score: -0.9, label: "t").contains("x1=\"5\""))
        // The bar is centred on the neutral band: its middle, 0.085, is drawn at 150.
        XCTAssertTrue(ToneGauge.svg(score: 0.085, label: "t", neutral: (0.02, 0.15)).contains("x1=\"150\""))
        XCTAssertTrue(ToneGauge.svg(score: 1, label: "<t>").contains("aria-label=\"&lt;t&gt;\""))
    }

    func testToneNumbersUseAMinusSign() {
        XCTAssertEqual(ToneGauge.number(-0.214), "\u{2212}0.21")
        XCTAssertEqual(ToneGauge.number(0.075), "+0.08")
        XCTAssertEqual(ToneGauge.number(-0.001), "0.00")
    }
}
