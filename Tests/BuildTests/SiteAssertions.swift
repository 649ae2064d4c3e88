@testable import Build
import Foundation
import Support
import TestSupport
import XCTest

extension XCTestCase {
    /// The site in `root/Public` is byte for byte what a build without the cache makes.
    func assertSiteEqualsAFullBuild(_ root: URL, file: StaticString = #filePath, line: UInt = #line) throws {
        let made = try SiteBuilder(options: BuildOptions(root: root.path)).render().files
        XCTAssertEqual(IncrementalVerifier.differences(made, onDisk: root.appendingPathComponent("Public").path), [], file: file, line: line)
    }
}
