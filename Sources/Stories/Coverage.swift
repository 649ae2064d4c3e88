import Corpus
import Foundation

/// The thresholds behind the judgements coverage makes; `site.yml` may change each.
public struct CoverageRules: Sendable, Equatable {
    /// Below this many rated sources a distribution is shown with a "too few to judge" note.
    public var minRated: Int = 3
    /// A blindspot needs at least this many rated sources.
    public var blindspotMinRated: Int = 5
    /// The silent side's share is at most this many percent…
    public var blindspotMaxShare: Int = 20
    /// …and the other side's share is at least `2·s + margin` points.
    public var blindspotMargin: Int = 20
    /// The dominant side must include at least one high-factuality outlet.
    public var blindspotRequiresHighFactuality: Bool = true

    public init() {}
}

/// One distinct outlet in a story, with what the coverage numbers need of it.
public struct CoverageSource: Sendable, Hashable {
    public var key: String
    public var name: String
    public var outlet: Outlet?
    public var side: Side
    public var factuality: Factuality
    public var articleCount: Int
    public var firstPublished: Date?
}

/// A story's coverage measured as DESIGN.md §4 defines it: sources are distinct outlets; the
/// bias distribution is over *rated* sources only, in whole percentages that sum to 100 (largest
/// remainder); unrated sources are counted apart.
public struct Coverage: Sendable, Hashable {
    public var sources: [CoverageSource]
    public var counts: [Side: Int]
    /// Percentages of rated sources for left, center and right; all zero when none is rated.
    public var shares: [Side: Int]
    public var rated: Int
    public var tooFewRated: Bool
    /// The earliest article, and its outlet's name (nil when it names none).
    public var firstReported: (date: Date, outlet: String?)?
    public var lastUpdated: (date: Date, outlet: String?)?
    /// When each side's first article appeared.
    public var firstBySide: [Side: Date]
    /// Sources per factuality rating.
    public var factuality: [Factuality: Int]
    public var owners: [String]
    /// The side that barely covers the story, when the blindspot rule holds.
    public var blindspot: Side?
    public var articleCount: Int
    public var undatedArticles: Int

    public var total: Int { sources.count }
    /// Sources whose article names no outlet (each counts as a source of its own).
    public var withoutOutlet: Int { sources.reduce(0) { $0 + ($1.outlet == nil ? 1 : 0) } }
    public func count(_ side: Side) -> Int { counts[side] ?? 0 }
    public func share(_ side: Side) -> Int { shares[side] ?? 0 }

    public static func == (a: Coverage, b: Coverage) -> Bool {
        a.sources == b.sources && a.shares == b.shares && a.blindspot == b.blindspot
    }
    public func hash(into h: inout Hasher) { h.combine(sources) }

    public init(story: Story, rules: CoverageRules = CoverageRules()) {
        var bySource: [String: CoverageSource] = [:]
        for member in story.articles {
            let key = member.sourceKey
            if var existing = bySource[key] {
                existing.articleCount += 1
                if let d = member.article.published, existing.firstPublished.map({ d < $0 }) ?? true {
                    existing.firstPublished = d
                }
                bySource[key] = existing
            } else {
                bySource[key] = CoverageSource(
                    key: key, name: member.outletName, outlet: member.outlet, side: member.side,
                    factuality: member.outlet?.factuality ?? .unknown, articleCount: 1,
                    firstPublished: member.article.published)
            }
        }
        sources = bySource.values.sorted { $0.side != $1.side ? $0.side < $1.side : ($0.name != $1.name ? $0.name < $1.name : $0.key < $1.key) }
        var counts: [Side: Int] = [.left: 0, .center: 0, .right: 0, .unrated: 0]
        var factuality: [Factuality: Int] = [:]
        for source in sources {
            counts[source.side, default: 0] += 1
            factuality[source.factuality, default: 0] += 1
        }
        self.counts = counts
        self.factuality = factuality
        rated = Side.rated.reduce(0) { $0 + counts[$1]! }
        shares = Self.largestRemainder(Side.rated.map { counts[$0]! }, total: rated)
            .enumerated().reduce(into: [:]) { $0[Side.rated[$1.offset]] = $1.element }
        tooFewRated = rated < rules.minRated
        owners = Array(Set(sources.compactMap { $0.outlet?.owner })).sorted()
        articleCount = story.articles.count

        let dated = story.articles.filter { $0.article.published != nil }
        undatedArticles = story.articles.count - dated.count
        if let first = dated.first { firstReported = (first.article.published!, first.outlet?.name) }
        if let last = dated.max(by: { a, b in
            a.article.published! != b.article.published! ? a.article.published! < b.article.published! : Story.readingOrder(b, a)
        }) { lastUpdated = (last.article.published!, last.outlet?.name) }
        var firstBySide: [Side: Date] = [:]
        for member in dated where firstBySide[member.side] == nil { firstBySide[member.side] = member.article.published }
        self.firstBySide = firstBySide

        blindspot = Self.blindspot(shares: shares, rated: rated, sources: sources, rules: rules)
    }

    /// Whole percentages of `total` that sum to exactly 100: floor each quota, then hand the points
    /// left over to the largest fractional parts (ties: the larger count, then left before right).
    public static func largestRemainder(_ counts: [Int], total: Int) -> [Int] {
        guard total > 0 else { return counts.map { _ in 0 } }
        var floors = counts.map { $0 * 100 / total }
        let remainders = counts.map { $0 * 100 % total }
        var left = 100 - floors.reduce(0, +)
        let order = counts.indices.sorted { a, b in
            remainders[a] != remainders[b] ? remainders[a] > remainders[b] : (counts[a] != counts[b] ? counts[a] > counts[b] : a < b)
        }
        for i in order where left > 0 {
            floors[i] += 1
            left -= 1
        }
        return floors
    }

    /// How far a story that is not a blindspot for `silent` falls short of the rule, when the
    /// other side covered it more and it has at least `rules.minRated` rated sources: a distance
    /// (each missing rated source 10, each percentage point over the share or under the margin 1, a
    /// missing high-factuality outlet 10) and what it lacked, in words.
    public func blindspotMiss(for silent: Side, rules: CoverageRules) -> (distance: Int, reasons: [String])? {
        guard blindspot == nil, silent == .left || silent == .right, rated >= max(1, rules.minRated) else { return nil }
        let dominant: Side = silent == .left ? .right : .left
        let s = share(silent), d = share(dominant)
        guard d > s else { return nil }
        var distance = 0
        var reasons: [String] = []
        if rated < rules.blindspotMinRated {
            distance += 10 * (rules.blindspotMinRated - rated)
            reasons.append("\(rated) rated sources, where the rule needs \(rules.blindspotMinRated)")
        }
        if s > rules.blindspotMaxShare {
            distance += s - rules.blindspotMaxShare
            reasons.append("\(silent.label) \(s)%, over the \(rules.blindspotMaxShare)% the rule allows")
        }
        let needed = 2 * s + rules.blindspotMargin
        if d < needed {
            distance += needed - d
            reasons.append("\(dominant.label) \(d)%, short of the \(needed)% the rule needs")
        }
        if rules.blindspotRequiresHighFactuality, !sources.contains(where: { $0.side == dominant && $0.factuality == .high }) {
            distance += 10
            reasons.append("no \(dominant.label) outlet rated high in factuality")
        }
        return reasons.isEmpty ? nil : (distance, reasons)
    }

    static func blindspot(shares: [Side: Int], rated: Int, sources: [CoverageSource], rules: CoverageRules) -> Side? {
        guard rated >= rules.blindspotMinRated else { return nil }
        for (silent, dominant) in [(Side.left, Side.right), (Side.right, Side.left)] {
            let s = shares[silent] ?? 0
            let d = shares[dominant] ?? 0
            guard s <= rules.blindspotMaxShare, d >= 2 * s + rules.blindspotMargin else { continue }
            if rules.blindspotRequiresHighFactuality,
               !sources.contains(where: { $0.side == dominant && $0.factuality == .high }) { continue }
            return silent
        }
        return nil
    }
}
