import Foundation
import Support

/// A publication date the record does not state but holds the evidence for. It never replaces
/// `Article.published` (what the source itself said; feeds and sitemaps use only that): it bounds
/// the grouping and is shown as inferred ("about Dec 2016, from its address").
public struct InferredDate: Sendable, Hashable {
    public enum Source: String, Sendable, Hashable {
        /// A date in the article's URL path ("/2016/05/12/", "-20140310", "-2019-08-23").
        case address
        /// A year and month in the URL path ("/2013/02/"): the day is somewhere in the month.
        case addressMonth = "address-month"
        /// The article's number in its URL, placed between the dated articles of the same
        /// outlet numbered just below and above it ("bbc.com/news/…-38292392").
        case outletNumbering = "outlet-numbering"

        /// How the page says where the date came from.
        public var phrase: String {
            switch self {
            case .address, .addressMonth: return "from its address"
            case .outletNumbering: return "from its outlet's numbering of its articles"
            }
        }
    }

    /// The most likely day (midnight UTC).
    public var date: Date
    /// The first and last day it may be (day numbers since 1970, inclusive).
    public var days: ClosedRange<Int>
    public var source: Source

    public init(date: Date, days: ClosedRange<Int>, source: Source) {
        self.date = date
        self.days = days
        self.source = source
    }

    /// "about 12 May 2016" for a day, "about May 2016" for a range within a month, else the range.
    public var display: String {
        if days.count == 1 { return DateText.display(date) }
        let first = DateText.civil(Date(timeIntervalSince1970: Double(days.lowerBound) * 86_400))
        let last = DateText.civil(Date(timeIntervalSince1970: Double(days.upperBound) * 86_400))
        if first.year == last.year && first.month == last.month { return "about " + DateText.monthYear(date) }
        return "about " + DateText.display(date)
    }

    static let plausibleYears = 1995...2035

    static func dayDate(_ day: Int) -> Date { Date(timeIntervalSince1970: Double(day) * 86_400) }

    /// The date a URL's path states: a whole date ("/2016/05/12/", "2016-05-12", "20160512"),
    /// else a year and month ("/2013/02/"). Only the path and query count, never the host; a
    /// digit run longer than the date (an article number) is not a date.
    public static func fromAddress(_ url: String?) -> InferredDate? {
        guard let url, let schemeEnd = url.range(of: "://") else { return nil }
        let afterHost = url[schemeEnd.upperBound...].drop { $0 != "/" }
        let b = Array(afterHost.utf8)
        func digits(_ from: Int, _ count: Int) -> Int? {
            guard from >= 0, from + count <= b.count else { return nil }
            var v = 0
            for k in from..<(from + count) {
                guard b[k] >= 0x30, b[k] <= 0x39 else { return nil }
                v = v * 10 + Int(b[k] - 0x30)
            }
            return v
        }
        func isDigit(_ k: Int) -> Bool { k >= 0 && k < b.count && b[k] >= 0x30 && b[k] <= 0x39 }
        func day(_ y: Int, _ m: Int, _ d: Int) -> InferredDate? {
            guard plausibleYears.contains(y), (1...12).contains(m), (1...PublishedDate.Parts.daysIn(month: m, year: y)).contains(d) else { return nil }
            let n = PublishedDate.Parts.daysFromCivil(year: y, month: m, day: d)
            return InferredDate(date: dayDate(n), days: n...n, source: .address)
        }
        var month: InferredDate?
        for i in b.indices where isDigit(i) && !isDigit(i - 1) {
            // "/YYYY/MM/DD" and "/YYYY/MM/"
            if i > 0, b[i - 1] == 0x2F, let y = digits(i, 4), i + 4 < b.count, b[i + 4] == 0x2F {
                if let m = digits(i + 5, 2) ?? digits(i + 5, 1).flatMap({ isDigit(i + 6) ? nil : $0 }) {
                    let mEnd = i + 5 + (isDigit(i + 6) ? 2 : 1)
                    if mEnd < b.count, b[mEnd] == 0x2F {
                        let dStart = mEnd + 1
                        let dLen = isDigit(dStart + 1) ? 2 : 1
                        if isDigit(dStart), !isDigit(dStart + dLen), let d = digits(dStart, dLen), let found = day(y, m, d) { return found }
                        if month == nil, plausibleYears.contains(y), (1...12).contains(m) {
                            let first = PublishedDate.Parts.daysFromCivil(year: y, month: m, day: 1)
                            let last = first + PublishedDate.Parts.daysIn(month: m, year: y) - 1
                            month = InferredDate(date: dayDate(first + 14), days: first...last, source: .addressMonth)
                        }
                    }
                }
            }
            // "YYYY-MM-DD"
            if let y = digits(i, 4), i + 10 <= b.count, b[i + 4] == 0x2D, b[i + 7] == 0x2D, !isDigit(i + 10),
               let m = digits(i + 5, 2), let d = digits(i + 8, 2), let found = day(y, m, d) { return found }
            // "YYYYMMDD", exactly eight digits
            if isDigit(i + 7), !isDigit(i + 8), let y = digits(i, 4), let m = digits(i + 4, 2), let d = digits(i + 6, 2),
               (i + 4 ..< i + 8).allSatisfy(isDigit), let found = day(y, m, d) { return found }
        }
        return month
    }

    /// The article number of a URL: the last run of 5 to 12 digits in its path or query that is
    /// not a date, with its host (without "www."); nil when there is none.
    static func articleNumber(_ url: String?) -> (host: String, number: Int)? {
        guard let url, let components = URLComponents(string: url), var host = components.host?.lowercased() else { return nil }
        if host.hasPrefix("www.") { host.removeFirst(4) }
        let tail = components.percentEncodedPath + "?" + (components.percentEncodedQuery ?? "")
        var best: Int?
        var run: [UInt8] = []
        func end() {
            defer { run.removeAll(keepingCapacity: true) }
            guard (5...12).contains(run.count), let value = Int(String(decoding: run, as: UTF8.self)) else { return }
            if run.count == 8, fromAddress("x://h/" + String(decoding: run, as: UTF8.self)) != nil { return }
            best = value
        }
        for byte in tail.utf8 {
            if byte >= 0x30 && byte <= 0x39 { run.append(byte) } else if !run.isEmpty { end() }
        }
        if !run.isEmpty { end() }
        return best.map { (host, $0) }
    }

    /// Whether `url` holds one of `hosts` (bytes), a quick test before parsing it: a byte search,
    /// since Foundation's `contains` searched by way of NSString, a twentieth of the whole build's CPU.
    static func mentions(_ url: String, anyOf hosts: [[UInt8]]) -> Bool {
        UTF8Scalars.withBytes(of: url) { bytes in
            hosts.contains { host in host.withUnsafeBufferPointer { ByteSearch.firstOffset(of: $0, in: bytes) != nil } }
        }
    }

    /// Dates for the articles of `articles` that state none, from their addresses, then from
    /// their outlet's numbering: for each host, the dated articles with a number (a date stated,
    /// or a whole date in the address) sorted by number must run forward in time (at least
    /// `minOrdered` of neighbouring pairs in order, from `minAnchors` articles); an undated
    /// article numbered between two of them at most `maxGapDays` apart gets the day its number
    /// falls on between theirs, within their days.
    public static func infer(_ articles: [Article], minAnchors: Int = 8, minOrdered: Double = 0.9, maxGapDays: Int = 30) -> [InferredDate?] {
        var inferred = articles.map { $0.published == nil ? fromAddress($0.url) : nil }
        // The undated articles still without a day, by host; then the dated articles of those
        // hosts only (parsing every URL of a large corpus would cost more than the rest).
        var wanted: [(index: Int, host: String, number: Int)] = []
        for (i, article) in articles.enumerated() where article.published == nil && inferred[i]?.source != .address {
            if let numbered = articleNumber(article.url) { wanted.append((i, numbered.host, numbered.number)) }
        }
        let hosts = Set(wanted.map(\.host))
        guard !hosts.isEmpty else { return inferred }
        var anchors: [String: [(number: Int, day: Int)]] = [:]
        let hostBytes = hosts.sorted().map { Array($0.utf8) }
        for (i, article) in articles.enumerated() {
            let day = article.published.map(DateText.dayNumber) ?? (inferred[i]?.source == .address ? inferred[i]?.days.lowerBound : nil)
            guard let day, let url = article.url, Self.mentions(url, anyOf: hostBytes),
                  let numbered = articleNumber(url), hosts.contains(numbered.host) else { continue }
            anchors[numbered.host, default: []].append((numbered.number, day))
        }
        var usable: [String: [(number: Int, day: Int)]] = [:]
        for (host, list) in anchors where list.count >= minAnchors {
            let sorted = list.sorted { $0.number != $1.number ? $0.number < $1.number : $0.day < $1.day }
            let ordered = zip(sorted, sorted.dropFirst()).filter { $0.day <= $1.day }.count
            if Double(ordered) >= minOrdered * Double(sorted.count - 1) { usable[host] = sorted }
        }
        for (i, host, number) in wanted {
            guard let list = usable[host] else { continue }
            // The anchors numbered just below and just above.
            var lo = 0, hi = list.count
            while lo < hi { let mid = (lo + hi) / 2; if list[mid].number < number { lo = mid + 1 } else { hi = mid } }
            guard lo > 0, lo < list.count else { continue }
            let (a, b) = (list[lo - 1], list[lo])
            guard a.day <= b.day, b.day - a.day <= maxGapDays else { continue }
            let share = b.number == a.number ? 0 : Double(number - a.number) / Double(b.number - a.number)
            let day = a.day + Int((Double(b.day - a.day) * share).rounded())
            // A month from the address must agree.
            if let month = inferred[i], !month.days.contains(day) { continue }
            inferred[i] = InferredDate(date: dayDate(day), days: a.day...b.day, source: .outletNumbering)
        }
        return inferred
    }
}
