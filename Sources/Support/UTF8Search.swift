
/// Search and replace over UTF-8 bytes, for the ASCII markers sitegen looks for in HTML it made
/// (cmark-gfm's paragraphs and footnotes section). An ASCII byte never occurs inside a multi-byte
/// sequence, so a byte match is a character match; Foundation's `range(of:)` and
/// `replacingOccurrences`, which go through NSString, were a seventh of a story page's CPU.
public enum UTF8Search {
    /// The offset of the first `needle` that starts at or after `start` and ends by `end`.
    public static func firstOffset(of needle: [UInt8], in bytes: [UInt8], from start: Int = 0, to end: Int? = nil) -> Int? {
        needle.withUnsafeBufferPointer { n in bytes.withUnsafeBufferPointer { b in ByteSearch.firstOffset(of: n, in: b, from: start, to: end) } }
    }

    /// `text` with every `target` replaced by `replacement`; `text` itself when there is none.
    public static func replacingAll(_ target: String, with replacement: String, in text: String) -> String {
        let bytes = Array(text.utf8)
        let needle = Array(target.utf8)
        guard var match = firstOffset(of: needle, in: bytes) else { return text }
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + replacement.utf8.count)
        var done = 0
        while true {
            out.append(contentsOf: bytes[done..<match])
            out.append(contentsOf: replacement.utf8)
            done = match + needle.count
            guard let next = firstOffset(of: needle, in: bytes, from: done) else { break }
            match = next
        }
        out.append(contentsOf: bytes[done...])
        return String(decoding: out, as: UTF8.self)
    }
}
