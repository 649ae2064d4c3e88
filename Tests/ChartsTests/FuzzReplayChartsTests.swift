@testable import Charts
import Foundation
import Support
import XCTest

/// The saved fuzz corpus of the chart writers (Fuzz/corpus/svg), replayed through the fuzzer's
/// own property checks (FuzzTargets/SVGFuzz.swift), and what it found.
final class FuzzReplayChartsTests: XCTestCase {
    func testSavedChartInputsGiveWellFormedSVG() throws {
        // Tests/ChartsTests/<this file> → the repository root.
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let folder = root.appendingPathComponent("Fuzz/corpus/svg")
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty)
        let started = Date()
        for name in names {
            let problems = SVGFuzz.check(try Data(contentsOf: folder.appendingPathComponent(name)))
            XCTAssert(problems.isEmpty, "Fuzz/corpus/svg/\(name):\n" + problems.prefix(10).map { "  - \($0)" }.joined(separator: "\n"))
        }
        print("fuzz replay svg: \(names.count) inputs in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
    }

    /// Found by fuzz-svg: the "no rated" text printed the unit unescaped, U+FFFF and U+FFFE (not
    /// allowed in XML 1.0) passed through `SVG.escape`, and a share far over 100% trapped.
    func testHostileUnitsLabelsAndSharesGiveWellFormedSVG() {
        let none = BiasDistribution(left: 0, center: 0, right: 0, unrated: 2, leftPct: 0, centerPct: 0, rightPct: 0, unit: "<script>alert(1)</script>")
        XCTAssertEqual(SVGProperties.problems(BiasBar.svg(none, idPrefix: "x"), texts: [none.unit], desc: none.sentence), [])
        XCTAssertEqual(Escape.markup("a\u{FFFF}b\u{FFFE}c"), "abc")
        let t = Timeline(unit: .day, buckets: [Timeline.Bucket(label: "\u{FFFF}", left: 1)], undated: 0)
        XCTAssertEqual(SVGProperties.problems(TimelineChart.svg(t, idPrefix: "x"), labels: ["\u{FFFF}"]), [])
        let huge = BiasDistribution(left: 1, center: 1, right: 1, unrated: 0, leftPct: .max, centerPct: 100, rightPct: 0)
        XCTAssertEqual(SVGProperties.problems(BiasBar.svg(huge, idPrefix: "x")), [])
    }
}
