@testable import Server
import TestSupport
import XCTest

/// The saved fuzz corpus of slugs, site paths and request paths (Fuzz/corpus/paths), replayed
/// through the fuzzer's own property checks (FuzzTargets/PathsFuzz.swift).
final class FuzzReplayServerTests: XCTestCase {
    func testSavedPathInputsStayInsideTheSite() throws {
        try FuzzReplay.replay("paths") { PathsFuzz.check($0) }
    }

    /// `//stories` named an existing folder without its slash: the redirect went to
    /// `//stories/`, which a browser reads as the host "stories" (found by fuzz-paths).
    func testADirectoryRedirectNeverLeavesTheSite() {
        let site = StaticSite(root: PathsFuzz.siteRoot)
        XCTAssertEqual(site.resolve("//stories"), .redirect("/stories/"))
        XCTAssertEqual(site.resolve("///stories/a?x=1"), .redirect("/stories/a/"))
        XCTAssertEqual(site.resolve("/stories/a"), .redirect("/stories/a/"))
    }
}
