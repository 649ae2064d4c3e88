/// Small helpers for writing SVG text by hand: escaping and locale-free number formatting.
public enum SVG {
    /// Escapes text for XML content and attribute values.
    public static func escape(_ text: String) -> String {
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
        var out = ""
        for scalar in text.lowercased().unicodeScalars {
            if (scalar >= "a" && scalar <= "z") || (scalar >= "0" && scalar <= "9") { out.unicodeScalars.append(scalar) } else if !out.hasSuffix("-") { out += "-" }
        }
        guard let first = out.unicodeScalars.first else { return "chart" }
        if first >= "a" && first <= "z" { return out }
        return (first == "-" ? "c" : "c-") + out
    }
}
