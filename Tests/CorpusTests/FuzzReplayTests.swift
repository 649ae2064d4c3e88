import Corpus
import Foundation
import Support
import TestSupport
import XCTest

/// The saved fuzz corpora of the loaders and the front-matter parser (Fuzz/corpus/corpus,
/// Fuzz/corpus/frontmatter), replayed through the fuzzers' own property checks
/// (FuzzTargets/), and the hostile inputs too big to store, generated.
final class FuzzReplayTests: XCTestCase {
    /// `{{rep N}}` expansions stop at 8 KB here (128 KB when fuzzing): a debug build takes ten
    /// times longer, and the big inputs have their own tests below.
    func testSavedLoaderInputsLoadIntoValidArticles() throws {
        try FuzzReplay.replay("corpus") { CorpusLoaderFuzz.check($0, expansionLimit: 8 << 10) }
    }

    func testSavedFrontMatterInputsParseOrThrowCorpusError() throws {
        try FuzzReplay.replay("frontmatter") { FrontMatterFuzz.check($0) }
    }

    /// Issue #8's big inputs: a 5 MB body as one line in JSON Lines with a 10,000-character
    /// title, and a 5 MB raw .md file of short lines (clutter, end markers, broken sentences).
    func testFiveMegabyteBodiesAndTenThousandCharacterTitlesLoad() throws {
        let inputs = [
            #"=== big.jsonl"# + "\n" + #"{"id":"one-line","title":"{{rep 10000}}W{{/rep}}","body":"{{rep 440000}}Words go on {{/rep}}"}"#,
            "=== big.md\n---\ntitle: Lines\n---\n{{rep 32768}}Advertisement\nA line of text that goes on for a while, with more words than most of them, and then ends.\nRelated Articles\nand goes on with a few more words after the marker\n{{/rep}}",
        ]
        for input in inputs {
            let started = Date()
            let problems = CorpusLoaderFuzz.check(Data(input.utf8), expansionLimit: 5 << 20, compareLoads: false)
            XCTAssertEqual(problems, [], String(input.prefix(40)))
            print("5 MB input \(input.prefix(12)): \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        }
    }

    /// The cleaner measured the whole text again for every end marker ("Related Articles") after
    /// a sentence, and for every line it glued onto a broken sentence: quadratic. In a release
    /// build 2,000 markers took 22 s and 8,000 five minutes; 16,000 broken lines 10 s and 64,000
    /// two minutes (found by fuzz-corpus, a timeout, and by timing the 5 MB inputs below).
    func testManyEndMarkersAndBrokenLinesCleanInLinearTime() {
        let inputs = [
            "=== a.md\n---\ntitle: Markers\n---\n{{rep 4000}}The council voted on the bridge repairs today in the city.\nRelated Articles\n{{/rep}}",
            "=== b.md\n---\ntitle: Broken\n---\nStart of it\n{{rep 16000}}and more words\n{{/rep}}",
            "=== c.md\nStart of\n{{rep 16000}},xxxxx\n{{/rep}}",
        ]
        for input in inputs {
            let started = Date()
            XCTAssertEqual(CorpusLoaderFuzz.check(Data(input.utf8), expansionLimit: 5 << 20, compareLoads: false), [])
            XCTAssertLessThan(Date().timeIntervalSince(started), 5, String(input.prefix(20)))
        }
    }

    /// Yams traps on a mapping key that is not text and builds exponentially many values for
    /// aliases of aliases: front matter refuses both, saying where (found by fuzz-frontmatter).
    func testFrontMatterRefusesKeysThatAreNotTextAndBillionLaughs() throws {
        for (text, line) in [("---\na: 1\n? [x, y]\n: z\n---\nbody", 3), ("---\ns: !!set {? {a: 1}}\n---\n", 2)] {
            XCTAssertThrowsError(try FrontMatter.parse(text, path: "a.md")) { error in
                guard case let .invalid(location, reason)? = error as? CorpusError else { return XCTFail("\(error)") }
                XCTAssertEqual(location, SourceLocation(path: "a.md", line: line))
                XCTAssertTrue(reason.contains("a key that is not text"), reason)
            }
        }
        var laughs = "---\na: &a [x, x, x, x, x, x, x, x, x, x]\n"
        for i in 1...8 {
            let name = String(UnicodeScalar(UInt8(97 + i)))
            laughs += "\(name): &\(name) [" + Array(repeating: "*" + String(UnicodeScalar(UInt8(96 + i))), count: 10).joined(separator: ", ") + "]\n"
        }
        let started = Date()
        XCTAssertThrowsError(try FrontMatter.parse(laughs + "---\n", path: "a.md"))
        XCTAssertLessThan(Date().timeIntervalSince(started), 2)
        // Aliases used a sane number of times still work.
        let fields = try FrontMatter.parse("---\nt: &t [a, b]\ntopics: *t\n---\n", path: "a.md").fields
        XCTAssertEqual(fields["topics"] as? [String], ["a", "b"])
    }

    /// A corrupt .jsonl.gz is reported under the path the user gave, not the absolute one.
    func testCorruptGzipIsReportedByItsCorpusPath() throws {
        XCTAssertEqual(CorpusLoaderFuzz.check(Data("=== a.jsonl.gz\n".utf8) + Data([0x1F, 0x8B, 0x08, 0x00]) + Data("garbage".utf8)), [])
        XCTAssertEqual(CorpusLoaderFuzz.check(Data("=== b.jsonl.gz\n".utf8) + Data([0x1F, 0x8B])), [])
    }
}
