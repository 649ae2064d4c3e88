@testable import Corpus
import Support
import XCTest

/// The byte-level body normaliser against the plain definition it replaced (split on Swift's
/// `isNewline`, trim each line, blank lines make paragraph breaks), on tricky and random text.
final class TextNormalizationTests: XCTestCase {
    /// The definition: what `Text.normalizedBody` must equal.
    static func reference(_ s: String) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        for line in Text.removingInvisibles(s).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let scalars = line.unicodeScalars
            let trimmed: String
            if let first = scalars.firstIndex(where: { !$0.properties.isWhitespace }) {
                let last = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
                trimmed = String(Substring(scalars[first...last]))
            } else {
                trimmed = ""
            }
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs.joined(separator: "\n\n")
    }

    func testTrickyCases() {
        let cases = [
            "", " ", "a", "  a  \n\n\n  b ", "a\r\nb\rc\n\rd", "a\r\u{0}\nb", "a\r\u{202E}\nb",
            "x\u{2028}y\u{2029}\u{2029}z", "\u{A0}\u{3000}word\u{2003}\t", "é\u{301}\n\u{301}x",
            "tab\there\u{0B}vt\u{0C}ff\u{85}nel", "\u{FEFF}bom\u{FFFE}\u{FFFF}", "👍🏽 \n\n 👨‍👩‍👧 ",
            "a\n \n\u{A0}\nb", "\r\n\r\n", "end\r",
        ]
        for text in cases {
            XCTAssertEqual(Text.normalizedBody(text), Self.reference(text), "for \(text.debugDescription)")
        }
        XCTAssertEqual(Text.normalizedBody("  One.\r\n  Two. \r\n\r\n\r\nThree.\u{2029}"), "One.\nTwo.\n\nThree.")
    }

    func testRandomTextFromAwkwardPieces() {
        let pieces = ["a", "Zürich", " ", "\t", "\n", "\r", "\r\n", "\u{A0}", "\u{2028}", "\u{2029}", "\u{202A}", "\u{2067}",
                      "\u{85}", "\u{9F}", "\u{7F}", "\u{1}", "\u{0B}", "\u{2009}", "\u{3000}", "\u{301}", "😀", "\u{FFFF}", "\u{200B}", "."]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...24, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Text.normalizedBody(text), Self.reference(text), "for \(text.unicodeScalars.map { String($0.value, radix: 16) })")
        }
    }

    /// `singleLine` gives plain fields back as they are, and everything else as its definition says.
    func testSingleLineEqualsItsDefinition() {
        func reference(_ s: String) -> String {
            Text.removingInvisibles(s).split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
        }
        let pieces = ["a", "Word", " ", "  ", "\t", "\n", "\r\n", "\u{A0}", "\u{2028}", "\u{202E}", "\u{1}", "\u{7F}", "é", "-", "'", "😀", "\u{3000}"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<3000 {
            let text = (0..<Int.random(in: 0...10, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            XCTAssertEqual(Text.singleLine(text), reference(text), "for \(text.debugDescription)")
        }
        XCTAssertTrue(Text.isPlainSingleLine("Fox News"))
        XCTAssertFalse(Text.isPlainSingleLine("Fox  News"))
        XCTAssertFalse(Text.isPlainSingleLine(" Fox"))
        XCTAssertFalse(Text.isPlainSingleLine("Fox "))
    }

    func testParagraphSequenceMatchesSplittingOnBlankLines() {
        for body in ["One.\n\nTwo\nlines.\n\n\nThree.", "  lead  \n\n", "only", "\n\n\n\nx\n\n"] {
            let expected = body.components(separatedBy: "\n\n").map(\.trimmed).filter { !$0.isEmpty }
            XCTAssertEqual(Article(id: "a", title: "t", body: body).paragraphs, expected)
            XCTAssertEqual(Array(ParagraphSequence(body).prefix(1)), Array(expected.prefix(1)))
        }
        XCTAssertEqual(Article(id: "a", title: "t").paragraphs, [])
    }

    func testUTF8ScalarsDecodeLikeUnicodeScalars() {
        let pieces = ["a", "Zürich", " ", "\u{7F}", "\u{80}", "\u{7FF}", "\u{800}", "\u{FFFF}", "\u{10000}", "😀", "\u{10FFFF}",
                      "\u{301}", "İ", "ſ", "\u{2019}", "日本"]
        var generator = SystemRandomNumberGenerator()
        for _ in 0..<2000 {
            let text = (0..<Int.random(in: 0...16, using: &generator)).map { _ in pieces.randomElement(using: &generator)! }.joined()
            let decoded: [UInt32] = UTF8Scalars.withBytes(of: text) { bytes in
                var out: [UInt32] = []
                var i = 0
                while i < bytes.count { out.append(UTF8Scalars.next(bytes, &i)) }
                return out
            }
            XCTAssertEqual(decoded, text.unicodeScalars.map(\.value), "for \(text.debugDescription)")
        }
    }
}
