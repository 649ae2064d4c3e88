/// Turns untrusted text into Markdown that renders as exactly that text: every character that
/// could start Markdown syntax is backslash-escaped, and line breaks become spaces, so a headline
/// such as `[x](javascript:alert(1))` or `<img onerror=…>` stays literal text.
public enum MarkdownText {
    /// ASCII characters escaped wherever they stand.
    private static let alwaysEscaped: Set<UInt8> = Set("\\`*_[]<>|~&!#${}".utf8)

    /// Works on UTF-8 bytes: every syntax character is ASCII, and no byte of a multi-byte
    /// character is, so a combining mark after `[` cannot hide it from the escaper.
    public static func escape(_ text: String) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(text.utf8.count + 8)
        var atStart = true
        let bytes = Array(text.utf8)
        var i = 0
        while i < bytes.count {
            var b = bytes[i]
            if b == 13, i + 1 < bytes.count, bytes[i + 1] == 10 { i += 2; continue } // "\r\n" is dropped
            if b == 10 || b == 13 || b == 9 { b = 0x20 }
            if b < 0x20 || b == 0x7F { i += 1; continue }
            if alwaysEscaped.contains(b) {
                out.append(0x5C)
            } else if atStart, b == 0x2D || b == 0x2B || b == 0x3D || b == 0x3A {
                out.append(0x5C) // "-", "+", "=", ":" would start a list, a setext underline, or a definition
            } else if atStart, (0x30...0x39).contains(b) {
                // "1. " or "1) " at the start would make an ordered list.
                while i < bytes.count, (0x30...0x39).contains(bytes[i]) { out.append(bytes[i]); i += 1 }
                if i < bytes.count, bytes[i] == 0x2E || bytes[i] == 0x29 { out.append(0x5C) }
                atStart = false
                continue
            }
            out.append(b)
            if b != 0x20 { atStart = false }
            i += 1
        }
        return String(decoding: out, as: UTF8.self)
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
