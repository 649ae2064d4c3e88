import Foundation
import TemplateEngine
import XCTest

/// The official Mustache spec (github.com/mustache/spec, vendored in Spec/ with its licence):
/// the six required files and the optional inheritance and dynamic names. Lambdas are not
/// supported: templates render over data, not code.
final class SpecTests: XCTestCase {
    struct SpecFile: Decodable {
        struct Test: Decodable {
            var name: String
            var desc: String
            var data: SpecValue
            var template: String
            var partials: [String: String]?
            var expected: String
        }
        var tests: [Test]
    }

    /// JSON as a `TemplateValue` (a Bool is tried before a number: JSON keeps them apart).
    struct SpecValue: Decodable {
        var value: TemplateValue
        init(from decoder: Decoder) throws {
            let c = try decoder.singleValueContainer()
            if c.decodeNil() { value = .null }
            else if let b = try? c.decode(Bool.self) { value = .bool(b) }
            else if let x = try? c.decode(Double.self) { value = .number(x) }
            else if let s = try? c.decode(String.self) { value = .string(s) }
            else if let a = try? c.decode([SpecValue].self) { value = .list(a.map(\.value)) }
            else { value = .object(try c.decode([String: SpecValue].self).mapValues(\.value)) }
        }
    }

    /// Runs every test of a spec file; returns the names of those that failed.
    func run(_ file: String) throws -> (passed: Int, failed: [String]) {
        let url = try XCTUnwrap(Bundle.module.url(forResource: "Spec/\(file)", withExtension: "json"))
        let spec = try JSONDecoder().decode(SpecFile.self, from: Data(contentsOf: url))
        var failed: [String] = []
        for test in spec.tests {
            let main = "\u{1}template"
            var templates = test.partials ?? [:]
            templates[main] = test.template
            do {
                let library = try TemplateLibrary(templates: templates)
                let got = library.render(main, test.data.value)
                if got != test.expected {
                    failed.append(test.name)
                    XCTFail("\(file): \(test.name) — \(test.desc)\n  expected \(test.expected.debugDescription)\n  got      \(got.debugDescription)")
                }
            } catch {
                failed.append(test.name)
                XCTFail("\(file): \(test.name): \(error)")
            }
        }
        return (spec.tests.count - failed.count, failed)
    }

    /// Every test of every file runs (184 in all), so a file that failed to load shows.
    func testEveryTestRuns() throws {
        let files = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~dynamic-names", "~inheritance"]
        XCTAssertEqual(try files.map { try run($0).passed }.reduce(0, +), 184)
    }

    func testComments() throws { XCTAssertEqual(try run("comments").failed, []) }
    func testDelimiters() throws { XCTAssertEqual(try run("delimiters").failed, []) }
    func testInterpolation() throws { XCTAssertEqual(try run("interpolation").failed, []) }
    func testInverted() throws { XCTAssertEqual(try run("inverted").failed, []) }
    func testPartials() throws { XCTAssertEqual(try run("partials").failed, []) }
    func testSections() throws { XCTAssertEqual(try run("sections").failed, []) }
    func testDynamicNames() throws { XCTAssertEqual(try run("~dynamic-names").failed, []) }
    func testInheritance() throws { XCTAssertEqual(try run("~inheritance").failed, []) }
}
