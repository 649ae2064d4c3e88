/// Turns untrusted text into Markdown that renders as exactly that text: every character that
/// could start Markdown syntax is backslash-escaped, and line breaks become spaces, so a headline
/// such as `[x](javascript:alert(1))` or `<img onerror=…>` stays literal text.
public enum MarkdownText {
    /// Characters escaped wherever they stand.
    private static let alwaysEscaped: Set<Character> = ["\\", "`", "*", "_", "[", "]", "<", ">", "|", "~", "&", "!", "#", "$", "{", "}"]

    public static func escape(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count + 8)
        var atStart = true
        var index = text.startIndex
        while index < text.endIndex {
            var c = text[index]
            if c == "\n" || c == "\r" || c == "\t" { c = " " }
            if c.unicodeScalars.allSatisfy({ $0.value < 0x20 || $0.value == 0x7F }) {
                index = text.index(after: index)
                continue
            }
            if alwaysEscaped.contains(c) {
                out.append("\\")
            } else if atStart, c == "-" || c == "+" || c == "=" || c == ":" {
                out.append("\\") // would start a list, a setext underline, or a definition
            } else if atStart, c.isASCII, c.isNumber {
                // "1. " or "1) " at the start would make an ordered list.
                var j = index
                while j < text.endIndex, text[j].isASCII, text[j].isNumber { out.append(text[j]); j = text.index(after: j) }
                if j < text.endIndex, text[j] == "." || text[j] == ")" { out.append("\\") }
                index = j
                atStart = false
                continue
            }
            out.append(c)
            if c != " " { atStart = false }
            index = text.index(after: index)
        }
        return out
    }

    /// A link destination in angle brackets with the characters that could end it encoded.
    public static func destination(_ url: String) -> String {
        var out = "<"
        for scalar in url.unicodeScalars {
            switch scalar {
            case "<": out += "%3C"
            case ">": out += "%3E"
            case " ": out += "%20"
            case "\\": out += "%5C"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F { continue }
                out.unicodeScalars.append(scalar)
            }
        }
        return out + ">"
    }

    /// A YAML double-quoted scalar (JSON string syntax is valid YAML).
    public static func yamlString(_ text: String) -> String {
        var out = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (scalar.value >= 0x80 && scalar.value < 0xA0) || scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    out += String(format: "\\u%04X", scalar.value)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
