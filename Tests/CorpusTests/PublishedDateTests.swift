@testable import Corpus
import Foundation
import Support
import TestSupport
import XCTest

final class PublishedDateTests: XCTestCase {
    private func iso(_ raw: String) -> String? {
        if case let .date(d, _) = PublishedDate.parse(raw) { return DateText.iso(d) }
        return nil
    }

    func testISODatesAndDateTimes() {
        XCTAssertEqual(iso("2016-09-20"), "2016-09-20T00:00:00Z")
        XCTAssertEqual(iso("2014-03-10T16:52:50Z"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("2014-03-10T16:52:50.123Z"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("2014-03-10T18:52:50+02:00"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("2014-03-10 11:52:50-0500"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("2014-03-10T16:52"), "2014-03-10T16:52:00Z")
        if case let .date(_, hasTime) = PublishedDate.parse("2016-09-20") { XCTAssertFalse(hasTime) } else { XCTFail() }
        if case let .date(_, hasTime) = PublishedDate.parse("2016-09-20T01:00:00Z") { XCTAssertTrue(hasTime) } else { XCTFail() }
    }

    func testSlashedUSDatesAsTheAllSidesCorpusWritesThem() {
        XCTAssertEqual(iso("9/20/16"), "2016-09-20T00:00:00Z")
        XCTAssertEqual(iso("12/31/19"), "2019-12-31T00:00:00Z")
        XCTAssertEqual(iso("1/2/2020"), "2020-01-02T00:00:00Z")
        XCTAssertEqual(iso("3/4/99"), "1999-03-04T00:00:00Z")
    }

    func testRFC822DatesFromFeeds() {
        XCTAssertEqual(iso("Mon, 10 Mar 2014 16:52:50 +0000"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("10 Mar 2014 16:52:50 GMT"), "2014-03-10T16:52:50Z")
        XCTAssertEqual(iso("10 March 2014"), "2014-03-10T00:00:00Z")
    }

    func testImpossibleAndUnreadableDatesAreToldApart() {
        XCTAssertEqual(PublishedDate.parse("0001-11-30"), .impossible("0001-11-30"))
        XCTAssertEqual(PublishedDate.parse("2019-02-30"), .impossible("2019-02-30"))
        XCTAssertEqual(PublishedDate.parse("13/40/19"), .impossible("13/40/19"))
        XCTAssertEqual(PublishedDate.parse("last Tuesday"), .unrecognized("last Tuesday"))
        XCTAssertEqual(PublishedDate.parse(""), .missing)
        XCTAssertEqual(PublishedDate.parse(nil), .missing)
        XCTAssertEqual(iso("2016-02-29"), "2016-02-29T00:00:00Z")
        XCTAssertEqual(PublishedDate.parse("2015-02-29"), .impossible("2015-02-29"))
    }

    func testDateTextRoundTripsAcrossCenturies() {
        for raw in ["1800-01-01", "1969-12-31", "1970-01-01", "2000-02-29", "2099-12-31"] {
            XCTAssertEqual(iso(raw), raw + "T00:00:00Z")
        }
        if case let .date(d, _) = PublishedDate.parse("2014-03-10T16:05:00Z") {
            XCTAssertEqual(DateText.display(d, withTime: true), "10 Mar 2014, 16:05 UTC")
            XCTAssertEqual(DateText.display(d), "10 Mar 2014")
        } else { XCTFail() }
    }

    /// Every date form in the real AllSides corpus parses, or is reported impossible: none is
    /// unrecognised. Reads the whole 90 MB .gz through the streaming reader.
    func testEveryDateFormOfTheAllSidesCorpusIsUnderstood() throws {
        let path = try Fixtures.corpus("allsides-articles.jsonl.gz")
        var forms: [String: Int] = [:]
        var unrecognized: [String] = []
        var impossible: [String] = []
        var lines = 0
        try LineReader.forEachLine(path: path) { line, _ in
            lines += 1
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                  let raw = object["published"] as? String else { return }
            let shape = String(raw.map { $0.isNumber ? "9" : $0 })
            forms[shape, default: 0] += 1
            switch PublishedDate.parse(raw) {
            case .unrecognized: unrecognized.append(raw)
            case .impossible: impossible.append(raw)
            default: break
            }
        }
        XCTAssertEqual(lines, 37_554)
        XCTAssertGreaterThanOrEqual(forms.count, 4, "expected several date forms, saw \(forms)")
        XCTAssertEqual(unrecognized, [], "date forms not understood")
        XCTAssertTrue(impossible.contains("0001-11-30"), "the corpus has impossible dates such as 0001-11-30")
    }
}
