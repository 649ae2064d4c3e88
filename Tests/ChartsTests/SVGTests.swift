@testable import Charts
import Support
import XCTest

/// The SVG text helpers against their plain definitions, on random awkward text (their fast
/// paths hand most text back as it is).
final class SVGTests: XCTestCase {
    static func referenceEscape(_ text: String) -> String {
        var out = ""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    static func referenceID(_ text: String) -> String {
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        guard let first = out.unicodeScalars.first else { return "chart" }
        if first >= "a" && first <= "z" { return out }
        return (first == "-" ? "c" : "c-") + out
    }

    func testEscapeAndIDEqualTheirDefinitions() {
        let pieces = ["a", "z", "7", "-", "--", " ", "&", "<", ">", "\"", "'", "\n", "\t", "\u{1}", "\u{FFFE}", "\u{FFFF}", "\u{FFFD}", "é", "Ü", "😀", "\u{301}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...12, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Escape.markup(text), Self.referenceEscape(text), "for \(text.debugDescription)")
            XCTAssertEqual(SVG.id(text), Self.referenceID(text), "for \(text.debugDescription)")
        }
        XCTAssertEqual(SVG.id("senate-votes-2021"), "senate-votes-2021")
        XCTAssertEqual(SVG.id("2-key-senators"), "c-2-key-senators")
        XCTAssertEqual(Escape.markup("Left 40% (2 sources)"), "Left 40% (2 sources)")
    }
}
