@testable import Cleaning
import Support
import XCTest

/// `PhraseTable` answers what walking the rule list in order answers: the first rule whose phrase
/// starts (or occurs in) the key and that the caller accepts.
final class PhraseTableTests: XCTestCase {
    func walk(_ rules: [ClutterRule], _ key: String, prefix: Bool, accepts: (ClutterRule) -> Bool) -> String? {
        rules.first { rule in
            let hit = prefix ? key.utf8.starts(with: rule.phrase.utf8)
                : rule.phrase.isEmpty || key.utf8.count >= rule.phrase.utf8.count && (0...(key.utf8.count - rule.phrase.utf8.count)).contains { i in
                    Array(key.utf8)[i..<(i + rule.phrase.utf8.count)].elementsEqual(rule.phrase.utf8)
                }
            return hit && accepts(rule)
        }?.phrase
    }

    func testLookupsMatchAWalkInLexiconOrder() {
        for kind in [ClutterRule.Kind.prefix, .contains] {
            let rules = ClutterLexicon.rules.filter { $0.kind == kind }
            XCTAssertGreaterThan(rules.count, 10)
            let table = PhraseTable(rules)
            // Keys made of phrases, pieces of phrases and filler, so that many match more than one
            // rule, at the start and later, and some only in part.
            var generator = SystemRandomNumberGenerator()
            var keys = rules.map(\.phrase) + ["", "x", "sign", "the end", "ñandú sign up"]
            for _ in 0..<3_000 {
                var parts: [String] = []
                for _ in 0..<Int.random(in: 1...4, using: &generator) {
                    let phrase = rules.randomElement(using: &generator)!.phrase
                    switch Int.random(in: 0..<4, using: &generator) {
                    case 0: parts.append(String(phrase.prefix(Int.random(in: 0...phrase.count, using: &generator))))
                    case 1: parts.append(["and", "the", "news", "0", "é", "to your"].randomElement(using: &generator)!)
                    default: parts.append(phrase)
                    }
                }
                keys.append(parts.joined(separator: Bool.random(using: &generator) ? " " : ""))
            }
            var hits = 0
            for key in keys {
                for rejectFragmentsOnly in [false, true] {
                    let accepts: (ClutterRule) -> Bool = { !(rejectFragmentsOnly && $0.onlyFragments) }
                    let expected = walk(rules, key, prefix: kind == .prefix, accepts: accepts)
                    let found = UTF8Scalars.withBytes(of: key) { bytes in
                        kind == .prefix ? table.firstPrefix(of: bytes, accepts: accepts) : table.firstContained(in: bytes, accepts: accepts)
                    }
                    XCTAssertEqual(found?.phrase, expected, "\(kind) \"\(key)\"")
                    if expected != nil { hits += 1 }
                }
            }
            XCTAssertGreaterThan(hits, keys.count / 2, "most keys match some rule")
        }
    }

    func testAnEmptyPhraseMatchesEveryKey() {
        let rules = [ClutterRule(.contains, "zz", "late"), ClutterRule(.contains, "", "empty"), ClutterRule(.contains, "a", "early")]
        let table = PhraseTable(rules)
        XCTAssertEqual(UTF8Scalars.withBytes(of: "zz a") { table.firstContained(in: $0) { _ in true } }?.reason, "late")
        XCTAssertEqual(UTF8Scalars.withBytes(of: "a") { table.firstContained(in: $0) { _ in true } }?.reason, "empty")
        XCTAssertEqual(UTF8Scalars.withBytes(of: "") { table.firstPrefix(of: $0) { _ in true } }?.reason, "empty")
        XCTAssertNil(UTF8Scalars.withBytes(of: "") { table.firstPrefix(of: $0) { $0.reason != "empty" } })
    }
}
