import Foundation
import XCTest

/// Replays a saved fuzz corpus (`Fuzz/corpus/<target>/`, grown by `Scripts/fuzz.sh`) through the
/// same property check the fuzzer ran, in the normal build: every input the fuzzer found
/// interesting, every hand-made seed and every reproducer of a fixed bug, on every test run.
public enum FuzzReplay {
    public static func corpus(_ target: String) -> URL {
        Fixtures.repoRoot.appendingPathComponent("Fuzz/corpus/\(target)")
    }

    /// Runs `check` on every file of the target's saved corpus; fails with each file's problems.
    /// Returns how many inputs were replayed.
    @discardableResult
    public static func replay(_ target: String, file: StaticString = #filePath, line: UInt = #line, _ check: (Data) -> [String]) throws -> Int {
        let folder = corpus(target)
        let names = try FileManager.default.contentsOfDirectory(atPath: folder.path).filter { !$0.hasPrefix(".") }.sorted()
        XCTAssertFalse(names.isEmpty, "no saved fuzz corpus in \(folder.path)", file: file, line: line)
        let started = Date()
        for name in names {
            let data = try Data(contentsOf: folder.appendingPathComponent(name))
            let problems = check(data)
            if !problems.isEmpty {
                XCTFail("Fuzz/corpus/\(target)/\(name):\n" + problems.prefix(10).map { "  - \($0)" }.joined(separator: "\n"), file: file, line: line)
            }
        }
        print("fuzz replay \(target): \(names.count) inputs in \(String(format: "%.2f", Date().timeIntervalSince(started))) s")
        return names.count
    }
}
