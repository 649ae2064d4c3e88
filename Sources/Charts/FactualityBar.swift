import Support

/// The numbers a factuality chart shows: how many sources (outlets) have each factuality rating.
public struct FactualityMix: Sendable, Equatable {
    public var high: Int, mixed: Int, low: Int, unknown: Int

    public init(high: Int = 0, mixed: Int = 0, low: Int = 0, unknown: Int = 0) {
        self.high = high
        self.mixed = mixed
        self.low = low
        self.unknown = unknown
    }

    /// All sources, unknown included (negative counts read as 0, the sum saturates).
    public var total: Int { Count.sum([high, mixed, low, unknown]) }

    /// High, Mixed, Low, Unknown as shares of all sources, in whole percent by largest remainder so
    /// they sum to 100 (ties go to the earlier category); all 0 when there are no sources.
    public var percentages: [Int] {
        let counts = [high, mixed, low, unknown].map { Double(max(0, $0)) }
        let total = counts.reduce(0, +)
        guard total > 0 else { return [0, 0, 0, 0] }
        let exact = counts.map { $0 * 100 / total }
        var pcts = exact.map { Int($0.rounded(.down)) }
        let byRemainder = exact.indices.sorted { (exact[$0] - exact[$0].rounded(.down), $1) > (exact[$1] - exact[$1].rounded(.down), $0) }
        for i in byRemainder.prefix(max(0, 100 - pcts.reduce(0, +))) { pcts[i] += 1 }
        return pcts
    }

    /// "Factuality of the 9 sources: High 4 (44%), Mixed 3 (33%), Unknown 2 (22%)." (a rating no
    /// source has is left out)
    public var sentence: String {
        guard total > 0 else { return "No sources." }
        let parts = zip(FactualityBar.categories, zip([high, mixed, low, unknown], percentages)).filter { $1.0 > 0 }.map { "\($0.1) \($1.0) (\($1.1)%)" }
        return "Factuality of the \(Count.noun(total, "source")): " + parts.joined(separator: ", ") + "."
    }
}

/// The factuality bar: one stacked bar of sources by factuality rating (High, Mixed, Low, Unknown,
/// left to right), segment widths proportional to the counts; `legend` names each category some
/// source has with its count and share, in HTML beside the drawing (the numbers said once).
/// Drawn without a viewBox, in percent, as `BiasBar`.
public enum FactualityBar {
    static let categories = [("high", "High"), ("mixed", "Mixed"), ("low", "Low"), ("unknown", "Unknown")]

    public static func svg(_ f: FactualityMix, idPrefix: String) -> String {
        let id = SVG.id(idPrefix) + "-factuality"
        let barHeight = 20.0
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart factuality-bar\" width=\"100%\" height=\"\(SVG.number(barHeight))\" role=\"img\" aria-labelledby=\"\(id)-t \(id)-d\">"
        out += "<title id=\"\(id)-t\">Factuality of sources</title><desc id=\"\(id)-d\">\(Escape.markup(f.sentence))</desc>"

        let counts = [f.high, f.mixed, f.low, f.unknown].map { max(0, $0) }
        guard f.total > 0 else {
            out += "<rect class=\"seg seg-none\" width=\"100%\" height=\"\(SVG.number(barHeight))\" rx=\"3\"/>"
            out += "<text class=\"seg-label seg-label-none\" x=\"50%\" y=\"\(SVG.number(barHeight / 2))\" text-anchor=\"middle\" dominant-baseline=\"central\">No sources</text>"
            return out + "</svg>"
        }

        // Segment edges from running totals (in Double: no overflow), in percent rounded once, so
        // the segments meet and end at 100%.
        let sum = counts.reduce(0) { $0 + Double($1) }
        func edge(_ before: Double) -> Double { (100 * before / sum * 10).rounded() / 10 }
        var before = 0.0
        for (c, n) in zip(categories, counts) where n > 0 {
            let after = before + Double(n)
            let x = edge(before), w = edge(after) - x
            before = after
            guard w > 0 else { continue }
            out += "<rect class=\"seg seg-fact-\(c.0)\"\(x > 0 ? " x=\"\(SVG.number(x))%\"" : "") width=\"\(SVG.number(w))%\" height=\"\(SVG.number(barHeight))\"/>"
        }
        return out + "</svg>"
    }

    /// The categories some source has, in the bar's order: "High 4 (44%)".
    public static func legend(_ f: FactualityMix) -> [ChartLegendEntry] {
        let counts = [f.high, f.mixed, f.low, f.unknown].map { max(0, $0) }
        return zip(categories, zip(counts, f.percentages)).filter { $0.1.0 > 0 }
            .map { c, v in ChartLegendEntry(key: "fact-\(c.0)", text: "\(c.1) \(v.0) (\(v.1)%)") }
    }
}
