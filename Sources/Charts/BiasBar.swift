import Support

/// The numbers a bias distribution chart shows: sources per side, and each rated side's share.
public struct BiasDistribution: Sendable, Equatable {
    public var left: Int, center: Int, right: Int, unrated: Int
    public var leftPct: Int, centerPct: Int, rightPct: Int
    /// What is counted: "source" for a story's outlets, "article" for a period's articles.
    public var unit = "source"

    public init(left: Int, center: Int, right: Int, unrated: Int, leftPct: Int, centerPct: Int, rightPct: Int, unit: String = "source") {
        self.unit = unit
        self.left = left
        self.center = center
        self.right = right
        self.unrated = unrated
        self.leftPct = leftPct
        self.centerPct = centerPct
        self.rightPct = rightPct
    }

    /// Negative counts read as 0 and the sum saturates (as `Count.sum`), so no input can trap.
    public var rated: Int { Count.sum([left, center, right]) }

    /// "Left 33% (1 source) · Center 67% (2 sources) · Right 0% (0 sources) · 2 unrated".
    public var sentence: String {
        func part(_ name: String, _ pct: Int, _ n: Int) -> String { "\(name) \(pct)% (\(n) \(n == 1 ? unit : unit + "s"))" }
        var text = rated == 0
            ? "No rated \(unit)s"
            : [part("Left", leftPct, left), part("Center", centerPct, center), part("Right", rightPct, right)].joined(separator: ", ")
        if unrated > 0 { text += "; \(unrated) unrated \(unrated == 1 ? unit : unit + "s") not included in the shares" }
        return text + "."
    }
}

/// The bias distribution bar: one stacked bar of Left, Center and Right shares of rated sources,
/// left to right. The full bar's numbers are said once, by `legend`, in HTML beside the drawing
/// (colour is never the only carrier: the legend names each side with its share and count, and
/// the sides keep their order). `.card` is the small variant for story cards, which has no
/// legend: each segment wide enough is labelled with its side's letter and share.
///
/// The drawing has no viewBox: it is as wide as its box at every width, segments placed in
/// percent, so its text keeps its CSS size on a phone and on a desktop alike (one drawing, no
/// scaling). Labels are written only where they fit the narrowest box the theme gives the chart.
public enum BiasBar {
    public enum Size: Sendable { case full, card }

    /// The narrowest box a card's bar is drawn in, in CSS pixels (a 320 px phone), and the width of
    /// one character of its 12 px label text, for deciding which labels fit.
    static let cardNarrowest = 190.0, cardCharWidth = 8.0

    public static func svg(_ d: BiasDistribution, size: Size = .full, idPrefix: String) -> String {
        let id = SVG.id(idPrefix) + (size == .card ? "-card" : "-bias")
        let barHeight = size == .full ? 20.0 : 18.0
        let titleText = "Bias distribution"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bias-bar bias-bar-\(size == .full ? "full" : "card")\" width=\"100%\" height=\"\(SVG.number(barHeight))\" role=\"img\""
        if size == .card {
            // A card can show twice on one page (the home's blindspot strip and its list), so it
            // carries no ids: its <title> names it and its <desc> describes it (SVG-AAM).
            out += "><title>\(titleText)</title><desc>\(Escape.markup(d.sentence))</desc>"
        } else {
            out += " aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">\(titleText)</title><desc id=\"\(id)-d\">\(Escape.markup(d.sentence))</desc>"
        }

        guard d.rated > 0 else {
            out += "<rect class=\"seg seg-none\" width=\"100%\" height=\"\(SVG.number(barHeight))\" rx=\"3\"/>"
            out += "<text class=\"seg-label seg-label-none\" x=\"50%\" y=\"\(SVG.number(barHeight / 2))\" text-anchor=\"middle\" dominant-baseline=\"central\">No rated \(Escape.markup(d.unit))s</text>"
            return out + "</svg>"
        }

        var x = 0.0
        for s in segments(d) where s.pct > 0 && x < 100 {
            let w = min(Double(s.pct), 100 - x) // shares over 100% in all must not trap or overflow the bar
            out += "<rect class=\"seg seg-\(s.key)\"\(x > 0 ? " x=\"\(SVG.number(x))%\"" : "") width=\"\(SVG.number(w))%\" height=\"\(SVG.number(barHeight))\"/>"
            let inside = "\(s.letter) \(s.pct)%"
            if size == .card, cardNarrowest * w / 100 >= Double(inside.count) * cardCharWidth + 6 {
                out += "<text class=\"seg-label seg-label-\(s.key)\" x=\"\(SVG.number(x + w / 2))%\" y=\"\(SVG.number(barHeight / 2))\" text-anchor=\"middle\" dominant-baseline=\"central\">\(inside)</text>"
            }
            x += w
        }
        return out + "</svg>"
    }

    /// The legend written beside the full bar: every side, 0% ones included, with its share and
    /// count ("Left 67% (2)"), in the bar's order. Empty when no source is rated (the drawing
    /// says so).
    public static func legend(_ d: BiasDistribution) -> [ChartLegendEntry] {
        guard d.rated > 0 else { return [] }
        return segments(d).map { ChartLegendEntry(key: $0.key, text: "\($0.name) \($0.pct)% (\($0.count))") }
    }

    static func segments(_ d: BiasDistribution) -> [(key: String, name: String, letter: String, pct: Int, count: Int)] {
        [("left", "Left", "L", d.leftPct, d.left), ("center", "Center", "C", d.centerPct, d.center), ("right", "Right", "R", d.rightPct, d.right)]
    }
}

/// One entry of a chart's legend, written in HTML beside the drawing by the theme: `key` names
/// its colour (the class `key-<key>`), `text` says what it counts.
public struct ChartLegendEntry: Sendable, Equatable {
    public var key: String
    public var text: String
    public init(key: String, text: String) {
        self.key = key
        self.text = text
    }
}
