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
/// left to right, each segment labelled in text with its share and count (colour is never the only
/// carrier: the side's name and its position say it too). `.card` is the small variant for story
/// cards, with one-letter labels.
public enum BiasBar {
    public enum Size: Sendable { case full, card }

    /// - Parameter width: the full bar's viewBox width (narrower for a side column, so its text
    ///   is drawn near its real size).
    public static func svg(_ d: BiasDistribution, size: Size = .full, idPrefix: String, width fullWidth: Double = 640) -> String {
        let id = SVG.id(idPrefix) + (size == .card ? "-card" : "-bias")
        let width = size == .full ? fullWidth : 240.0
        let barHeight = size == .full ? 28.0 : 18.0
        let labelRow = size == .full ? 22.0 : 0.0
        let height = barHeight + labelRow
        let titleText = "Bias distribution"
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart bias-bar bias-bar-\(size == .full ? "full" : "card")\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\""
        if size == .card {
            // A card can show twice on one page (the home's blindspot strip and its list), so it
            // carries no ids: its <title> names it and its <desc> describes it (SVG-AAM).
            out += "><title>\(titleText)</title><desc>\(Escape.markup(d.sentence))</desc>"
        } else {
            out += " aria-labelledby=\"\(id)-t \(id)-d\"><title id=\"\(id)-t\">\(titleText)</title><desc id=\"\(id)-d\">\(Escape.markup(d.sentence))</desc>"
        }

        guard d.rated > 0 else {
            out += "<rect class=\"seg seg-none\" x=\"0\" y=\"0\" width=\"\(SVG.number(width))\" height=\"\(SVG.number(barHeight))\" rx=\"3\"/>"
            out += "<text class=\"seg-label seg-label-none\" x=\"\(SVG.number(width / 2))\" y=\"\(SVG.number(barHeight / 2))\" text-anchor=\"middle\" dominant-baseline=\"central\">No rated \(Escape.markup(d.unit))s</text>"
            return out + "</svg>"
        }

        let segments: [(key: String, name: String, letter: String, pct: Int, count: Int)] = [
            ("left", "Left", "L", d.leftPct, d.left),
            ("center", "Center", "C", d.centerPct, d.center),
            ("right", "Right", "R", d.rightPct, d.right),
        ]
        var x = 0.0
        for s in segments where s.pct > 0 {
            let w = width * Double(min(s.pct, 100)) / 100 // a share over 100% must not trap or overflow the bar
            out += "<rect class=\"seg seg-\(s.key)\" x=\"\(SVG.number(x))\" y=\"0\" width=\"\(SVG.number(w))\" height=\"\(SVG.number(barHeight))\"/>"
            let inside = size == .full ? "\(s.pct)%" : "\(s.letter) \(s.pct)%"
            let needed = Double(inside.count) * (size == .full ? 9.5 : 7.5) + 6
            if w >= needed {
                out += "<text class=\"seg-label seg-label-\(s.key)\" x=\"\(SVG.number(x + w / 2))\" y=\"\(SVG.number(barHeight / 2))\" text-anchor=\"middle\" dominant-baseline=\"central\">\(inside)</text>"
            }
            x += w
        }
        if size == .full {
            // The legend row names every side, 0% ones included, at the side's own position.
            let y = barHeight + labelRow - 5
            for (i, s) in segments.enumerated() {
                let anchor = ["start", "middle", "end"][i]
                let lx = [0, width / 2, width][i]
                out += "<text class=\"legend legend-\(s.key)\" x=\"\(SVG.number(lx))\" y=\"\(SVG.number(y))\" text-anchor=\"\(anchor)\">\(s.name) \(s.pct)% (\(s.count))</text>"
            }
        }
        return out + "</svg>"
    }
}
