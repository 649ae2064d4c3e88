@testable import Build
import Foundation
import TestSupport
import XCTest

/// `sitegen check` lists the names a theme uses that no page provides: they render empty.
final class TemplateNamesCheckTests: XCTestCase {
    func testAMisspeltNameIsListedAndTheDefaultThemeHasNone() throws {
        let site = try Fixtures.smallSite(self)
        XCTAssertEqual(try SiteCheck.run(BuildOptions(root: site.path)).unknownNames, [])

        let card = site.appendingPathComponent("Templates/partials/story-card.mustache")
        let text = try String(contentsOf: card, encoding: .utf8)
        XCTAssertTrue(text.contains("{{#outlets_line}}"))
        try text.replacingOccurrences(of: "{{#outlets_line}}", with: "{{titel}}{{#outlets_line}}").write(to: card, atomically: true, encoding: .utf8)
        let report = try SiteCheck.run(BuildOptions(root: site.path))
        XCTAssertEqual(report.unknownNames, ["Templates/partials/story-card.mustache: {{titel}}"])
        XCTAssertFalse(report.isClean)
    }
}
