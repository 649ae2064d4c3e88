/// Small helpers for writing SVG text by hand: escaping and locale-free number formatting.
public enum SVG {
    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
        // Most text has nothing to escape or drop (0xEF starts U+FFFE and U+FFFF).
        let clean = !text.utf8.contains { b in
            b == 0x26 || b == 0x3C || b == 0x3E || b == 0x22 || b == 0x27 || b == 0xEF || (b < 0x20 && b != 0x0A && b != 0x09)
        }
        if clean { return text }
        var out = ""
        out.reserveCapacity(text.utf8.count)
        for scalar in text.unicodeScalars {
            switch scalar {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            case "'": out += "&#39;"
            default:
                // Control characters are not allowed in XML 1.0 at all, nor are U+FFFE and U+FFFF.
                if scalar.value < 0x20 && scalar != "\n" && scalar != "\t" { continue }
                if scalar.value == 0xFFFE || scalar.value == 0xFFFF { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }

    /// A number with at most one decimal, "." as separator whatever the locale: 12, 12.5.
    public static func number(_ value: Double) -> String {
        let tenths = Int((value * 10).rounded())
        let whole = tenths / 10
        let fraction = abs(tenths % 10)
        if fraction == 0 { return String(whole) }
        return (tenths < 0 && whole == 0 ? "-" : "") + "\(whole).\(fraction)"
    }

    /// An id usable in `id`/`aria-labelledby`, from any text: lowercase letters, digits, hyphens,
    /// starting with a letter, since an id inside SVG must be an XML name ("2-key-senators" is not:
    /// it becomes "c-2-key-senators").
    public static func id(_ text: String) -> String {
        if isID(text) { return text } // a slug, as a rule
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        guard let first = out.unicodeScalars.first else { return "chart" }
        if first >= "a" && first <= "z" { return out }
        return (first == "-" ? "c" : "c-") + out
    }

    /// Already what `id` makes: lowercase ASCII letters, digits and single hyphens, a letter first.
    private static func isID(_ text: String) -> Bool {
        var previous: UInt8 = 0x2D
        for (i, b) in text.utf8.enumerated() {
            let letter = b >= 0x61 && b <= 0x7A
            if i == 0 && !letter { return false }
            guard letter || (b >= 0x30 && b <= 0x39) || (b == 0x2D && previous != 0x2D) else { return false }
            previous = b
        }
        return !text.isEmpty
    }
}
