import Foundation

/// The only URLs corpus text may turn into links: absolute http(s) URLs with a host (and mailto).
/// Anything else (`javascript:`, `data:`, relative paths, control characters) is refused. Scraped
/// URLs often keep the HTML escaping of the page they came from (`&amp;`, `&#39;`): it is undone
/// before the checks (so `&#106;avascript:` is refused too), and characters no URL may hold raw
/// (a second `#`, `"<>\^`{|}`) are percent-encoded, so every link written is a valid URL.
public enum SafeURL {
    public static func web(_ raw: String?) -> String? {
        guard var raw = raw?.trimmed, !raw.isEmpty, raw.count <= 4096 else { return nil }
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
