import Foundation
import Support

/// Parses the publication dates corpora actually carry.
///
/// Accepted: ISO 8601 dates (`2016-09-20`) and date-times (`2014-03-10T16:52:50Z`, with fractional
/// seconds, a numeric offset, or a space instead of `T`), US slashed dates (`9/20/16`, `09/20/2016`)
/// and RFC 822 dates as RSS writes them (`Mon, 10 Mar 2014 16:52:50 +0000`). A date that parses but
/// cannot be real (`0001-11-30`, `2019-02-30`) is `.impossible`, so the loader can say so and keep
/// the article undated.
public enum PublishedDate: Equatable, Sendable {
    case date(Date, hasTime: Bool)
    case impossible(String)
    case unrecognized(String)
    case missing

    /// Years outside this range are treated as impossible for a news article.
    public static let plausibleYears = 1800...2200

    public static func parse(_ raw: String?) -> PublishedDate {
        guard let raw else { return .missing }
        let text = raw.trimmed
        if text.isEmpty || text.lowercased() == "null" { return .missing }
        let bytes = Array(text.utf8)
        var parts: Parts?
        if let p = parseISO(bytes) {
            parts = p
        } else if let p = parseSlashed(bytes) {
            parts = p
        } else if let p = parseRFC822(text) {
            parts = p
        }
        guard let parts else { return .unrecognized(text) }
        guard let date = parts.date() else { return .impossible(text) }
        return .date(date, hasTime: parts.hasTime)
    }

    struct Parts {
        var year: Int, month: Int, day: Int
        var hour = 0, minute = 0, second = 0, nanosecond = 0
        var offsetSeconds = 0
        var hasTime = false

        func date() -> Date? {
            guard PublishedDate.plausibleYears.contains(year), (1...12).contains(month),
                  (1...Self.daysIn(month: month, year: year)).contains(day),
                  (0...23).contains(hour), (0...59).contains(minute), (0...60).contains(second)
            else { return nil }
            let days = Self.daysFromCivil(year: year, month: month, day: day)
            let seconds = days * 86_400 + hour * 3600 + minute * 60 + second - offsetSeconds
            return Date(timeIntervalSince1970: TimeInterval(seconds) + TimeInterval(nanosecond) / 1e9)
        }

        static func daysIn(month: Int, year: Int) -> Int {
            switch month {
            case 2: return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 ? 29 : 28
            case 4, 6, 9, 11: return 30
            default: return 31
            }
        }

        /// Days since 1970-01-01 in the proleptic Gregorian calendar (Howard Hinnant's algorithm),
        /// so parsing needs no Calendar and no locale.
        static func daysFromCivil(year: Int, month: Int, day: Int) -> Int {
            let y = month <= 2 ? year - 1 : year
            let era = (y >= 0 ? y : y - 399) / 400
            let yoe = y - era * 400
            let mp = (month + 9) % 12
            let doy = (153 * mp + 2) / 5 + day - 1
            let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
            return era * 146_097 + doe - 719_468
        }
    }

    private static func digits(_ b: [UInt8], _ from: Int, _ count: Int) -> Int? {
        guard from + count <= b.count else { return nil }
        var value = 0
        for i in from..<(from + count) {
            let c = b[i]
            guard c >= 48, c <= 57 else { return nil }
            value = value * 10 + Int(c - 48)
        }
        return value
    }

    /// `YYYY-MM-DD[(T| )HH:MM[:SS[.fff]]][Z|±HH[:]MM]`
    private static func parseISO(_ b: [UInt8]) -> Parts? {
        guard b.count >= 10, b[4] == UInt8(ascii: "-"), b[7] == UInt8(ascii: "-"),
              let y = digits(b, 0, 4), let m = digits(b, 5, 2), let d = digits(b, 8, 2)
        else { return nil }
        var parts = Parts(year: y, month: m, day: d)
        if b.count == 10 { return parts }
        guard b[10] == UInt8(ascii: "T") || b[10] == UInt8(ascii: " "),
              b.count >= 16, b[13] == UInt8(ascii: ":"),
              let hh = digits(b, 11, 2), let mm = digits(b, 14, 2)
        else { return nil }
        parts.hour = hh
        parts.minute = mm
        parts.hasTime = true
        var i = 16
        if i < b.count, b[i] == UInt8(ascii: ":") {
            guard let ss = digits(b, i + 1, 2) else { return nil }
            parts.second = ss
            i += 3
            if i < b.count, b[i] == UInt8(ascii: ".") || b[i] == UInt8(ascii: ",") {
                i += 1
                var scale = 100_000_000
                while i < b.count, b[i] >= 48, b[i] <= 57 {
                    parts.nanosecond += Int(b[i] - 48) * scale
                    scale /= 10
                    i += 1
                }
            }
        }
        while i < b.count, b[i] == UInt8(ascii: " ") { i += 1 }
        if i == b.count { return parts }
        if b[i] == UInt8(ascii: "Z") || b[i] == UInt8(ascii: "z") {
            return i + 1 == b.count ? parts : nil
        }
        guard b[i] == UInt8(ascii: "+") || b[i] == UInt8(ascii: "-"), let oh = digits(b, i + 1, 2) else { return nil }
        var j = i + 3
        if j < b.count, b[j] == UInt8(ascii: ":") { j += 1 }
        let om = digits(b, j, 2) ?? 0
        if digits(b, j, 2) != nil { j += 2 }
        guard j == b.count else { return nil }
        parts.offsetSeconds = (b[i] == UInt8(ascii: "-") ? -1 : 1) * (oh * 3600 + om * 60)
        return parts
    }

    /// `M/D/YY` or `M/D/YYYY` (US order, as the AllSides corpus writes them). Two-digit years pivot
    /// at 70: `69` is 2069, `70` is 1970.
    private static func parseSlashed(_ b: [UInt8]) -> Parts? {
        let fields = b.split(separator: UInt8(ascii: "/"), omittingEmptySubsequences: false)
        guard fields.count == 3, fields.allSatisfy({ !$0.isEmpty && $0.count <= 4 }) else { return nil }
        func number(_ s: ArraySlice<UInt8>) -> Int? { digits(Array(s), 0, s.count) }
        guard let m = number(fields[0]), let d = number(fields[1]), let rawYear = number(fields[2]),
              fields[0].count <= 2, fields[1].count <= 2, fields[2].count == 2 || fields[2].count == 4
        else { return nil }
        let year = fields[2].count == 2 ? (rawYear < 70 ? 2000 + rawYear : 1900 + rawYear) : rawYear
        return Parts(year: year, month: m, day: d)
    }

    private static let months = ["jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec"]

    /// `[Mon, ]10 Mar 2014[ 16:52[:50][ +0000|GMT|UTC]]`
    private static func parseRFC822(_ text: String) -> Parts? {
        var words = text.replacingOccurrences(of: ",", with: " ").split(separator: " ").map(String.init)
        if let first = words.first, first.count == 3, first.allSatisfy(\.isLetter),
           !months.contains(first.lowercased()) { words.removeFirst() }
        guard words.count >= 3, let day = Int(words[0]),
              let monthIndex = months.firstIndex(of: String(words[1].lowercased().prefix(3))),
              let year = Int(words[2]), words[2].count == 4
        else { return nil }
        var parts = Parts(year: year, month: monthIndex + 1, day: day)
        if words.count >= 4 {
            let clock = words[3].split(separator: ":").map { Int($0) }
            guard clock.count >= 2, clock.allSatisfy({ $0 != nil }) else { return nil }
            parts.hour = clock[0]!
            parts.minute = clock[1]!
            parts.second = clock.count > 2 ? clock[2]! : 0
            parts.hasTime = true
            if words.count >= 5 {
                let zone = words[4]
                if zone.count == 5, let sign = zone.first, sign == "+" || sign == "-", let v = Int(zone.dropFirst()) {
                    parts.offsetSeconds = (sign == "-" ? -1 : 1) * ((v / 100) * 3600 + (v % 100) * 60)
                } else if !["GMT", "UTC", "UT", "Z"].contains(zone.uppercased()) {
                    return nil
                }
            }
        }
        return parts
    }
}
