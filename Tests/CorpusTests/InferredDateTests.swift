@testable import Corpus
import Foundation
import Support
import TestSupport
import XCTest

/// Dates for undated articles where the record holds the evidence: the address, or the outlet's
/// numbering of its articles. Never `published`; shown and used as inferred.
final class InferredDateTests: XCTestCase {
    func day(_ iso: String) -> Int {
        guard case .date(let d, _) = PublishedDate.parse(iso) else { return -1 }
        return DateText.dayNumber(d)
    }

    func testDatesInAddresses() {
        let cases: [(String, String?, InferredDate.Source?)] = [
            ("http://www.foxnews.com/politics/2013/11/26/administration-accused/", "2013-11-26", .address),
            ("https://www.cbsnews.com/news/david-koch-died-dead-age-79-2019-08-23/", "2019-08-23", .address),
            ("http://www.bbc.com/future/story/20190809-how-the-views-of-a-few", "2019-08-09", .address),
            ("http://www.latimes.com/business/la-fi-mo-plosser-20140310,0,1312750.story", "2014-03-10", .address),
            ("http://abcnews.go.com/blogs/politics/2013/02/marriage-equality-activists/", "2013-02-15", .addressMonth),
            ("https://www.bbc.com/news/world-us-canada-38292392", nil, nil),
            ("https://www.example.com/2013/13/40/not-a-date/", nil, nil),
            ("https://2016.example.com/05/12/story", nil, nil),
            ("https://www.example.com/story/123201605120/", nil, nil),
        ]
        for (url, expected, source) in cases {
            let found = InferredDate.fromAddress(url)
            XCTAssertEqual(found.map { DateText.day($0.date) }, expected, url)
            XCTAssertEqual(found?.source, source, url)
        }
        XCTAssertEqual(InferredDate.fromAddress("http://abcnews.go.com/blogs/politics/2013/02/x/")?.days.count, 28, "February 2013")
        XCTAssertEqual(InferredDate.fromAddress("http://abcnews.go.com/blogs/politics/2013/02/x/")?.display, "about Feb 2013")
    }

    /// An undated article numbered between two dated ones of its outlet takes the day its number
    /// falls on; outside their numbers, or between two far apart, or on a host whose numbers do
    /// not run forward in time, it stays undated.
    func testOutletNumbering() {
        var articles: [Article] = []
        for k in 0..<10 {
            let published = Date(timeIntervalSince1970: Double(day("2018-01-01") + k * 3) * 86_400)
            articles.append(Article(id: "d\(k)", url: "https://www.example-news.com/news/world-\(40_000_000 + k * 30_000)", published: published, title: "Dated \(k)"))
        }
        articles.append(Article(id: "u1", url: "https://example-news.com/news/politics-40040000", title: "Undated, between d1 and d2"))
        articles.append(Article(id: "u2", url: "https://www.example-news.com/news/world-39000000", title: "Numbered before every dated one"))
        articles.append(Article(id: "u3", url: "https://www.other.example/a/12345678", title: "Another host with no dated article"))
        let inferred = InferredDate.infer(articles)
        XCTAssertEqual(inferred[10].map { DateText.day($0.date) }, "2018-01-05", "half way from 1 Jan + 3 to + 6")
        XCTAssertEqual(inferred[10]?.source, .outletNumbering)
        XCTAssertEqual(inferred[10]?.days, day("2018-01-04")...day("2018-01-07"))
        XCTAssertNil(inferred[11])
        XCTAssertNil(inferred[12])
        XCTAssertTrue(inferred[0..<10].allSatisfy { $0 == nil }, "a stated date is never replaced")

        // The same outlet whose numbers do not follow time: no inference.
        var shuffled = articles
        for k in 0..<10 { shuffled[k].published = Date(timeIntervalSince1970: Double(day("2018-01-01") + ((k * 7) % 10) * 3) * 86_400) }
        XCTAssertNil(InferredDate.infer(shuffled)[10])
    }

    /// On the AllSides corpus: how many undated articles get a date, and the error of the
    /// inference on dated articles whose date is hidden (every tenth one with a number or a date
    /// in its address).
    func testInferenceOnTheAllSidesCorpus() throws {
        let path = try Fixtures.corpus("allsides-articles.jsonl.gz")
        var articles: [Article] = []
        try LineReader.forEachLine(path: path) { line, _ in
            guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any], let id = object["id"] as? String else { return }
            var published: Date?
            if let raw = object["published"] as? String, case .date(let d, _) = PublishedDate.parse(raw) { published = d }
            articles.append(Article(id: id, url: object["url"] as? String, published: published, title: ""))
        }
        let undated = articles.indices.filter { articles[$0].published == nil }
        let inferred = InferredDate.infer(articles)
        let found = undated.filter { inferred[$0] != nil }
        var bySource: [InferredDate.Source: Int] = [:]
        for i in found { bySource[inferred[i]!.source, default: 0] += 1 }

        // Hide every tenth date among the articles that carry evidence, infer, compare.
        var hidden = articles
        var truth: [Int: Int] = [:]
        var evidence = 0
        for i in articles.indices where articles[i].published != nil
            && (InferredDate.fromAddress(articles[i].url) != nil || InferredDate.articleNumber(articles[i].url) != nil) {
            evidence += 1
            if evidence % 10 == 0 {
                truth[i] = DateText.dayNumber(articles[i].published!)
                hidden[i].published = nil
            }
        }
        let again = InferredDate.infer(hidden)
        let errors = truth.compactMap { i, d in again[i].map { abs(DateText.dayNumber($0.date) - d) } }.sorted()
        let median = errors.isEmpty ? 0 : errors[errors.count / 2]
        let p90 = errors.isEmpty ? 0 : errors[errors.count * 9 / 10]
        print("Inferred dates: \(found.count) of \(undated.count) undated articles (\(bySource.map { "\($0.key.rawValue) \($0.value)" }.sorted().joined(separator: ", "))); dates hidden: \(truth.count), inferred again: \(errors.count), error median \(median) d, 90th percentile \(p90) d")
        XCTAssertGreaterThan(found.count, 550)
        XCTAssertLessThanOrEqual(median, 7)
        XCTAssertLessThanOrEqual(p90, 16, "a month from the address is placed mid-month")
    }
}
