import Support

/// What a line of scraped text looks like, measured once: the features every cleaning rule reads.
///
/// A *sentence* is a line of at least six words that ends like prose (`.`, `!`, `?`, `…`, maybe
/// followed by a closing quote or bracket), or any line of twenty words or more. Everything else is
/// a *fragment*: headings, labels, buttons, link titles, credits.
public struct LineShape {
    private(set) var text: String
    /// Lower-cased, digits as `0`, curly apostrophes straightened, Markdown emphasis and trailing
    /// `:`/`.`/`…` dropped, spaces collapsed: the form the lexicon and the repetition index use.
    var key: String { shortKey ?? text }
    /// The key of a line of at most `maxKeyedBytes`; longer lines are their own key (not stored
    /// twice, so that `append` can grow `text` in place).
    private var shortKey: String?
    /// FNV-1a of `key`: what sets and counts use (hashing a `String` normalises it first).
    private(set) var keyHash: UInt64
    private(set) var words: Int
    private(set) var endsLikeProse: Bool
    private(set) var letters: Int
    private(set) var digits: Int
    private(set) var characters: Int

    init(_ text: String) {
        self.text = text
        // One pass over Unicode scalars with an ASCII fast path: Character properties cost ten
        // times more, and this runs on every line of the corpus, twice.
        // Long lines are paragraphs: no rule looks them up, so their key is the text itself.
        let wantsKey = text.utf8.count <= LineShape.maxKeyedBytes
        // The key is built in scratch memory as large as it can get (a scalar's lower-case form
        // takes at most three times its bytes): an array's append checks its capacity and
        // uniqueness on every byte, and most of the corpus's bytes are in keyed lines.
        let (keyText, keyHash, scan) = UTF8Scalars.withBytes(of: text) { bytes -> (String?, UInt64, Scan) in
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: wantsKey ? bytes.count * 3 + 4 : 0) { key in
                let scan = LineShape.scan(bytes, into: key, wantsKey: wantsKey)
                guard wantsKey else { return (nil, 0, scan) }
                let trimmed = UnsafeBufferPointer(rebasing: key[LineShape.trimmedKey(key, count: scan.keyLength)])
                return (String(decoding: trimmed, as: UTF8.self), FNV1a.hash(trimmed), scan)
            }
        }
        self.keyHash = wantsKey ? keyHash : FNV1a.hash(text.utf8)
        self.shortKey = keyText
        self.words = scan.words
        self.letters = scan.letters
        self.digits = scan.digits
        self.characters = scan.characters

        var tail = text.unicodeScalars[...]
        while let last = tail.last, LineShape.isTrailing(last) {
            tail = tail.dropLast()
        }
        self.endsLikeProse = tail.last.map { LineShape.terminators.contains($0) } ?? false
    }

    /// What one pass over a line's scalars counts, and the length of the key it wrote.
    private struct Scan {
        var keyLength: Int
        var words: Int
        var letters: Int
        var digits: Int
        var characters: Int
    }

    /// Counts words, letters, digits and characters; with `wantsKey`, writes the line's key
    /// (before trimming) into `key`, which has room for three bytes per byte of the line.
    private static func scan(_ bytes: UnsafeBufferPointer<UInt8>, into key: UnsafeMutableBufferPointer<UInt8>, wantsKey: Bool) -> Scan {
        var n = 0, words = 0, letters = 0, digits = 0, characters = 0
        var inWord = false
        var i = 0
        while i < bytes.count {
            let v = UTF8Scalars.next(bytes, &i)
            characters += 1
            let isSpace: Bool
            if v < 0x80 {
                isSpace = v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0x0B || v == 0x0C
            } else {
                isSpace = v == 0xA0 || Unicode.Scalar(v)!.properties.isWhitespace
            }
            if isSpace {
                if inWord && wantsKey { key[n] = 0x20; n += 1 }
                inWord = false
                continue
            }
            if !inWord { words += 1 }
            inWord = true
            if v < 0x80 {
                let b = UInt8(v)
                if b >= 0x41 && b <= 0x5A {
                    letters += 1
                    if wantsKey { key[n] = b + 32; n += 1 }
                } else if b >= 0x61 && b <= 0x7A {
                    letters += 1
                    if wantsKey { key[n] = b; n += 1 }
                } else if b >= 0x30 && b <= 0x39 {
                    digits += 1
                    if wantsKey { key[n] = 0x30; n += 1 }
                } else if wantsKey {
                    key[n] = b
                    n += 1
                }
                continue
            }
            let scalar = Unicode.Scalar(v)!
            if v == 0x2019 || v == 0x2018 {
                if wantsKey { key[n] = 0x27; n += 1 }
            } else if scalar.properties.isAlphabetic {
                letters += 1
                if wantsKey {
                    let lower = scalar.properties.changesWhenLowercased ? scalar.properties.lowercaseMapping : String(scalar)
                    for u in lower.utf8 { key[n] = u; n += 1 }
                }
            } else if scalar.properties.numericType != nil {
                digits += 1
                if wantsKey { key[n] = 0x30; n += 1 }
            } else if wantsKey {
                UTF8.encode(scalar) { key[n] = $0; n += 1 }
            }
        }
        return Scan(keyLength: n, words: words, letters: letters, digits: digits, characters: characters)
    }

    /// The part of a key `scan` wrote that is the key: Markdown emphasis, blockquote marks and a
    /// trailing `:` `.` `…` cut off.
    private static func trimmedKey(_ key: UnsafeMutableBufferPointer<UInt8>, count: Int) -> Range<Int> {
        var n = count
        // Trim Markdown emphasis, quote marks of a blockquote and trailing `:` `.` `…`.
        // (Switches, not array literals: this runs for every line of the corpus, twice.)
        trailing: while n > 0 {
            switch key[n - 1] {
            case 0x20, 0x3A, 0x2E, 0x2A, 0x5F, 0x23: // space : . * _ #
                n -= 1
            case 0xA6 where n >= 3 && key[n - 3] == 0xE2 && key[n - 2] == 0x80: // …
                n -= 3
            default:
                break trailing
            }
        }
        var start = 0
        leading: while start < n {
            switch key[start] {
            case 0x2A, 0x5F, 0x23, 0x3E, 0x20: start += 1 // * _ # > space
            default: break leading
            }
        }
        return start..<n
    }

    /// Becomes `LineShape(text + glue + next.text)` (`glue` "" or " "; both lines trimmed and not
    /// empty, as `ArticleCleaner.lines(of:)` makes them), in time proportional to `next` once the
    /// text is over `maxKeyedBytes`. Rejoining a sentence broken over thousands of lines used to
    /// measure all of it again at every line: quadratic (found by fuzz-corpus).
    mutating func append(_ glue: String, _ next: LineShape) {
        var hash = FNV1a()
        if text.utf8.count > LineShape.maxKeyedBytes { hash.value = keyHash } else { for b in text.utf8 { hash.add(b) } }
        text += glue
        text += next.text
        guard text.utf8.count > LineShape.maxKeyedBytes else {
            self = LineShape(text)
            return
        }
        for b in glue.utf8 { hash.add(b) }
        for b in next.text.utf8 { hash.add(b) }
        shortKey = nil
        keyHash = hash.value
        // Without a space between them, the last word of one and the first of the next are one.
        words += next.words - (glue.isEmpty ? 1 : 0)
        letters += next.letters
        digits += next.digits
        characters += glue.unicodeScalars.count + next.characters
        // The end of the text is the end of `next`, unless `next` is all closing marks.
        if next.text.unicodeScalars.contains(where: { !LineShape.isTrailing($0) }) { endsLikeProse = next.endsLikeProse }
    }

    /// What is looked past at the end of a line to see whether it ends like prose.
    static func isTrailing(_ s: Unicode.Scalar) -> Bool {
        s == "*" || s == "_" || s == " " || closers.contains(s)
    }

    /// Lines longer than this (in UTF-8 bytes) are keyed by their own text.
    static let maxKeyedBytes = 400

    static let terminators: Set<Unicode.Scalar> = [".", "!", "?", "…"]
    static let closers: Set<Unicode.Scalar> = ["\"", "'", "\u{201D}", "\u{2019}", ")", "]", "»"]

    var isSentence: Bool { (words >= 6 && endsLikeProse) || words >= 20 }
    var isFragment: Bool { !isSentence }

    /// Reads like a (sub)heading: two to sixteen words, mostly letters, starting with a capital or
    /// a digit, not ending like a sentence or a label.
    var isHeadingLike: Bool {
        guard (2...16).contains(words), !endsLikeProse, letters * 2 >= characters else { return false }
        guard let first = text.first, first.isUppercase || first.isNumber || first == "\u{201C}" || first == "\"" || first == "'" || first == "\u{2018}" else { return false }
        return !text.hasSuffix(":") && !text.hasSuffix(",")
    }

    /// Interface debris rather than words: numbers and percentages, relative times, reading times,
    /// template placeholders and ids.
    var interfaceReason: String? {
        if letters == 0 { return digits > 0 ? "number without text (widget counter)" : "no letters (divider)" }
        if words == 1 && characters >= 24 { return "token without spaces (id or code)" }
        if words == 1 && text.utf8.contains(0x5F) { return "template placeholder" }
        guard words <= 3 else { return nil }
        if LineShape.isRelativeTime(key) { return "relative time (page widget)" }
        if LineShape.isReadingTime(key) { return "reading time label" }
        if digits > 0 && text.utf8.contains(0x25) { return "percentage label (widget)" }
        return nil
    }

    /// "8 days ago", "an hour ago", "23 minutes ago", "just now".
    static func isRelativeTime(_ key: String) -> Bool {
        if key == "just now" || key == "yesterday" { return true }
        guard key.hasSuffix(" ago") else { return false }
        let parts = key.split(separator: " ")
        guard parts.count == 3 else { return false }
        let count = parts[0]
        guard count.allSatisfy({ $0 == "0" }) || count == "a" || count == "an" || count == "one" else { return false }
        let units = ["second", "seconds", "minute", "minutes", "min", "mins", "hour", "hours", "hr", "hrs", "day", "days", "week", "weeks", "month", "months", "year", "years"]
        return units.contains(String(parts[1]))
    }

    /// "3 min read", "5 minute read", "0 mins".
    static func isReadingTime(_ key: String) -> Bool {
        let parts = key.split(separator: " ")
        guard (2...3).contains(parts.count), parts[0].allSatisfy({ $0 == "0" }) else { return false }
        guard ["min", "mins", "minute", "minutes"].contains(String(parts[1])) else { return false }
        return parts.count == 2 || parts[2] == "read"
    }
}
