import Support

/// Small helpers for writing SVG text by hand: locale-free numbers and ids (escaping is `Escape.markup`).
public enum SVG {
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
