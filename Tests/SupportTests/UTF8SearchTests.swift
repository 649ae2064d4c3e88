@testable import Support
import XCTest

/// Byte-wise search and replace of ASCII markers, as the story page adds to cmark's HTML.
final class UTF8SearchTests: XCTestCase {
    func testFirstOffsetWithinBounds() {
        let bytes = Array("é</p>ab</p>".utf8)
        let needle = Array("</p>".utf8)
        XCTAssertEqual(UTF8Search.firstOffset(of: needle, in: bytes), 2)
        XCTAssertEqual(UTF8Search.firstOffset(of: needle, in: bytes, from: 3), 8)
        XCTAssertNil(UTF8Search.firstOffset(of: needle, in: bytes, from: 3, to: 11), "must end by `to`")
        XCTAssertEqual(UTF8Search.firstOffset(of: needle, in: bytes, from: 3, to: 12), 8)
        XCTAssertNil(UTF8Search.firstOffset(of: needle, in: Array("</".utf8)))
        XCTAssertNil(UTF8Search.firstOffset(of: [], in: bytes))
    }

    func testReplacingAllReplacesEveryOccurrence() {
        XCTAssertEqual(UTF8Search.replacingAll("<a>", with: "<b>!", in: "<a><a>ü<a>"), "<b>!<b>!ü<b>!")
        XCTAssertEqual(UTF8Search.replacingAll("aa", with: "b", in: "aaa"), "ba", "left to right, not overlapping")
        XCTAssertEqual(UTF8Search.replacingAll("<x>", with: "y", in: "no marker — ✓"), "no marker — ✓")
    }
}
