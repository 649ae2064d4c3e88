import Foundation

/// The only URLs corpus text may turn into links: absolute http(s) URLs with a host (and mailto).
/// Anything else (`javascript:`, `data:`, relative paths, control characters) is refused. Scraped
/// URLs often keep the HTML escaping of the page they came from (`&amp;`, `&#39;`): it is undone
/// before the checks (so `&#106;avascript:` is refused too), and characters no URL may hold raw
/// (a second `#`, `"<>\^`{|}`) are percent-encoded, so every link written is a valid URL.
public enum SafeURL {
    public static func web(_ raw: String?) -> String? {
        guard let raw else { return nil }
        return plainWebURL(raw) ?? parsed(raw)
    }

    /// Whether a URL `web` gave is a web page's (http or https), not a `mailto:` address.
    public static func isPage(_ safe: String) -> Bool {
        let lower = safe.prefix(8).lowercased()
        return lower.hasPrefix("http://") || lower.hasPrefix("https://")
    }

    /// The general case: character references undone, then Foundation's parser decides.
    static func parsed(_ raw: String) -> String? {
        var raw = raw.trimmed
        guard !raw.isEmpty, raw.count <= 4096 else { return nil }
        raw = decodingCharacterReferences(raw)
        guard !raw.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F || $0 == " " }) else { return nil }
        guard let components = URLComponents(string: raw), let scheme = components.scheme?.lowercased() else { return nil }
        switch scheme {
        case "http", "https":
            guard let host = components.host, !host.isEmpty else { return nil }
            return escapingInvalidCharacters(raw)
        case "mailto":
            return components.path.contains("@") ? escapingInvalidCharacters(raw) : nil
        default:
            return nil
        }
    }

    /// The common case, decided over bytes without Foundation's parser (a tenth of the cost): an
    /// `http://` or `https://` URL with a plain host (letters, digits, `.`, `-`), maybe a port,
    /// then only characters a URL may hold raw, valid `%` escapes and at most one `#`; no `&`
    /// (character references) and no white space. Such a string is returned as it is, which is
    /// what `parsed` returns for it; anything else is nil here and goes to `parsed`.
    static func plainWebURL(_ s: String) -> String? {
        UTF8Scalars.withBytes(of: s) { b -> String? in
            let n = b.count
            guard n <= 4096 else { return nil }
            func has(_ prefix: StaticString, at i: Int) -> Bool {
                let p = UnsafeBufferPointer(start: prefix.utf8Start, count: prefix.utf8CodeUnitCount)
                guard i + p.count <= n else { return false }
                for k in 0..<p.count where b[i + k] != p[k] { return false }
                return true
            }
            var i: Int
            if has("https://", at: 0) { i = 8 } else if has("http://", at: 0) { i = 7 } else { return nil }
            let hostStart = i
            while i < n, isHostByte(b[i]) { i += 1 }
            guard i > hostStart else { return nil }
            if i < n, b[i] == 0x3A { // :port
                i += 1
                var port = 0, digits = 0
                while i < n, b[i] >= 0x30, b[i] <= 0x39 { port = port * 10 + Int(b[i] - 0x30); digits += 1; i += 1; if digits > 5 { return nil } }
                guard digits > 0, port <= 65535 else { return nil }
            }
            guard i == n || b[i] == 0x2F || b[i] == 0x3F || b[i] == 0x23 else { return nil } // / ? #
            var seenHash = false
            while i < n {
                let c = b[i]
                if c == 0x25 { // %XX
                    guard i + 2 < n, isHex(b[i + 1]), isHex(b[i + 2]) else { return nil }
                    i += 3
                    continue
                }
                if c == 0x23 {
                    guard !seenHash else { return nil }
                    seenHash = true
                } else if !isPlainURLByte(c) {
                    return nil
                }
                i += 1
            }
            return s
        }
    }

    private static func isHostByte(_ c: UInt8) -> Bool {
        (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) || c == 0x2E || c == 0x2D
    }

    private static func isHex(_ c: UInt8) -> Bool {
        (c >= 0x30 && c <= 0x39) || (c >= 0x61 && c <= 0x66) || (c >= 0x41 && c <= 0x46)
    }

    /// Unreserved characters, the sub-delimiters but `&`, and `:` `@` `/` `?`.
    private static func isPlainURLByte(_ c: UInt8) -> Bool {
        if (c >= 0x61 && c <= 0x7A) || (c >= 0x41 && c <= 0x5A) || (c >= 0x30 && c <= 0x39) { return true }
        switch c {
        case 0x2D, 0x2E, 0x5F, 0x7E, // - . _ ~
             0x21, 0x24, 0x27, 0x28, 0x29, 0x2A, 0x2B, 0x2C, 0x3B, 0x3D, // ! $ ' ( ) * + , ; =
             0x3A, 0x40, 0x2F, 0x3F: // : @ / ?
            return true
        default:
            return false
        }
    }

    static let named: [Substring: Unicode.Scalar] = ["amp": "&", "quot": "\"", "apos": "'", "lt": "<", "gt": ">"]

    /// `&amp;` → `&`, `&#39;` → `'`, `&#x27;` → `'`; anything else is left as it is.
    static func decodingCharacterReferences(_ s: String) -> String {
        guard s.contains("&") else { return s }
        var out = String.UnicodeScalarView()
        var rest = Substring(s)
        while let amp = rest.firstIndex(of: "&") {
            out.append(contentsOf: rest[..<amp].unicodeScalars)
            rest = rest[amp...]
            if let semi = rest.prefix(12).firstIndex(of: ";") {
                let name = rest[rest.index(after: rest.startIndex)..<semi]
                var scalar = named[name]
                if scalar == nil, name.hasPrefix("#") {
                    let digits = name.dropFirst()
                    let value = digits.first == "x" || digits.first == "X" ? UInt32(digits.dropFirst(), radix: 16) : UInt32(digits, radix: 10)
                    scalar = value.flatMap(Unicode.Scalar.init)
                }
                if let scalar {
                    out.append(scalar)
                    rest = rest[rest.index(after: semi)...]
                    continue
                }
            }
            out.append("&")
            rest = rest.dropFirst()
        }
        out.append(contentsOf: rest.unicodeScalars)
        return String(out)
    }

    /// Percent-encodes what no part of a URL may hold raw: a second `#`, and `"<>\^`{|}`.
    static func escapingInvalidCharacters(_ s: String) -> String {
        var out = ""
        var seenHash = false
        for scalar in s.unicodeScalars {
            switch scalar {
            case "#" where !seenHash:
                seenHash = true
                out.unicodeScalars.append(scalar)
            case "#", "\"", "<", ">", "\\", "^", "`", "{", "|", "}":
                out += "%" + String(scalar.value, radix: 16, uppercase: true)
            default:
                out.unicodeScalars.append(scalar)
            }
        }
        return out
    }
}
