import Corpus
import Foundation

/// Sentence splitting that knows the common abbreviations of English news text.
public enum Sentences {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "prof",
        "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "st",
    ]

    /// The sentences of a paragraph. Works on UTF-8 bytes (this runs over every sentence of the
    /// corpus): a sentence ends at `.`, `!` or `?` (with the quotes and brackets that close it)
    /// followed by spaces and a capital letter or an opening quote, unless the word before the
    /// full stop is a known abbreviation or an initial ("John F. Kennedy").
    public static func split(_ paragraph: String) -> [String] {
        let bytes = Array(paragraph.utf8)
        let n = bytes.count
        var sentences: [String] = []
        var start = 0
        var i = 0
        func emit(_ end: Int) {
            var a = start, b = end
            while a < b, bytes[a] == 0x20 || bytes[a] == 0x09 || bytes[a] == 0x0A { a += 1 }
            while b > a, bytes[b - 1] == 0x20 || bytes[b - 1] == 0x09 || bytes[b - 1] == 0x0A { b -= 1 }
            if a < b { sentences.append(String(decoding: bytes[a..<b], as: UTF8.self)) }
        }
        while i < n {
            let c = bytes[i]
            guard c == 0x2E || c == 0x21 || c == 0x3F else { i += 1; continue } // . ! ?
            var end = i + 1
            // Closing quotes and brackets belong to the sentence: " ' ) ] and ” ’ (E2 80 9D / 99).
            while end < n {
                if bytes[end] == 0x22 || bytes[end] == 0x27 || bytes[end] == 0x29 || bytes[end] == 0x5D { end += 1; continue }
                if end + 2 < n, bytes[end] == 0xE2, bytes[end + 1] == 0x80, bytes[end + 2] == 0x9D || bytes[end + 2] == 0x99 { end += 3; continue }
                break
            }
            var next = end
            while next < n, bytes[next] == 0x20 || (bytes[next] == 0xC2 && next + 1 < n && bytes[next + 1] == 0xA0) { next += bytes[next] == 0x20 ? 1 : 2 }
            let boundary: Bool
            if end >= n {
                boundary = true
            } else if next == end || next >= n {
                boundary = false
            } else {
                let b = bytes[next]
                let upperASCII = b >= 0x41 && b <= 0x5A
                let openQuote = b == 0x22 || b == 0x28 || (b == 0xE2 && next + 2 < n && bytes[next + 1] == 0x80 && (bytes[next + 2] == 0x9C || bytes[next + 2] == 0x98))
                let upperOther = b >= 0xC3 && {
                    var k = next + 1
                    while k < n, bytes[k] & 0xC0 == 0x80 { k += 1 }
                    return String(decoding: bytes[next..<k], as: UTF8.self).first?.isUppercase ?? false
                }()
                boundary = upperASCII || openQuote || upperOther
            }
            // A full stop closed by a quote or bracket ends the sentence whatever the word ("said “no.”").
            if boundary && !(c == 0x2E && end == i + 1 && endsWithAbbreviation(bytes, period: i, from: start)) {
                emit(end)
                start = end
            }
            i = end
        }
        emit(n)
        return sentences
    }

    /// Whether the word before the full stop at `period` is an abbreviation or a single letter.
    static func endsWithAbbreviation(_ bytes: [UInt8], period: Int, from start: Int) -> Bool {
        var a = period
        while a > start, bytes[a - 1] != 0x20, bytes[a - 1] != 0x0A { a -= 1 }
        // Leading opening quotes and brackets are not part of the word.
        while a < period, bytes[a] == 0x28 || bytes[a] == 0x22 { a += 1 }
        if a + 3 <= period, bytes[a] == 0xE2, bytes[a + 1] == 0x80, bytes[a + 2] == 0x9C { a += 3 }
        let word = bytes[a..<period]
        if word.count == 1 { return true } // an initial
        guard word.count <= 5 else { return false }
        return abbreviations.contains(String(decoding: word, as: UTF8.self).lowercased())
    }

    /// The first sentence of the article's first paragraph that reads as prose (at least eight
    /// words, ends like a sentence).
    public static func lead(of article: Article) -> String? {
        for paragraph in article.paragraphSequence.prefix(6) {
            for sentence in split(paragraph.replacingOccurrences(of: "\n", with: " ")) {
                let words = sentence.split(separator: " ").count
                if words >= 8, words <= 80, let last = sentence.last, ".!?\"”’".contains(last) {
                    return sentence
                }
            }
        }
        return nil
    }
}
