import Foundation

/// Locale-free date text for pages, feeds and JSON, always in UTC so builds are reproducible.
public enum DateText {
    private static let monthNames = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    /// A UTC calendar day and time of day.
    public struct Civil: Sendable { public var year, month, day, hour, minute, second: Int }

    public static func civil(_ date: Date) -> Civil {
        let total = Int(floor(date.timeIntervalSince1970))
        var days = total / 86_400
        var secs = total % 86_400
        if secs < 0 { secs += 86_400; days -= 1 }
        // Inverse of PublishedDate.Parts.daysFromCivil (Howard Hinnant's civil_from_days).
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let day = doy - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        let year = yoe + era * 400 + (month <= 2 ? 1 : 0)
        return Civil(year: year, month: month, day: day, hour: secs / 3600, minute: secs % 3600 / 60, second: secs % 60)
    }

    private static func pad(_ n: Int, _ width: Int = 2) -> String {
        let s = String(n)
        return s.count >= width ? s : String(repeating: "0", count: width - s.count) + s
    }

    /// Days since 1970-01-01 (UTC): what date windows compare.
    public static func dayNumber(_ date: Date) -> Int {
        Int((date.timeIntervalSince1970 / 86_400).rounded(.down))
    }

    /// `2016-09-20T14:05:00Z`
    public static func iso(_ date: Date) -> String {
        let c = civil(date)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))T\(pad(c.hour)):\(pad(c.minute)):\(pad(c.second))Z"
    }

    /// `2016-09-20`
    public static func day(_ date: Date) -> String {
        let c = civil(date)
        return "\(pad(c.year, 4))-\(pad(c.month))-\(pad(c.day))"
    }

    /// `20 Sep 2016`, or `20 Sep 2016, 14:05 UTC` when the time of day is known.
    public static func display(_ date: Date, withTime: Bool = false) -> String {
        let c = civil(date)
        let base = "\(c.day) \(monthNames[c.month - 1]) \(c.year)"
        return withTime ? base + ", \(pad(c.hour)):\(pad(c.minute)) UTC" : base
    }

    /// `Sep 2016`.
    public static func monthYear(_ date: Date) -> String {
        let c = civil(date)
        return "\(monthNames[c.month - 1]) \(c.year)"
    }

    /// "3 days", "5 hours", "40 minutes": how long after `from` the date `to` came.
    public static func interval(from: Date, to: Date) -> String {
        let seconds = max(0, Int(to.timeIntervalSince(from)))
        func unit(_ n: Int, _ name: String) -> String { "\(n) \(name)\(n == 1 ? "" : "s")" }
        if seconds < 3600 { return unit(seconds / 60, "minute") }
        if seconds < 2 * 86_400 { return unit(seconds / 3600, "hour") }
        return unit(seconds / 86_400, "day")
    }
}
