@testable import Cleaning
import Foundation
import Support
import TestSupport
import XCTest

/// `LineShape` measures every line of the corpus in one pass over bytes; its key and counts must
/// be what a plain reading of the rules over Unicode scalars gives.
final class LineShapeTests: XCTestCase {
    /// The rules, written plainly: whitespace runs become one space between words; letters are
    /// lower-cased, digits become `0`, curly apostrophes straight; then trailing ` : . * _ # …`
    /// and leading `* _ # >` and spaces are cut. A line over `maxKeyedBytes` is its own key.
    func plainReading(_ text: String) -> (key: String, words: Int, letters: Int, digits: Int, characters: Int) {
        var key: [Unicode.Scalar] = []
        var words = 0, letters = 0, digits = 0, characters = 0
        var inWord = false
        for s in text.unicodeScalars {
            characters += 1
            if s.properties.isWhitespace {
                if inWord { key.append(" ") }
                inWord = false
                continue
            }
            if !inWord { words += 1 }
            inWord = true
            if s == "\u{2019}" || s == "\u{2018}" {
                key.append("'")
            } else if s.properties.isAlphabetic {
                letters += 1
                key += s.properties.lowercaseMapping.unicodeScalars
            } else if s.properties.numericType != nil {
                digits += 1
                key.append("0")
            } else {
                key.append(s)
            }
        }
        while let last = key.last, " :.*_#…".unicodeScalars.contains(last) { key.removeLast() }
        while let first = key.first, "*_#> ".unicodeScalars.contains(first) { key.removeFirst() }
        var keyText = String(String.UnicodeScalarView(key))
        if text.utf8.count > LineShape.maxKeyedBytes { keyText = text }
        return (keyText, words, letters, digits, characters)
    }

    func assertMatchesPlainReading(_ line: String, file: StaticString = #filePath, lineNumber: UInt = #line) {
        let shape = LineShape(line)
        let plain = plainReading(line)
        XCTAssertEqual(shape.key, plain.key, line.debugDescription, file: file, line: lineNumber)
        XCTAssertEqual(shape.keyHash, FNV1a.hash(plain.key.utf8), line.debugDescription, file: file, line: lineNumber)
        XCTAssertEqual(shape.words, plain.words, line.debugDescription, file: file, line: lineNumber)
        XCTAssertEqual(shape.letters, plain.letters, line.debugDescription, file: file, line: lineNumber)
        XCTAssertEqual(shape.digits, plain.digits, line.debugDescription, file: file, line: lineNumber)
        XCTAssertEqual(shape.characters, plain.characters, line.debugDescription, file: file, line: lineNumber)
    }

    func testEdgeCases() {
        for line in ["", " ", "**Related:**", "> ## Sign up…", "Advertisement.", "ÉLECTIONS 2024 à Québec", "İSTANBUL’S Ⅻ ½ ٣",
                     "Tab\tand\u{A0}no-break\u{2003}spaces  ", "…", "___", "Read more …", "😀 emoji – dash", "a\u{301}ccent",
                     String(repeating: "İ", count: 140), String(repeating: "word ", count: 90)] {
            assertMatchesPlainReading(line)
        }
        XCTAssertEqual(LineShape("**Related:**").key, "related")
        XCTAssertEqual(LineShape("Sign up for our 2 newsletters…").key, "sign up for our 0 newsletters")
    }

    /// Every line of a real corpus's raw article texts.
    func testLinesOfARealCorpus() throws {
        let text = try Fixtures.text(try Fixtures.vendored("allsides-stories-dev.jsonl.gz"))
        var lines = 0
        for record in text.split(separator: "\n") {
            guard let object = try JSONSerialization.jsonObject(with: Data(record.utf8)) as? [String: Any],
                  let body = object["body"] as? String else { continue }
            for line in ArticleCleaner.lines(of: body) {
                assertMatchesPlainReading(line)
                lines += 1
            }
        }
        XCTAssertGreaterThan(lines, 10_000)
    }
}
