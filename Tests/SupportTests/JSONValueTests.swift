@testable import Support
import Foundation
import XCTest

/// `JSONValue`'s text: numbers as printf wrote them, strings escaped for JSON inside HTML.
final class JSONValueTests: XCTestCase {
    func testDoublesHaveTheDigitsOfPrintf() {
        var values: [Double] = [0, -0.0, 0.0004, -0.0004, 0.0005, 0.0915, 0.9995, 1, -1.5, 12.3456, 1e12 + 0.25, 9.99e14, 1e15, -3e17, 1e300]
        var random = SystemRandomNumberGenerator()
        for scale in [1.0, 100, 1e6, 1e11] { values += (0..<200).map { _ in Double.random(in: -scale...scale, using: &random) } }
        for d in values {
            let scaled = (d * 1000).rounded()
            XCTAssertEqual(JSONValue.double(d).serialized, String(format: "%.3f", scaled / 1000), "\(d)")
        }
        XCTAssertEqual(JSONValue.double(.nan).serialized, "null")
        XCTAssertEqual(JSONValue.double(-0.0001).serialized, "-0.000", "printf keeps the sign of zero")
    }

    func testStringsAreEscapedForJSONInsideHTML() {
        let text = "a\"b\\c\nd\re\tf<g>&h\u{01}\u{1F}i\u{2028}j\u{2029}k\u{2027}é✓"
        XCTAssertEqual(JSONValue.string(text).serialized, #""a\"b\\c\nd\re\tf\u003cg\u003e\u0026h\u0001\u001fi\u2028j\u2029k"# + "\u{2027}é✓\"")
        XCTAssertEqual(JSONValue.string("").serialized, #""""#)
        XCTAssertEqual(JSONValue.object(["b": .string("x"), "a": .array([.int(-2), .bool(false)])]).serialized, #"{"a":[-2,false],"b":"x"}"#)
    }
}
