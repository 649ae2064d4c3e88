import Foundation
@testable import Markdown
import TestSupport
import XCTest

/// Runs every example of the GFM spec that Debian's `cmark-gfm` package ships through our
/// renderer, with the extension each example is tagged with, so the wiring of options and
/// extensions is proved against a suite nobody here wrote. (The spec expects raw HTML, so this
/// test alone renders with `.unsafe`.)
final class GFMSpecTests: XCTestCase {
    struct Example {
        var number: Int
        var line: Int
        var tag: String
        var markdown: String
        var html: String
    }

    static let specPath = "/usr/share/doc/cmark-gfm/spec.txt.gz"

    static func examples() throws -> [Example] {
        let lines = try Fixtures.text(specPath).components(separatedBy: "\n")
        let fence = String(repeating: "`", count: 32)
        var examples: [Example] = []
        var i = 0
        while i < lines.count {
            if lines[i].hasPrefix(fence + " example") {
                let tag = lines[i].dropFirst(fence.count + " example".count).trimmingCharacters(in: .whitespaces)
                let start = i + 1
                var md: [String] = []
                var html: [String] = []
                var j = i + 1
                while j < lines.count, lines[j] != "." { md.append(lines[j]); j += 1 }
                j += 1
                while j < lines.count, lines[j] != fence { html.append(lines[j]); j += 1 }
                func untab(_ s: [String]) -> String { s.map { $0.replacingOccurrences(of: "→", with: "\t") }.joined(separator: "\n") + (s.isEmpty ? "" : "\n") }
                examples.append(Example(number: examples.count + 1, line: start, tag: tag, markdown: untab(md), html: untab(html)))
                i = j
            }
            i += 1
        }
        return examples
    }

    func testEveryGFMSpecExamplePasses() throws {
        guard FileManager.default.fileExists(atPath: Self.specPath) else {
            return XCTFail("\(Self.specPath) is missing: install Debian's cmark-gfm package (make test does)")
        }
        let examples = try Self.examples()
        XCTAssertEqual(examples.count, 673, "the spec shipped with this cmark-gfm has 673 examples")
        var passed = 0
        var failures: [String] = []
        for example in examples where example.tag != "disabled" {
            let extensions: [MarkdownRenderer.Extension] = MarkdownRenderer.Extension(rawValue: example.tag).map { [$0] } ?? []
            let renderer = MarkdownRenderer(options: [.unsafe], extensions: extensions)
            let html = renderer.html(example.markdown)
            if html == example.html { passed += 1 } else if failures.count < 10 {
                failures.append("example \(example.number) (spec line \(example.line), \(example.tag.isEmpty ? "core" : example.tag)):\n\(example.markdown)\n→ \(html)\nexpected \(example.html)")
            }
        }
        XCTAssertEqual(passed, 671, failures.joined(separator: "\n\n"))
    }
}
