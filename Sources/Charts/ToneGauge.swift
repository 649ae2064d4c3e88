import Support

/// The tone gauge: a bar from negative to positive with the neutral band marked, a pointer at a
/// tone, and (when given) a tick at the day's index. The bar spans `span` either side of the
/// neutral band's middle (a mean over many sentences rarely goes further), so "Neutral" written
/// under the bar's middle names the band; a tone beyond the bar sits at its end. Its words ("Negative",
/// "Neutral", "Positive", the value) are written in HTML beside it by the theme, so they keep their
/// size at every width; the drawing itself has no text.
public enum ToneGauge {
    /// - Parameters:
    ///   - score: the tone, −1 … +1.
    ///   - label: the accessible name, which says "tone" and the value.
    ///   - neutral: the neutral band's limits.
    ///   - day: the day's index, drawn as a tick.
    public static func svg(score: Double, label: String, neutral: (Double, Double) = (0.02, 0.15),
                           day: Double? = nil, span: Double = 0.5) -> String {
        let width = 300.0, height = 22.0, barY = 7.0, barHeight = 8.0
        let middle = (neutral.0 + neutral.1) / 2
        func x(_ v: Double) -> Double { (min(span, max(-span, v - middle)) + span) / (2 * span) * width }
        var out = "<svg xmlns=\"http://www.w3.org/2000/svg\" class=\"chart tone-gauge\" viewBox=\"0 0 \(SVG.number(width)) \(SVG.number(height))\" role=\"img\" aria-label=\"\(Escape.markup(label))\">"
        let n0 = x(neutral.0), n1 = x(neutral.1)
        out += "<rect class=\"tone-neg\" x=\"0\" y=\"\(SVG.number(barY))\" width=\"\(SVG.number(n0))\" height=\"\(SVG.number(barHeight))\" rx=\"2\"/>"
        out += "<rect class=\"tone-neu\" x=\"\(SVG.number(n0))\" y=\"\(SVG.number(barY))\" width=\"\(SVG.number(n1 - n0))\" height=\"\(SVG.number(barHeight))\"/>"
        out += "<rect class=\"tone-pos\" x=\"\(SVG.number(n1))\" y=\"\(SVG.number(barY))\" width=\"\(SVG.number(width - n1))\" height=\"\(SVG.number(barHeight))\" rx=\"2\"/>"
        if let day {
            let dx = x(day)
            out += "<line class=\"tone-day\" x1=\"\(SVG.number(dx))\" x2=\"\(SVG.number(dx))\" y1=\"3\" y2=\"\(SVG.number(height - 3))\"/>"
        }
        // The pointer: a triangle above the bar and a line through it.
        let px = min(width - 5, max(5, x(score)))
        out += "<path class=\"tone-pointer\" d=\"M\(SVG.number(px - 5)) 0H\(SVG.number(px + 5))L\(SVG.number(px)) 7Z\"/>"
        out += "<line class=\"tone-pointer-line\" x1=\"\(SVG.number(px))\" x2=\"\(SVG.number(px))\" y1=\"6\" y2=\"\(SVG.number(height))\"/>"
        return out + "</svg>"
    }

    /// A tone as readers see it: "−0.21" (a true minus sign), "+0.08", "0.00".
    public static func number(_ score: Double) -> String {
        let rounded = (score * 100).rounded() / 100
        if rounded == 0 { return "0.00" }
        let digits = String(format: "%.2f", abs(rounded))
        return (rounded < 0 ? "\u{2212}" : "+") + digits
    }
}
