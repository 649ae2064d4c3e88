/// Reference marks copied with an encyclopedia's or a report's text ("terrorism [1][2][3].",
/// "economy.”[1]"): links on the page they came from, noise in a sentence read anywhere else.
/// A bracketed number of one to three digits goes, with a space before it; "[2018]" (an editor's
/// insertion) and "[sic]" stay.
public enum CitationMarks {
    public static func removed(from text: String) -> String {
        let bytes = Array(text.utf8)
        guard bytes.contains(0x5B) else { return text } // "["
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count)
        var i = 0
        var changed = false
        while i < bytes.count {
            if bytes[i] == 0x5B, let end = markEnd(bytes, at: i) {
                // A run of marks; the space before the first one goes too when a space,
                // punctuation or the end follows.
                var j = end
                while j < bytes.count, bytes[j] == 0x5B, let next = markEnd(bytes, at: j) { j = next }
                if out.last == 0x20, j == bytes.count || [0x20, 0x2E, 0x2C, 0x3B, 0x3A, 0x29, 0x21, 0x3F].contains(bytes[j]) { out.removeLast() }
                i = j
                changed = true
                continue
            }
            out.append(bytes[i])
            i += 1
        }
        return changed ? String(decoding: out, as: UTF8.self) : text
    }

    /// Where a mark "[" 1–3 digits "]" starting at `i` ends (just past "]"), when it is one.
    static func markEnd(_ bytes: [UInt8], at i: Int) -> Int? {
        var j = i + 1
        while j < bytes.count, j - i <= 4, (0x30...0x39).contains(bytes[j]) { j += 1 }
        let digits = j - i - 1
        guard digits >= 1, digits <= 3, j < bytes.count, bytes[j] == 0x5D else { return nil }
        return j + 1
    }
}
