import Cleaning
import XCTest

/// Reference marks copied with a text go; bracketed years and words stay.
final class CitationMarksTests: XCTestCase {
    func testMarksGoWithTheSpaceBeforeThem() {
        XCTAssertEqual(CitationMarks.removed(from: "citing fraud, sabotage, and terrorism [1][2][3]. The restrictions apply"),
                       "citing fraud, sabotage, and terrorism. The restrictions apply")
        XCTAssertEqual(CitationMarks.removed(from: "the least positive impact on the economy.”[1] The good news"),
                       "the least positive impact on the economy.” The good news")
        XCTAssertEqual(CitationMarks.removed(from: "to ideological extremes.[1][2][3] Almost all"), "to ideological extremes. Almost all")
        XCTAssertEqual(CitationMarks.removed(from: "a study [12] found"), "a study found")
        XCTAssertEqual(CitationMarks.removed(from: "ends with a mark [7]"), "ends with a mark")
    }

    func testOtherBracketsStay() {
        for text in ["“Compare 2013 and [2018] and how”", "he [sic] said", "an array [] here", "[1234] is a year-ish number", "price [1.5]", "no brackets at all"] {
            XCTAssertEqual(CitationMarks.removed(from: text), text)
        }
    }
}
