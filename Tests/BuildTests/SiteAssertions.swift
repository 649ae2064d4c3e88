@testable import Build
import Foundation
import Support
import TestSupport
import XCTest

extension XCTestCase {
    /// The site in `root/Public` is byte for byte what a build without the cache makes.
    func assertSiteEqualsAFullBuild(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let fresh = root.appendingPathComponent("Fresh").path
        try? FileManager.default.removeItem(atPath: fresh)
        _ = try SiteBuilder(options: BuildOptions(root: root.path, output: fresh)).build()
        let cached = root.appendingPathComponent("Public").path
        let files = FileTree.files(below: cached)
        XCTAssertEqual(files, FileTree.files(below: fresh), file: file, line: line)
        for path in files {
            XCTAssertEqual(FileManager.default.contents(atPath: cached + "/" + path), FileManager.default.contents(atPath: fresh + "/" + path), path, file: file, line: line)
        }
    }
}
