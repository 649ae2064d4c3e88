import Foundation

/// Turns titles and names into URL path segments: lowercase ASCII letters, digits and single
/// hyphens, at most `maxLength` characters, never empty, never `.` or `..`.
public enum Slug {
    public static func make(_ text: String, maxLength: Int = 80, fallback: String = "untitled") -> String {
        // Fold accents and other scripts to ASCII where a transliteration exists ("Zürich" → "zurich").
        // (ICU transforms are slow: only pay for them when there is something to fold.)
        let folded = text.utf8.allSatisfy { $0 < 0x80 } ? text
            : text.applyingTransform(.toLatin, reverse: false)?.applyingTransform(.stripDiacritics, reverse: false) ?? text
        var out = ""
        out.reserveCapacity(min(folded.utf8.count, maxLength + 1))
        var pendingHyphen = false
        for scalar in folded.unicodeScalars {
            let v = scalar.value
            let isDigit = v >= 48 && v <= 57
            let isUpper = v >= 65 && v <= 90
            let isLower = v >= 97 && v <= 122
            if isDigit || isUpper || isLower {
                if pendingHyphen && !out.isEmpty { out.append("-") }
                pendingHyphen = false
                out.unicodeScalars.append(isUpper ? Unicode.Scalar(v + 32)! : scalar)
                if out.utf8.count > maxLength { break }
            } else if scalar == "'" || scalar == "’" {
                continue // "Russia's" → "russias", not "russia-s"
            } else {
                pendingHyphen = true
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        if out.count > maxLength {
            // Cut at a word boundary when there is one, not in the middle of a word.
            let cutMidWord = out[out.index(out.startIndex, offsetBy: maxLength)] != "-"
            out = String(out.prefix(maxLength))
            if cutMidWord, let lastHyphen = out.lastIndex(of: "-") { out = String(out[..<lastHyphen]) }
            while out.hasSuffix("-") { out.removeLast() }
        }
        return out.isEmpty ? fallback : out
    }

    /// The `n`th slug for a base that is taken: "base-2", the base shortened (at a hyphen where it
    /// can) so the whole stays within `maxLength`.
    public static func numbered(_ base: String, _ n: Int, maxLength: Int = 80) -> String {
        let suffix = "-\(n)"
        var stem = base
        if stem.count + suffix.count > maxLength {
            stem = String(stem.prefix(max(1, maxLength - suffix.count)))
            if let hyphen = stem.lastIndex(of: "-"), stem.distance(from: stem.startIndex, to: hyphen) > 0 { stem = String(stem[..<hyphen]) }
            while stem.hasSuffix("-") { stem.removeLast() }
        }
        return stem + suffix
    }
}
