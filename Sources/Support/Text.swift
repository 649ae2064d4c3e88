import Foundation

/// Small text normalisations shared by the loaders and the cleaner.
public enum Text {
    /// Collapses all whitespace (newlines included) to single spaces.
    public static func singleLine(_ s: String) -> String {
        if isPlainSingleLine(s) { return s }
        return removingInvisibles(s).split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    /// Printable ASCII words with one space between them and none at either end: most titles,
    /// outlets and keys, which `singleLine` would give back as they are.
    public static func isPlainSingleLine(_ s: String) -> Bool {
        var afterSpace = true // a space first is one too many
        for b in s.utf8 {
            if b == 0x20 {
                if afterSpace { return false }
                afterSpace = true
            } else if b > 0x20 && b < 0x7F {
                afterSpace = false
            } else {
                return false
            }
        }
        return !afterSpace || s.isEmpty
    }

    /// Without control characters (tab and line breaks aside), bidirectional embeddings, overrides
    /// and isolates (U+202A–E, U+2066–9: they can make "exe.txt" read as "txt.exe"), and
    /// noncharacters. Corpus text never needs them on a page, in a feed or in a file name.
    public static func removingInvisibles(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
            if (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// Unifies line endings and trims each paragraph; paragraphs are separated by one blank line.
    /// Invisible characters go as `removingInvisibles` drops them. Line breaks are `\n`, `\r\n`,
    /// `\r`, U+2028 and U+2029; trimming is of Unicode white space. One pass over the UTF-8 bytes:
    /// this runs on every body of the corpus.
    public static func normalizedBody(_ s: String) -> String {
        var text = s
        text.makeContiguousUTF8()
        return text.utf8.withContiguousStorageIfAvailable { normalizedBody(bytes: $0) }!
    }

    private static func normalizedBody(bytes: UnsafeBufferPointer<UInt8>) -> String {
        var normalizer = BodyNormalizer(bytes: bytes)
        return normalizer.run()
    }

    /// The scalar whose UTF-8 encoding starts at `i` (valid UTF-8: Swift strings are).
    fileprivate static func decode(_ bytes: UnsafeBufferPointer<UInt8>, _ i: Int, _ length: Int) -> UInt32 {
        var value = UInt32(bytes[i]) & (length == 2 ? 0x1F : length == 3 ? 0x0F : 0x07)
        for k in 1..<length where i + k < bytes.count {
            value = value << 6 | (UInt32(bytes[i + k]) & 0x3F)
        }
        return value
    }

    fileprivate static func isInvisible(_ v: UInt32) -> Bool {
        (0x80...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFFFE || v == 0xFFFF
    }

    /// Unicode White_Space, less the line breaks (a line holds none).
    private static func isSpace(_ v: UInt32) -> Bool {
        v == 0x20 || v == 0x09 || v == 0x0B || v == 0x0C || v == 0x85 || v == 0xA0 || v == 0x1680
            || (0x2000...0x200A).contains(v) || v == 0x202F || v == 0x205F || v == 0x3000
    }

    /// The byte range of `bytes` without white space at either end; nil when nothing is left.
    fileprivate static func trimmedBounds(_ bytes: UnsafeBufferPointer<UInt8>) -> (Int, Int)? {
        var lower = 0
        while lower < bytes.count {
            let b = bytes[lower]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard isSpace(b < 0x80 ? UInt32(b) : decode(bytes, lower, length)) else { break }
            lower += length
        }
        guard lower < bytes.count else { return nil }
        var upper = bytes.count
        while upper > lower {
            var start = upper - 1
            while start > lower, bytes[start] & 0xC0 == 0x80 { start -= 1 }
            let b = bytes[start]
            let length = b < 0x80 ? 1 : b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            guard isSpace(b < 0x80 ? UInt32(b) : decode(bytes, start, length)) else { break }
            upper = start
        }
        return (lower, upper)
    }

    /// A stand-in headline for a record with a body but no title: its first sentence, shortened.
    public static func headline(fromBody body: String) -> String {
        let firstLine = body.split(separator: "\n").first.map(String.init) ?? ""
        var sentence = firstLine
        if let end = firstLine.range(of: ". ") { sentence = String(firstLine[..<end.lowerBound]) }
        if sentence.count > 120 {
            sentence = String(sentence.prefix(117))
            if let space = sentence.lastIndex(of: " ") { sentence = String(sentence[..<space]) }
            sentence += "…"
        }
        return singleLine(sentence)
    }
}

/// `Text.normalizedBody` over UTF-8 bytes, in one pass. A line is read in place, as a range of
/// `bytes`, until a character to drop turns up in it; only such a line is copied into `line`,
/// without that character.
private struct BodyNormalizer {
    let bytes: UnsafeBufferPointer<UInt8>
    var out: [UInt8] = []
    var lineStart = 0
    var copied = false
    var line: [UInt8] = []
    var blankSinceLastLine = false

    init(bytes: UnsafeBufferPointer<UInt8>) {
        self.bytes = bytes
        out.reserveCapacity(bytes.count)
    }

    mutating func run() -> String {
        var afterCR = false
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            if b < 0x80 {
                if b >= 0x20 && b != 0x7F || b == 9 {
                    afterCR = false
                    if copied { line.append(b) }
                } else if b == 10 {
                    if afterCR { // the \n of \r\n
                        afterCR = false
                        lineStart = i + 1
                    } else {
                        endLine(at: i, next: i + 1)
                    }
                } else if b == 13 {
                    endLine(at: i, next: i + 1)
                    afterCR = true
                } else {
                    drop(i) // invisible: dropped, \r\n stays one break
                }
                i += 1
                continue
            }
            let length = b < 0xE0 ? 2 : b < 0xF0 ? 3 : 4
            let end = min(n, i + length)
            let scalar = Text.decode(bytes, i, length)
            if Text.isInvisible(scalar) {
                drop(i)
                i = end
                continue
            }
            afterCR = false
            if scalar == 0x2028 || scalar == 0x2029 {
                endLine(at: i, next: end)
            } else if copied {
                line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[i..<end]))
            }
            i = end
        }
        endLine(at: n, next: n)
        return String(decoding: out, as: UTF8.self)
    }

    mutating func endLine(at end: Int, next: Int) {
        let range: (Int, Int)?
        if copied {
            range = line.withUnsafeBufferPointer { Text.trimmedBounds($0) }
        } else {
            range = Text.trimmedBounds(UnsafeBufferPointer(rebasing: bytes[lineStart..<end])).map { ($0.0 + lineStart, $0.1 + lineStart) }
        }
        if let (lower, upper) = range {
            if !out.isEmpty {
                out.append(10)
                if blankSinceLastLine { out.append(10) }
            }
            if copied { out.append(contentsOf: line[lower..<upper]) } else { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lower..<upper])) }
            blankSinceLastLine = false
        } else {
            blankSinceLastLine = true
        }
        lineStart = next
        copied = false
        line.removeAll(keepingCapacity: true)
    }

    mutating func drop(_ i: Int) {
        if !copied {
            line.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[lineStart..<i]))
            copied = true
        }
    }
}
