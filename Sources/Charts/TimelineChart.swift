import Foundation
import Support

/// The numbers a coverage timeline shows: articles per time bucket, split by the outlet's side.
public struct Timeline: Sendable, Equatable {
    /// How long one bucket is. `make` picks the smallest unit that keeps the bar count readable.
    public enum Unit: Sendable { case hour, day, week, month, year }

    /// One bar: the articles published in one hour, day, week, month or year, by side.
    public struct Bucket: Sendable, Equatable {
        /// The axis label, short where its context is given by an earlier bucket: "10 Mar", "14:00".
        public var label: String
        /// The label with its day and year, for the bar's tooltip and the description: "10 Mar 2014".
        public var fullLabel: String
        public var left: Int, center: Int, right: Int, unrated: Int

        public init(label: String, fullLabel: String? = nil, left: Int = 0, center: Int = 0, right: Int = 0, unrated: Int = 0) {
            self.label = label
            self.fullLabel = fullLabel ?? label
            self.left = left
            self.center = center
            self.right = right
            self.unrated = unrated
        }

        /// Negative counts are read as 0 and the sum saturates, so no input can trap.
        public var total: Int { Count.sum([left, center, right, unrated]) }
    }

    public var unit: Unit
    /// Consecutive buckets in time order, empty ones included.
    public var buckets: [Bucket]
    /// Articles left out because they have no (usable) date.
    public var undated: Int

    public init(unit: Unit, buckets: [Bucket], undated: Int) {
        self.unit = unit
        self.buckets = buckets
        self.undated = undated
    }

    /// Articles in all buckets.
    public var dated: Int { Count.sum(buckets.map(\.total)) }

    /// Each side's articles over all buckets.
    public var totals: Bucket {
        Bucket(label: "", left: Count.sum(buckets.map(\.left)), center: Count.sum(buckets.map(\.center)),
               right: Count.sum(buckets.map(\.right)), unrated: Count.sum(buckets.map(\.unrated)))
    }

    /// Buckets dated articles in UTC (Gregorian calendar): by hour when the dated span is under two
    /// days, by day up to 60 days, then by week (Monday first) up to 104 weeks, by month up to 120
    /// months, by year beyond. Gaps are filled with empty buckets. `side` is "left", "center",
    /// "right" or "unrated" (anything else counts as unrated). Dates that are not finite or fall
    /// outside the years 1–9999 are counted as undated.
    /// `hours: false` when some dates carry no time of day (a date alone sits at midnight):
    /// hourly bars would then show a precision the data does not have.
    public static func make(dates: [(date: Date, side: String)], undated: Int = 0, hours: Bool = true) -> Timeline {
        var undated = max(0, undated)
        var points: [(t: Double, side: String)] = []
        for d in dates {
            let t = d.date.timeIntervalSince1970
            if t.isFinite, t >= -62_135_596_800, t < 253_402_300_800 { points.append((t, d.side)) } else { undated = Count.sum([undated, 1]) }
        }
        guard let lo = points.map(\.t).min(), let hi = points.map(\.t).max() else {
            return Timeline(unit: .day, buckets: [], undated: undated)
        }
        let unit: Unit
        if hi - lo < 2 * 86_400 && hours {
            unit = .hour
        } else if key(hi, .day) - key(lo, .day) < 60 {
            unit = .day
        } else if key(hi, .week) - key(lo, .week) < 104 {
            unit = .week
        } else if key(hi, .month) - key(lo, .month) < 120 {
            unit = .month
        } else {
            unit = .year
        }
        let first = key(lo, unit), last = key(hi, unit)
        let times = (first...last).map { civil($0, unit) }
        let (a, b) = (times[0], times[times.count - 1])
        let oneYear = a.year == b.year, oneDay = oneYear && a.month == b.month && a.day == b.day
        var buckets = times.map { c in
            let (label, full) = labels(c, unit, oneYear: oneYear, oneDay: oneDay)
            return Bucket(label: label, fullLabel: full)
        }
        for p in points {
            let i = key(p.t, unit) - first
            switch p.side.lowercased() {
            case "left": buckets[i].left += 1
            case "center": buckets[i].center += 1
            case "right": buckets[i].right += 1
            default: buckets[i].unrated += 1
            }
        }
        return Timeline(unit: unit, buckets: buckets, undated: undated)
    }

    // MARK: Bucketing

    private struct Civil { var year: Int, month: Int, day: Int, hour: Int }

    private static let months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    private static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(secondsFromGMT: 0) ?? c.timeZone
        c.locale = Locale(identifier: "en_US_POSIX")
        return c
    }()

    private static func floorDiv(_ a: Int, _ b: Int) -> Int { a >= 0 ? a / b : -((-a + b - 1) / b) }

    private static func components(_ t: Double) -> Civil {
        let c = calendar.dateComponents([.year, .month, .day, .hour], from: Date(timeIntervalSince1970: t))
        return Civil(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1, hour: c.hour ?? 0)
    }

    /// The bucket number of a time: hours, days or weeks since 1970 (weeks start on Monday,
    /// 29 Dec 1969 is day -3), or months/years of the calendar.
    private static func key(_ t: Double, _ unit: Unit) -> Int {
        let day = Int((t / 86_400).rounded(.down))
        switch unit {
        case .hour: return Int((t / 3_600).rounded(.down))
        case .day: return day
        case .week: return floorDiv(day + 3, 7)
        case .month: let c = components(t); return c.year * 12 + c.month - 1
        case .year: return components(t).year
        }
    }

    /// The calendar date where bucket `k` starts.
    private static func civil(_ k: Int, _ unit: Unit) -> Civil {
        switch unit {
        case .hour: return components(Double(k) * 3_600)
        case .day: return components(Double(k) * 86_400)
        case .week: return components(Double(k * 7 - 3) * 86_400)
        case .month: return Civil(year: floorDiv(k, 12), month: k - floorDiv(k, 12) * 12 + 1, day: 1, hour: 0)
        case .year: return Civil(year: k, month: 1, day: 1, hour: 0)
        }
    }

    /// A bucket's axis label, in one format for the whole chart (the year left out when every
    /// bucket is in one year, the day when every hour is in one day), and its full label.
    private static func labels(_ c: Civil, _ unit: Unit, oneYear: Bool, oneDay: Bool) -> (String, String) {
        let month = months[min(max(c.month - 1, 0), 11)]
        let dayMonth = "\(c.day) \(month)", hour = (c.hour < 10 ? "0" : "") + "\(c.hour):00"
        let day = oneYear ? dayMonth : "\(dayMonth) \(c.year)"
        switch unit {
        case .hour: return (oneDay ? hour : "\(dayMonth) \(hour)", "\(dayMonth) \(c.year) \(hour)")
        case .day: return (day, "\(dayMonth) \(c.year)")
        case .week: return (day, "Week of \(dayMonth) \(c.year)")
        case .month: return (oneYear ? month : "\(month) \(c.year)", "\(month) \(c.year)")
        case .year: return ("\(c.year)", "\(c.year)")
        }
    }
}

/// Saturating sums of counts, negatives read as 0: chart code never traps on odd input.
enum Count {
    static func sum(_ values: [Int]) -> Int {
        var total = 0
        for v in values where v > 0 {
            let (s, overflow) = total.addingReportingOverflow(v)
            if overflow { return Int.max }
            total = s
        }
        return total
    }

    /// "1 article", "3 articles".
    static func noun(_ n: Int, _ singular: String) -> String { "\(n) \(singular)\(n == 1 ? "" : "s")" }
}

/// The coverage timeline: one stacked bar per bucket (Left, Center, Right, Unrated from the bottom),
/// a y axis with 0, the maximum and a midpoint, a thinned-out x axis whose labels never overlap, and
/// a tooltip (`<title>`) on every bar; `legend` names each side with its total (Unrated only when it
/// has articles), written in HTML beside the drawing. The description states the range, the totals
/// and the busiest bucket in words.
///
/// One drawing for every width: no viewBox, x positions in percent of the chart's box, heights in
/// CSS pixels, so its text keeps its CSS size (12 px) on a phone and on a desktop. Which axis
/// labels are written is decided for the narrowest box (`narrowWidth`); a wider box spreads them.
public enum TimelineChart {
    /// The narrowest box the chart is drawn in, in CSS pixels: a 320 px phone's column.
    static let narrowWidth = 288.0
    static let height = 172.0
    static let plotTop = 8.0, plotBottom = 148.0, axisBaseline = 166.0
    /// Estimated width of one character of 12px chart text, for laying out labels.
    static let charWidth = 7.0
    /// Bars never get wider than a share of the plot this many buckets would give each: a chart of
    /// two days is two bars in the middle with room for both dates under them, not two slabs.
    static let minimumSlots = 4
    static let sides = [("left", "Left"), ("center", "Center"), ("right", "Right"), ("unrated", "Unrated")]

    public static func svg(_ t: Timeline, idPrefix: String) -> String {
        let id = SVG.id(idPrefix) + "-timeline"
        let peak = t.buckets.map(\.total).max() ?? 0
        let h = peak > 0 ? height : 28
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart timeline-chart\" width=\"100%\" height=\"\(SVG.number(h))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        out += "<title id=\"\(id)-t\">Articles over time</title><desc id=\"\(id)-d\">\(Escape.markup(description(t)))</desc>"
        guard peak > 0 else {
            out += "<rect class=\"seg seg-none\" width=\"100%\" height=\"28\" rx=\"3\"/>"
            out += "<text class=\"seg-label seg-label-none\" x=\"50%\" y=\"14\" text-anchor=\"middle\" dominant-baseline=\"central\">No dated articles</text>"
            return out + "</svg>"
        }

        // The y labels' column, in percent: wide enough for the peak's digits in the narrowest box.
        let plotLeft = ((Double(String(peak).count) * charWidth + 10) / narrowWidth * 100).rounded(.up)
        let plotWidth = 100 - plotLeft
        let slots = max(t.buckets.count, minimumSlots)
        let slot = plotWidth / Double(slots)
        let firstSlot = plotLeft + slot * Double(slots - t.buckets.count) / 2
        let barWidth = slot * Double(narrowWidth) / 100 > 5 ? slot * 0.8 : slot
        func y(_ count: Int) -> Double { ((plotBottom - (plotBottom - plotTop) * Double(count) / Double(peak)) * 10).rounded() / 10 }
        func pct(_ x: Double) -> String { SVG.number(x) + "%" }
        func counts(_ b: Timeline.Bucket) -> [Int] { [b.left, b.center, b.right, b.unrated].map { max(0, $0) } }

        // Y axis: grid lines with their counts.
        for tick in peak >= 4 ? [0, peak / 2, peak] : [0, peak] {
            out += "<line class=\"\(tick == 0 ? "axis" : "grid")\" x1=\"\(pct(plotLeft))\" x2=\"100%\" y1=\"\(SVG.number(y(tick)))\" y2=\"\(SVG.number(y(tick)))\"/>"
            out += "<text class=\"axis-label axis-y\" x=\"\(pct(plotLeft))\" dx=\"-6\" y=\"\(SVG.number(y(tick) + 4))\" text-anchor=\"end\">\(tick)</text>"
        }

        // Bars, each with a tooltip.
        for (i, b) in t.buckets.enumerated() {
            let x = firstSlot + Double(i) * slot + (slot - barWidth) / 2
            out += "<g class=\"bar\"><title>\(Escape.markup(tooltip(b)))</title>"
            var below = 0
            for (side, n) in zip(sides, counts(b)) where n > 0 {
                let above = Count.sum([below, n])
                out += "<rect class=\"seg seg-\(side.0)\" x=\"\(pct(x))\" y=\"\(SVG.number(y(above)))\" width=\"\(pct(barWidth))\" height=\"\(SVG.number(y(below) - y(above)))\"/>"
                below = above
            }
            out += "</g>"
        }

        // X axis: a subset of labels that fits the narrowest box, placed in percent.
        let scale = narrowWidth / 100
        for label in axisLabels(t.buckets, plotLeft: firstSlot * scale, slot: slot * scale, barWidth: barWidth * scale, width: narrowWidth) {
            out += "<text class=\"axis-label axis-x\" x=\"\(pct(label.x / scale))\" y=\"\(SVG.number(axisBaseline))\" text-anchor=\"\(label.anchor)\">\(Escape.markup(label.text))</text>"
        }
        return out + "</svg>"
    }

    /// The legend written beside the drawing: the colour of each side that has articles. Its
    /// totals are the page's to say once (the bias chart's legend, the sources' headings); the
    /// description says them for screen readers.
    public static func legend(_ t: Timeline) -> [ChartLegendEntry] {
        let t = t.totals
        return zip(sides, [t.left, t.center, t.right, t.unrated]).filter { $0.1 > 0 }.map { ChartLegendEntry(key: $0.0.0, text: $0.0.1) }
    }

    /// What one bar counts, said above the drawing: "Articles per day".
    public static func caption(_ t: Timeline) -> String {
        let unit: String = switch t.unit { case .hour: "hour"; case .day: "day"; case .week: "week (from Monday)"; case .month: "month"; case .year: "year" }
        return "Articles per \(unit)"
    }

    /// Evenly spaced labels, every `step`-th bucket from the first, at most 8, with the smallest
    /// step whose labels fit without overlapping, each centred under its bar (one at an edge of
    /// the chart that would not fit centred starts or ends at its bar instead). In the pixels of a
    /// chart `width` wide.
    static func axisLabels(_ buckets: [Timeline.Bucket], plotLeft: Double, slot: Double, barWidth: Double, width: Double) -> [(text: String, x: Double, anchor: String)] {
        let n = buckets.count
        guard n > 0 else { return [] }
        for step in 1...max(1, n - 1) {
            let picks = Array(stride(from: 0, to: n, by: step))
            guard picks.count <= 8, n == 1 || picks.count >= 2 else { continue }
            var placed: [(text: String, x: Double, anchor: String)] = []
            var end = 0.0, fits = true
            for (j, i) in picks.enumerated() {
                let text = buckets[i].label
                let centre = plotLeft + (Double(i) + 0.5) * slot, w = Double(text.count) * charWidth
                var (x, anchor, start): (Double, String, Double) = (centre, "middle", centre - w / 2)
                if start < 0 && j == 0 { (x, anchor, start) = (centre - barWidth / 2, "start", centre - barWidth / 2) }
                if start + w > width && i == n - 1 { (x, anchor, start) = (centre + barWidth / 2, "end", centre + barWidth / 2 - w) }
                if start < (j == 0 ? 0 : end + 8) || start + w > width { fits = false; break }
                end = start + w
                placed.append((text, x, anchor))
            }
            if fits { return placed }
        }
        return [(buckets[0].label, plotLeft, "start")] // a single label too long for the chart: start it at the axis
    }

    static func breakdown(_ b: Timeline.Bucket) -> String {
        "Left \(max(0, b.left)), Center \(max(0, b.center)), Right \(max(0, b.right)), Unrated \(max(0, b.unrated))"
    }

    static func tooltip(_ b: Timeline.Bucket) -> String {
        b.total == 0 ? "\(b.fullLabel): no articles" : "\(b.fullLabel): \(Count.noun(b.total, "article")) (\(breakdown(b)))"
    }

    /// "42 articles from 10 Mar 2014 to 14 Mar 2014, by day: Left 15, Center 20, Right 5, Unrated 2.
    /// Busiest day: 11 Mar 2014, 17 articles (Left 5, Center 8, Right 3, Unrated 1). 3 undated articles not shown."
    public static func description(_ t: Timeline) -> String {
        let undated = t.undated > 0 ? " \(Count.noun(t.undated, "undated article")) not shown." : ""
        guard let first = t.buckets.first, let last = t.buckets.last, t.dated > 0 else { return "No dated articles." + undated }
        let unit: String = switch t.unit { case .hour: "hour"; case .day: "day"; case .week: "week"; case .month: "month"; case .year: "year" }
        func phrase(_ b: Timeline.Bucket) -> String {
            t.unit == .week && b.fullLabel.hasPrefix("Week of ") ? "the week of " + b.fullLabel.dropFirst(8) : b.fullLabel
        }
        let totals = t.totals
        if t.buckets.count == 1 {
            let on = switch t.unit { case .hour: "at"; case .day: "on"; default: "in" }
            // Said in words where one bar would be drawn: only the sides with articles.
            let parts = [("Left", totals.left), ("Center", totals.center), ("Right", totals.right), ("Unrated", totals.unrated)]
                .filter { $0.1 > 0 }.map { "\($0.0) \($0.1)" }
            return "\(Count.noun(t.dated, "article")) \(on) \(phrase(first)): \(parts.joined(separator: ", "))." + undated
        }
        var busiest = first
        for b in t.buckets where b.total > busiest.total { busiest = b }
        return "\(Count.noun(t.dated, "article")) from \(phrase(first)) to \(phrase(last)), by \(unit): \(breakdown(totals))."
            + " Busiest \(unit): \(phrase(busiest)), \(Count.noun(busiest.total, "article")) (\(breakdown(busiest)))." + undated
    }
}
