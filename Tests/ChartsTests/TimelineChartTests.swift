@testable import Charts
import Foundation
#if canImport(FoundationXML)
import FoundationXML
#endif
import XCTest

/// Parses an SVG as XML (failing the test if it is not well-formed) and returns its elements in
/// document order with their attributes and direct text. Shared by the chart tests of this target.
func svgElements(_ svg: String, file: StaticString = #filePath, line: UInt = #line) -> [(name: String, attributes: [String: String], text: String)] {
    final class Collector: NSObject, XMLParserDelegate {
        var items: [(String, [String: String], String)] = []
        var stack: [Int] = []
        func parser(_ parser: XMLParser, didStartElement name: String, namespaceURI: String?, qualifiedName: String?, attributes: [String: String] = [:]) {
            items.append((name, attributes, ""))
            stack.append(items.count - 1)
        }
        func parser(_ parser: XMLParser, foundCharacters string: String) {
            if let i = stack.last { items[i].2 += string }
        }
        func parser(_ parser: XMLParser, didEndElement name: String, namespaceURI: String?, qualifiedName: String?) { stack.removeLast() }
    }
    let collector = Collector()
    let parser = XMLParser(data: Data(svg.utf8))
    parser.delegate = collector
    XCTAssertTrue(parser.parse(), "SVG is not well-formed XML: \(parser.parserError.map { "\($0)" } ?? "")", file: file, line: line)
    return collector.items.map { (name: $0.0, attributes: $0.1, text: $0.2) }
}

extension Array where Element == (name: String, attributes: [String: String], text: String) {
    func with(class prefix: String) -> Self { filter { ($0.attributes["class"] ?? "").hasPrefix(prefix) } }
    var desc: String? { first { $0.name == "desc" }?.text }
}

final class TimelineChartTests: XCTestCase {
    /// 2014-03-10 00:00 UTC plus hours.
    func date(_ hours: Double) -> Date { Date(timeIntervalSince1970: 1_394_409_600 + hours * 3_600) }

    let four = Timeline(unit: .day, buckets: [
        .init(label: "10 Mar 2014", left: 2, center: 3),
        .init(label: "11 Mar", fullLabel: "11 Mar 2014", left: 5, center: 2, right: 2, unrated: 1),
        .init(label: "12 Mar", fullLabel: "12 Mar 2014"),
        .init(label: "13 Mar", fullLabel: "13 Mar 2014", right: 1),
    ], undated: 3)

    func testBarHeightsFollowTheCounts() {
        let items = svgElements(TimelineChart.svg(four, idPrefix: "story"))
        XCTAssertNil(items.first?.attributes["viewBox"], "one drawing for every width: its text is never scaled")
        XCTAssertEqual(items.first?.attributes["width"], "100%")
        let segs = items.with(class: "seg ")
        // The peak is 10 articles over a 140-pixel plot: 14 pixels an article, stacked up from y=148.
        XCTAssertEqual(segs.map { $0.attributes["class"]! }, ["seg seg-left", "seg seg-center",
                                                              "seg seg-left", "seg seg-center", "seg seg-right", "seg seg-unrated",
                                                              "seg seg-right"])
        XCTAssertEqual(segs.map { $0.attributes["height"]! }, ["28", "42", "70", "28", "28", "14", "14"])
        XCTAssertEqual(segs.map { $0.attributes["y"]! }, ["120", "78", "78", "50", "22", "8", "134"])
        // The y labels take 9% (two digits in a 288-pixel box); four buckets get a slot of
        // 22.75% each, each bar 80% of its slot, centred.
        XCTAssertEqual(Set(segs.prefix(2).map { $0.attributes["x"]! }), ["11.3%"])
        XCTAssertEqual(segs.last?.attributes["x"], "79.5%")
        XCTAssertEqual(Set(segs.map { $0.attributes["width"]! }), ["18.2%"])
        XCTAssertEqual(items.with(class: "axis-label axis-y").map(\.text), ["0", "5", "10"])
        XCTAssertEqual(Set(items.with(class: "axis-label axis-y").map { $0.attributes["x"]! }), ["9%"])
        XCTAssertEqual(TimelineChart.legend(four).map(\.text), ["Left", "Center", "Right", "Unrated"], "the totals are the page's to say once")
        XCTAssertEqual(TimelineChart.caption(four), "Articles per day")
        XCTAssertEqual(TimelineChart.legend(four).map(\.key), ["left", "center", "right", "unrated"])
    }

    /// The legend names the colours the drawing has: the sides with articles.
    func testTheLegendNamesOnlySidesWithArticles() {
        let t = Timeline.make(dates: [(date(3), "left"), (date(40), "left")], undated: 0)
        XCTAssertEqual(TimelineChart.legend(t).map(\.text), ["Left"])
    }

    func testEveryBarHasATooltipIncludingEmptyOnes() {
        let items = svgElements(TimelineChart.svg(four, idPrefix: "story"))
        let titles = items.filter { $0.name == "title" }.map(\.text)
        XCTAssertEqual(titles, ["Articles over time",
                                "10 Mar 2014: 5 articles (Left 2, Center 3, Right 0, Unrated 0)",
                                "11 Mar 2014: 10 articles (Left 5, Center 2, Right 2, Unrated 1)",
                                "12 Mar 2014: no articles",
                                "13 Mar 2014: 1 article (Left 0, Center 0, Right 1, Unrated 0)"])
        XCTAssertEqual(items.with(class: "bar").count, 4)
    }

    func testDescStatesTheNumbersInWords() {
        let items = svgElements(TimelineChart.svg(four, idPrefix: "story"))
        XCTAssertEqual(items.desc, "16 articles from 10 Mar 2014 to 13 Mar 2014, by day: Left 7, Center 5, Right 3, Unrated 1."
                       + " Busiest day: 11 Mar 2014, 10 articles (Left 5, Center 2, Right 2, Unrated 1). 3 undated articles not shown.")
        let svg = items.first!
        XCTAssertEqual(svg.attributes["role"], "img")
        XCTAssertEqual(svg.attributes["aria-labelledby"], "story-timeline-t story-timeline-d")
        XCTAssertEqual(items.first { $0.attributes["id"] == "story-timeline-d" }?.name, "desc")
        XCTAssertEqual(items.first { $0.attributes["id"] == "story-timeline-t" }?.name, "title")
    }

    func testHourBucketsWhenTheSpanIsUnderTwoDays() {
        let t = Timeline.make(dates: [(date(14.3), "left"), (date(14.9), "right"), (date(16.1), "center"), (date(25.2), "unrated")], undated: 1)
        XCTAssertEqual(t.unit, .hour)
        XCTAssertEqual(t.buckets.count, 12, "14:00 on 10 Mar to 01:00 on 11 Mar, the empty hours included")
        XCTAssertEqual(t.buckets.map(\.label), ["10 Mar 14:00", "10 Mar 15:00", "10 Mar 16:00", "10 Mar 17:00", "10 Mar 18:00", "10 Mar 19:00", "10 Mar 20:00", "10 Mar 21:00", "10 Mar 22:00", "10 Mar 23:00", "11 Mar 00:00", "11 Mar 01:00"], "one format: hours over two days name their day")
        XCTAssertEqual(t.buckets.first?.fullLabel, "10 Mar 2014 14:00")
        XCTAssertEqual(t.buckets.map(\.total), [2, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1])
        XCTAssertEqual(t.buckets[0], .init(label: "10 Mar 14:00", fullLabel: "10 Mar 2014 14:00", left: 1, right: 1))
        XCTAssertEqual(t.undated, 1)
        XCTAssertEqual(svgElements(TimelineChart.svg(t, idPrefix: "s")).desc,
                       "4 articles from 10 Mar 2014 14:00 to 11 Mar 2014 01:00, by hour: Left 1, Center 1, Right 1, Unrated 1."
                       + " Busiest hour: 10 Mar 2014 14:00, 2 articles (Left 1, Center 0, Right 1, Unrated 0). 1 undated article not shown.")
        // On the axis: every label in one format, every step-th bucket.
        let long = Timeline.make(dates: [(date(3), "left"), (date(44), "left")], undated: 0)
        XCTAssertEqual(long.buckets.count, 42)
        let axis = svgElements(TimelineChart.svg(long, idPrefix: "s")).with(class: "axis-label axis-x").map(\.text)
        XCTAssertEqual(axis.first, "10 Mar 03:00")
        XCTAssertTrue(axis.allSatisfy { $0.range(of: #"^1[01] Mar [0-9]{2}:00$"#, options: .regularExpression) != nil }, "\(axis)")
        XCTAssertTrue(axis.contains { $0.hasPrefix("11 Mar ") }, "\(axis)")
        let hours = axis.map { (Int($0.prefix(2))! - 10) * 24 + Int($0.dropFirst(7).prefix(2))! }
        XCTAssertEqual(Set(zip(hours, hours.dropFirst()).map { $1 - $0 }).count, 1, "evenly spaced: \(axis)")
        // Hours within one day are just hours.
        XCTAssertEqual(Timeline.make(dates: [(date(3), "left"), (date(5), "left")], undated: 0).buckets.map(\.label), ["03:00", "04:00", "05:00"])
        // Just under two days is still hourly; two days exactly is daily.
        XCTAssertEqual(Timeline.make(dates: [(date(0), "left"), (date(47.9), "left")], undated: 0).unit, .hour)
        XCTAssertEqual(Timeline.make(dates: [(date(0), "left"), (date(48), "left")], undated: 0).unit, .day)
    }

    func testDayBucketsFillGapsAndNameTheYearWhereItChanges() {
        let newYear = Date(timeIntervalSince1970: 1_388_534_400) // 2014-01-01 00:00 UTC
        let t = Timeline.make(dates: [(newYear.addingTimeInterval(-2 * 86_400 + 60), "center"),
                                      (newYear.addingTimeInterval(86_400 + 82_000), "left"),
                                      (newYear.addingTimeInterval(86_400), "left")], undated: 0)
        XCTAssertEqual(t.unit, .day)
        XCTAssertEqual(t.buckets.map(\.label), ["30 Dec 2013", "31 Dec 2013", "1 Jan 2014", "2 Jan 2014"])
        XCTAssertEqual(t.buckets.map(\.fullLabel), ["30 Dec 2013", "31 Dec 2013", "1 Jan 2014", "2 Jan 2014"])
        XCTAssertEqual(t.buckets.map(\.total), [1, 0, 0, 2])
        XCTAssertEqual(t.buckets[3].left, 2)
        // The order of the input does not matter.
        XCTAssertEqual(Timeline.make(dates: [(newYear.addingTimeInterval(86_400), "left"),
                                             (newYear.addingTimeInterval(86_400 + 82_000), "left"),
                                             (newYear.addingTimeInterval(-2 * 86_400 + 60), "center")], undated: 0), t)
    }

    func testLongSpansAreBucketedByWeekThenMonthThenYear() {
        // Monday 10 Mar 2014 to Tuesday 20 May 2014: 72 days, so weeks starting on Mondays.
        let t = Timeline.make(dates: [(date(0), "left"), (date(24 * 6 + 23), "right"), (date(24 * 71), "center")], undated: 0)
        XCTAssertEqual(t.unit, .week)
        XCTAssertEqual(t.buckets.count, 11)
        XCTAssertEqual(t.buckets.first?.label, "10 Mar")
        XCTAssertEqual(t.buckets.first?.fullLabel, "Week of 10 Mar 2014")
        XCTAssertEqual(t.buckets.first?.total, 2, "Sunday 16 Mar belongs to the week of Monday 10 Mar")
        XCTAssertEqual(t.buckets.last?.label, "19 May")
        XCTAssertEqual(t.buckets.filter { $0.total == 0 }.count, 9)
        XCTAssertTrue(svgElements(TimelineChart.svg(t, idPrefix: "s")).desc!.hasPrefix("3 articles from the week of 10 Mar 2014 to the week of 19 May 2014, by week:"))

        let years = Timeline.make(dates: [(date(0), "left"), (date(24 * 365 * 3), "left")], undated: 0)
        XCTAssertEqual(years.unit, .month)
        XCTAssertEqual(years.buckets.prefix(11).last?.label, "Jan 2015")
        XCTAssertEqual(years.buckets.first?.label, "Mar 2014")
        XCTAssertEqual(years.buckets.count, 37)
        let decades = Timeline.make(dates: [(date(0), "left"), (date(24 * 365 * 30), "left")], undated: 0)
        XCTAssertEqual(decades.unit, .year)
        XCTAssertEqual(decades.buckets.first?.label, "2014")
        XCTAssertEqual(decades.buckets.count, 31)
    }

    func testNoDatedArticles() {
        let t = Timeline.make(dates: [], undated: 3)
        XCTAssertEqual(t, Timeline(unit: .day, buckets: [], undated: 3))
        let items = svgElements(TimelineChart.svg(t, idPrefix: "x"))
        XCTAssertEqual(items.filter { $0.name == "text" }.map(\.text), ["No dated articles"])
        XCTAssertEqual(items.desc, "No dated articles. 3 undated articles not shown.")
        XCTAssertEqual(items.first?.attributes["role"], "img")
        XCTAssertEqual(items.first?.attributes["aria-labelledby"], "x-timeline-t x-timeline-d")
        // Buckets that are all empty draw the same.
        let empty = Timeline(unit: .hour, buckets: [.init(label: "a"), .init(label: "b")], undated: 0)
        XCTAssertEqual(svgElements(TimelineChart.svg(empty, idPrefix: "x")).desc, "No dated articles.")
    }

    func testUnusableDatesCountAsUndated() {
        let t = Timeline.make(dates: [(Date(timeIntervalSince1970: .nan), "left"), (Date(timeIntervalSince1970: 1e15), "left"),
                                      (Date(timeIntervalSince1970: .infinity), "left"), (date(1), "right")], undated: 2)
        XCTAssertEqual(t.undated, 5)
        XCTAssertEqual(t.buckets.map(\.total), [1])
        XCTAssertEqual(svgElements(TimelineChart.svg(t, idPrefix: "x")).desc,
                       "1 article at 10 Mar 2014 01:00: Right 1. 5 undated articles not shown.")
    }

    func testLabelsAndIdsAreEscaped() {
        let t = Timeline(unit: .day, buckets: [.init(label: "<b>\"A&B\"</b>", left: 1), .init(label: "x'y", right: 2)], undated: 0)
        let svg = TimelineChart.svg(t, idPrefix: "\"><script>alert(1)</script>")
        XCTAssertFalse(svg.contains("<b>"))
        XCTAssertFalse(svg.contains("<script"))
        let items = svgElements(svg)
        // The second label does not fit beside the first in a phone's box; the desc names both.
        XCTAssertEqual(items.with(class: "axis-label axis-x").map(\.text).first, "<b>\"A&B\"</b>")
        XCTAssertTrue(items.desc!.contains("from <b>\"A&B\"</b> to x'y"))
    }

    func testXLabelsNeverOverlapFor200Buckets() {
        for labelLength in [2, 6, 12, 16] {
            let buckets = (0..<200).map { i in Timeline.Bucket(label: String(repeating: "W", count: labelLength - 1) + "\(i % 10)", left: i % 7, center: i % 3, right: i % 5, unrated: i % 2) }
            let items = svgElements(TimelineChart.svg(Timeline(unit: .day, buckets: buckets, undated: 0), idPrefix: "x"))
            let labels = items.with(class: "axis-label axis-x")
            XCTAssertTrue((2...8).contains(labels.count), "\(labels.count) labels")
            XCTAssertEqual(labels.first?.text, buckets.first?.label)
            // Every step-th bucket from the first: centred labels the same distance apart.
            // Positions in percent, laid out for the narrowest box: read them there.
            func x(_ l: (name: String, attributes: [String: String], text: String)) -> Double {
                Double(l.attributes["x"]!.dropLast())! * TimelineChart.narrowWidth / 100
            }
            let centres = labels.filter { $0.attributes["text-anchor"] == "middle" }.map(x)
            let gaps = zip(centres, centres.dropFirst()).map { $1 - $0 }
            if let gap = gaps.first { XCTAssertTrue(gaps.allSatisfy { abs($0 - gap) < 0.5 }, "\(gaps)") } // 0.1% is 0.29 px
            let extents = labels.map { l -> (Double, Double) in
                let x = x(l), w = Double(l.text.count) * TimelineChart.charWidth
                switch l.attributes["text-anchor"] {
                case "start": return (x, x + w)
                case "end": return (x - w, x)
                default: return (x - w / 2, x + w / 2)
                }
            }
            XCTAssertGreaterThanOrEqual(extents.first!.0, 0)
            XCTAssertLessThanOrEqual(extents.last!.1, TimelineChart.narrowWidth)
            for (a, b) in zip(extents, extents.dropFirst()) { XCTAssertLessThan(a.1, b.0, "labels of length \(labelLength) overlap") }
            XCTAssertEqual(items.with(class: "bar").count, 200)
        }
    }

    func testOddCountsDoNotTrap() {
        let t = Timeline(unit: .day, buckets: [.init(label: "a", left: .max, center: .max, right: -5, unrated: .max), .init(label: "b", left: -1)], undated: .max)
        XCTAssertEqual(t.buckets[0].total, .max)
        XCTAssertEqual(t.dated, .max)
        let items = svgElements(TimelineChart.svg(t, idPrefix: "x"))
        XCTAssertEqual(items.with(class: "axis-label axis-y").last?.text, "\(Int.max)")
        XCTAssertEqual(svgElements(TimelineChart.svg(Timeline(unit: .day, buckets: [.init(label: "a", left: -3)], undated: -1), idPrefix: "x")).desc, "No dated articles.")
    }

    func testOutputIsDeterministic() {
        let dates: [(date: Date, side: String)] = (0..<50).map { (date(Double($0 * 7 % 90)), ["left", "center", "right", "unrated"][$0 % 4]) }
        XCTAssertEqual(TimelineChart.svg(.make(dates: dates, undated: 0), idPrefix: "a"), TimelineChart.svg(.make(dates: Array(dates.reversed()), undated: 0), idPrefix: "a"))
    }
}
