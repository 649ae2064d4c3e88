/// The one set of escapers for markup sitegen writes (Markdown has its own, `MarkdownText.escape`).
public enum Escape {
    /// Text for HTML, SVG and XML content and attribute values: the five markup characters as
    /// entities; C0 controls but tab and line feed, U+FFFE and U+FFFF (which XML 1.0 forbids) dropped.
    /// Corpus text is hostile: everything sitegen writes into markup by hand goes through here.
    public static func markup(_ text: String) -> String {
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

    /// Mustache's `{{name}}` over bytes: & < > " and ' become entities, nothing else changes.
    public static func appendHTML(_ text: String, to out: inout [UInt8]) {
        for byte in text.utf8 {
            switch byte {
            case UInt8(ascii: "&"): out.append(contentsOf: "&amp;".utf8)
            case UInt8(ascii: "<"): out.append(contentsOf: "&lt;".utf8)
            case UInt8(ascii: ">"): out.append(contentsOf: "&gt;".utf8)
            case UInt8(ascii: "\""): out.append(contentsOf: "&quot;".utf8)
            case UInt8(ascii: "'"): out.append(contentsOf: "&#39;".utf8)
            default: out.append(byte)
            }
        }
    }
}
