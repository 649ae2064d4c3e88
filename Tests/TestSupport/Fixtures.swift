import Foundation
import XCTest

/// Paths to the repository and to the shared real data beside it (`../shared/data`).
public enum Fixtures {
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    public static let sharedData: URL = repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")

    public static func shared(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = sharedData.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("real data missing: \(path) (the tests expect ../shared/data beside the repository)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return path
    }

    /// A fresh temporary folder, removed at the end of the test.
    public static func tempDir(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    public static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// gzip a file with the system gzip (the format our reader must take).
    public static func gzip(_ url: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", url.path]
        try process.run()
        process.waitUntilExit()
        return URL(fileURLWithPath: url.path + ".gz")
    }
}
