import Corpus
import Foundation
@testable import Stories
import Support
import TestSupport
import XCTest

/// `Terms.forEach` cuts text into the terms grouping and summaries count: lower-cased words and
/// numbers of two bytes or more, possessives and stop words dropped, plurals folded.
final class TermsTests: XCTestCase {
    func terms(_ text: String) -> [String] {
        var out: [String] = []
        Terms.forEach(in: text) { hash, bytes in
            XCTAssertEqual(hash, FNV1a.hash(bytes), "the hash is the term's own")
            out.append(String(decoding: bytes, as: UTF8.self))
        }
        return out
    }

    /// The rules, one by one, on the cases they exist for.
    func testWordsAreCutLoweredAndFolded() {
        XCTAssertEqual(terms("Senators voted on the policies of 2019."), ["senator", "voted", "policy", "2019"])
        XCTAssertEqual(terms("The president's aides’ plans: 15-week ban, 7 votes"), ["president", "aide", "plan", "15", "ban", "vote"])
        XCTAssertEqual(terms("Bus status analysis, glass buses"), ["bus", "status", "analysis", "glass", "buse"])
        XCTAssertEqual(terms("ÉLECTIONS à Québec, İstanbul’s ΣΟΦΊΑ"), ["élection", "à", "québec", "i̇stanbul", "σοφία"])
        XCTAssertEqual(terms("a I x 5 ''' ’s"), [], "single characters, stop words and lone apostrophes are no terms")
        XCTAssertEqual(terms(""), [])
    }

    /// Over real articles (titles and bodies of a whole corpus, scripts other than Latin
    /// included), the terms are those of a plain reading of the same rules, word by word.
    func testTermsOfARealCorpusMatchAPlainReading() throws {
        let articles = CorpusLoader().load(paths: [try Fixtures.vendored("google-news-clusters-2014.jsonl.gz")]).articles
        XCTAssertGreaterThan(articles.count, 1_000)
        var words = 0
        for article in articles {
            for text in [article.title, article.body ?? ""] {
                let expected = plainReading(text)
                XCTAssertEqual(terms(text), expected, article.id)
                words += expected.count
            }
        }
        XCTAssertGreaterThan(words, 40_000)
        // A word longer than any buffer would guess, in a short text.
        let long = String(repeating: "İ", count: 300)
        XCTAssertEqual(terms(long), plainReading(long))
    }

    /// The rules written over Strings and Characters, slowly and plainly.
    func plainReading(_ text: String) -> [String] {
        var out: [String] = []
        var word = ""
        func flush() {
            defer { word = "" }
            var w = word
            guard w.utf8.count >= 2 else { return }
            if w.hasSuffix("'s") { w.removeLast(2) }
            while w.hasSuffix("'") { w.removeLast() }
            guard w.utf8.count >= 2, !Terms.stopWords.contains(w) else { return }
            let bytes = Array(w.utf8)
            let n = bytes.count
            if n > 4, w.hasSuffix("ies") {
                w = String(decoding: bytes[0..<(n - 3)] + [0x79], as: UTF8.self)
            } else if n > 3, bytes[n - 1] == 0x73, ![0x73, 0x75, 0x69].contains(bytes[n - 2]) {
                w = String(decoding: bytes[0..<(n - 1)], as: UTF8.self)
            }
            out.append(w)
        }
        for scalar in text.unicodeScalars {
            if scalar.isASCII {
                let c = Character(scalar)
                if c.isLetter || c.isNumber { word += c.lowercased() } else if scalar == "'", !word.isEmpty { word += "'" } else if !word.isEmpty { flush() }
            } else if scalar == "\u{2019}", !word.isEmpty {
                word += "'"
            } else if scalar.properties.isAlphabetic {
                word += scalar.properties.lowercaseMapping
            } else if !word.isEmpty {
                flush()
            }
        }
        if !word.isEmpty { flush() }
        return out
    }
}
