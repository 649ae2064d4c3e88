import Foundation
import Support

/// Lines an outlet prints under many of its articles — copyright notices, newsletter boxes, bylines
/// of a column, section labels — found by counting, not by knowing the site.
///
/// A line counts as boilerplate of an outlet when it stands in at least `minArticles` of that
/// outlet's articles, published on at least `minDays` different days (so a wire paragraph that
/// several pieces on one event share is not mistaken for boilerplate). Sentences need more
/// evidence than fragments: `minArticlesSentence` articles on as many days. Across outlets, a
/// fragment found at `minOutlets` or more outlets, on `minDays` days, counts for all of them
/// ("Advertisement").
public struct BoilerplateIndex: Sendable {
    public struct Thresholds: Sendable {
        public var minArticles = 3
        public var minDays = 3
        public var minArticlesSentence = 6
        public var minOutlets = 4 // at most 4: `Spread` keeps four
        /// Longer lines are never boilerplate: they are paragraphs.
        public var maxWords = 40

        public init() {}
    }

    private struct Count {
        var articles: Int32 = 0
        var days: (Int32, Int32, Int32) = (-1, -1, -1)
        var dayCount: Int8 = 0

        mutating func add(day: Int32) {
            articles += 1
            guard Int(dayCount) < 3 else { return }
            if days.0 == day || days.1 == day || days.2 == day { return }
            switch dayCount {
            case 0: days.0 = day
            case 1: days.1 = day
            default: days.2 = day
            }
            dayCount += 1
        }
    }

    private var perOutlet: [UInt64: Count] = [:]
    private var outletsPerLine: [UInt64: Spread] = [:]

    /// Up to four distinct outlets and three distinct days: all a threshold needs to know.
    private struct Spread {
        var outlets: (UInt32, UInt32, UInt32, UInt32) = (0, 0, 0, 0)
        var outletCount: Int8 = 0
        var days = Count()

        mutating func add(outlet: UInt32, day: Int32) {
            days.add(day: day)
            guard outletCount < 4 else { return }
            if (outletCount > 0 && outlets.0 == outlet) || (outletCount > 1 && outlets.1 == outlet) || (outletCount > 2 && outlets.2 == outlet) { return }
            switch outletCount {
            case 0: outlets.0 = outlet
            case 1: outlets.1 = outlet
            case 2: outlets.2 = outlet
            default: outlets.3 = outlet
            }
            outletCount += 1
        }
    }
    private var minimums: Thresholds

    public init(thresholds: Thresholds = Thresholds()) {
        self.minimums = thresholds
    }

    /// What `add(all:jobs:)` needs of an article's lines: the keys of those short enough to be boilerplate,
    /// each once. Small enough to hold for a whole corpus, where the lines themselves are not.
    public func keys(of lines: [LineShape]) -> [UInt64] {
        var seen = Set<UInt64>()
        return lines.compactMap { line in
            guard line.words <= minimums.maxWords, !line.key.isEmpty, seen.insert(line.keyHash).inserted else { return nil }
            return line.keyHash
        }
    }

    /// Adds each article's line keys (as `keys(of:)` gives them, each counted once per article),
    /// the counts per outlet and across outlets side by side on two cores: each count is the same
    /// whatever order the articles come in.
    public mutating func add(all articles: [(keys: [UInt64], outlet: String, day: Int32)], jobs: Int) {
        let (startPerOutlet, startPerLine) = (self.perOutlet, self.outletsPerLine)
        let parts = Parallel.map([0, 1], jobs: min(jobs, 2)) { part -> ([UInt64: Count], [UInt64: Spread]) in
            if part == 0 {
                var perOutlet = startPerOutlet
                for (keys, outlet, day) in articles {
                    let outletHash = Self.hash(outlet)
                    for lineHash in keys { perOutlet[lineHash &* 31 &+ outletHash, default: Count()].add(day: day) }
                }
                return (perOutlet, [:])
            }
            var outletsPerLine = startPerLine
            for (keys, outlet, day) in articles {
                let outlet32 = UInt32(truncatingIfNeeded: Self.hash(outlet))
                for lineHash in keys { outletsPerLine[lineHash, default: Spread()].add(outlet: outlet32, day: day) }
            }
            return ([:], outletsPerLine)
        }
        self.perOutlet = parts[0].0
        self.outletsPerLine = parts[1].1
    }

    /// Why this line is boilerplate for this outlet, or nil when it is not.
    func reason(for line: LineShape, outlet: String) -> String? {
        guard line.words <= minimums.maxWords, !line.key.isEmpty else { return nil }
        let lineHash = line.keyHash
        if let count = perOutlet[lineHash &* 31 &+ Self.hash(outlet)] {
            let needed = line.isSentence ? minimums.minArticlesSentence : minimums.minArticles
            let neededDays = line.isSentence ? 3 : minimums.minDays
            if Int(count.articles) >= needed && Int(count.dayCount) >= neededDays {
                return "repeated in \(count.articles) articles of this outlet"
            }
        }
        if line.isFragment, line.words <= 12, let entry = outletsPerLine[lineHash], Int(entry.outletCount) >= minimums.minOutlets, Int(entry.days.dayCount) >= minimums.minDays {
            return "repeated at \(entry.outletCount) or more outlets"
        }
        return nil
    }

    /// What `reason(for:outlet:)` can learn of each of these line keys (from `keys(of:)`) at
    /// `outlet`: bit 0, a fragment's count is reached; bit 1, a sentence's; bit 2, the count across
    /// outlets. An article whose keys get the same verdicts is cleaned as before.
    public func verdicts(keys: [UInt64], outlet: String) -> [UInt8] {
        let outletHash = Self.hash(outlet)
        return keys.map { lineHash in
            var bits: UInt8 = 0
            if let count = perOutlet[lineHash &* 31 &+ outletHash] {
                if Int(count.articles) >= minimums.minArticles && Int(count.dayCount) >= minimums.minDays { bits |= 1 }
                if Int(count.articles) >= minimums.minArticlesSentence && Int(count.dayCount) >= 3 { bits |= 2 }
            }
            if let entry = outletsPerLine[lineHash], Int(entry.outletCount) >= minimums.minOutlets, Int(entry.days.dayCount) >= minimums.minDays { bits |= 4 }
            return bits
        }
    }

    public static func hash(_ s: String) -> UInt64 { FNV1a.hash(s.utf8) }
}
