@testable import Build
import Foundation
@testable import Output
import Support
import TestSupport
import XCTest

/// Builds that reuse earlier results (`serve`'s rebuilds) against clean builds, after seeded
/// random edits; CI runs 200 sequences on the default site (`make verify-incremental`).
final class IncrementalVerifierTests: XCTestCase {
    func testRandomEditSequencesBuildWhatACleanBuildMakes() throws {
        let site = try Fixtures.smallSite(self)
        var verifier = IncrementalVerifier(site: site.path)
        verifier.sequences = 6
        verifier.seed = 11
        verifier.scratch = try Fixtures.tempDir(self).appendingPathComponent("scratch").path
        let report = try verifier.run()
        XCTAssertEqual(report.sequences, 6)
        XCTAssertEqual(report.differences, [])
        XCTAssertEqual(report.failures, [])
        XCTAssertGreaterThan(report.edits.values.reduce(0, +), 5)
    }

    /// The comparison names what is missing, what differs and what should not be there.
    func testDifferencesNameEveryKindOfMismatch() throws {
        let folder = try Fixtures.tempDir(self).path
        try Fixtures.write("same", to: URL(fileURLWithPath: folder + "/a.html"))
        try Fixtures.write("old", to: URL(fileURLWithPath: folder + "/b/index.html"))
        try Fixtures.write("stale", to: URL(fileURLWithPath: folder + "/c.xml"))
        let made = [OutputFile(path: "a.html", text: "same"), OutputFile(path: "b/index.html", text: "new"), OutputFile(path: "d.json", text: "{}")]
        XCTAssertEqual(IncrementalVerifier.differences(made, onDisk: folder), ["b/index.html differs", "d.json missing", "c.xml should not be there"])
        XCTAssertEqual(IncrementalVerifier.differences([OutputFile(path: "a.html", text: "same"), OutputFile(path: "b/index.html", text: "old"), OutputFile(path: "c.xml", text: "stale")], onDisk: folder), [])
    }

    /// The same seed makes the same edits.
    func testEditsAreSeeded() throws {
        func edits(seed: UInt64) throws -> [String] {
            let site = try Fixtures.smallSite(self)
            var verifier = IncrementalVerifier(site: site.path)
            verifier.seed = seed
            verifier.scratch = try Fixtures.tempDir(self).appendingPathComponent("scratch").path
            var editor = try verifier.prepare()
            return try (0..<12).map { _ in try editor.applyRandom() }
        }
        XCTAssertEqual(try edits(seed: 3), try edits(seed: 3))
        XCTAssertNotEqual(try edits(seed: 3), try edits(seed: 4))
    }
}
