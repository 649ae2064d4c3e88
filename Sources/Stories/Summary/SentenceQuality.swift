import Corpus
import Foundation
import Support

/// Which sentences may stand alone in a summary: whole prose sentences that make sense without
/// the one before them — not a fragment, a question, a quote cut in half, a caption or a prompt.
public enum SentenceQuality {
    /// Openings that lean on the sentence before ("He said…", "But…"): out of context they mislead.
    static let danglingOpeners: Set<String> = [
        "he", "she", "they", "it", "its", "this", "that", "these", "those", "his", "her", "their", "but", "and",
        "or", "so", "also", "however", "still", "yet", "meanwhile", "instead", "then", "there", "here", "both",
        "such", "another", "likewise", "similarly", "moreover", "furthermore", "nonetheless", "nevertheless",
        "thus", "hence", "otherwise", "we", "i", "you", "our", "my", "which", "where", "when", "while",
    ]

    /// Words that mark page furniture or a call to action, whatever the cleaner let through.
    static let furniture: [String] = [
        "click here", "subscribe", "sign up", "newsletter", "follow us", "follow him", "follow her",
        "read more", "read the full", "related:", "advertisement", "all rights reserved", "copyright",
        "getty images", "photo by", "image caption", "this article", "this story", "this report",
        "contributed to this", "contributed reporting", "reporting by", "editing by", "is a reporter",
        "is a correspondent", "email us", "@", "http", "www.", "watch:", "listen:", "video:", "(photo",
        "this post", "updated at", "cookies",
    ]

    static let furnitureBytes: [[UInt8]] = furniture.map { Array($0.utf8) }
    /// The furniture phrases by their first two bytes (`b0 << 8 | b1`), and those of one byte:
    /// one pass over a sentence tries only the phrases that can start at each byte pair.
    static let furnitureByPair: [UInt16: [[UInt8]]] = Dictionary(grouping: furnitureBytes.filter { $0.count >= 2 }) { UInt16($0[0]) << 8 | UInt16($0[1]) }
    static let furnitureSingles: [UInt8] = furnitureBytes.filter { $0.count == 1 }.map { $0[0] }
    /// Which byte pairs start a phrase: most pairs of a sentence start none, and are passed
    /// over with one load.
    static let furniturePairStarts: [Bool] = {
        var table = [Bool](repeating: false, count: 1 << 16)
        for key in furnitureByPair.keys { table[Int(key)] = true }
        return table
    }()

    /// Whether `text` (lower-cased bytes) holds one of the furniture phrases.
    static func containsFurniture(_ text: [UInt8]) -> Bool {
        if furnitureSingles.contains(where: text.contains) { return true }
        guard text.count >= 2 else { return false }
        return text.withUnsafeBufferPointer { t in
            furniturePairStarts.withUnsafeBufferPointer { starts in
                for i in 0..<(t.count - 1) {
                    let pair = UInt16(t[i]) << 8 | UInt16(t[i + 1])
                    guard starts[Int(pair)] else { continue }
                    for phrase in furnitureByPair[pair]! where i + phrase.count <= t.count {
                        var j = 2
                        while j < phrase.count && t[i + j] == phrase[j] { j += 1 }
                        if j == phrase.count { return true }
                    }
                }
                return false
            }
        }
    }

    /// Words of a sentence: runs between spaces (the sentence splitter leaves single spaces),
    /// counted over its bytes.
    static func wordCount(_ sentence: String) -> Int {
        var count = 0
        var inWord = false
        for byte in sentence.utf8 {
            if byte == 0x20 { inWord = false } else if !inWord { inWord = true; count += 1 }
        }
        return count
    }

    public static func isSummaryCandidate(_ sentence: String) -> Bool {
        guard (9...55).contains(wordCount(sentence)) else { return false }
        let scalars = sentence.unicodeScalars
        guard let first = scalars.first, let last = scalars.last else { return false }
        // Starts like a sentence: a capital letter, a digit, or an opening quote before one.
        guard CharacterSet.uppercaseLetters.contains(first) || CharacterSet.decimalDigits.contains(first) || "\"“‘".unicodeScalars.contains(first) else { return false }
        // Ends like a statement, closing quotes and brackets aside.
        guard let end = scalars.last(where: { !closers.contains($0) }), end == "." || end == "!", ".!\"”’)".unicodeScalars.contains(last) else { return false }
        guard !sentence.hasSuffix("...") && !sentence.hasSuffix("…") else { return false }
        // Quotes closed: never half a quotation.
        guard balancedQuotes(sentence) else { return false }
        let firstWord = sentence.utf8.firstIndex(of: 0x20).map { String(sentence[..<$0]) } ?? sentence
        let opener = trimmingPunctuation(firstWord.lowercased())
        guard !danglingOpeners.contains(opener) else { return false }
        // Mostly words, not numbers, symbols or shouting.
        var letters = 0, upper = 0, scalarCount = 0
        UTF8Scalars.withBytes(of: sentence) { bytes in
            var i = 0
            while i < bytes.count {
                let v = UTF8Scalars.next(bytes, &i)
                scalarCount += 1
                if v < 0x80 {
                    if v >= 0x41 && v <= 0x5A { letters += 1; upper += 1 } else if v >= 0x61 && v <= 0x7A { letters += 1 }
                } else {
                    let p = Unicode.Scalar(v)!.properties
                    if p.isAlphabetic {
                        letters += 1
                        if p.isUppercase { upper += 1 }
                    }
                }
            }
        }
        guard letters * 10 >= scalarCount * 6, upper * 3 < letters else { return false }
        let lower = lowercasedBytes(sentence)
        guard !containsFurniture(lower) else { return false }
        // Reference marks copied from the page ("terrorism [1][2]") are not the outlet's prose.
        guard !lower.contains(0x5B) else { return false }
        return true
    }

    /// The UTF-8 of `text.lowercased()` (each scalar's lowercase mapping), without making the
    /// String: ASCII is folded in place and only other scalars that change are looked up.
    static func lowercasedBytes(_ text: String) -> [UInt8] {
        UTF8Scalars.withBytes(of: text) { bytes in
            var out: [UInt8] = []
            out.reserveCapacity(bytes.count)
            var i = 0
            while i < bytes.count {
                let b = bytes[i]
                if b < 0x80 {
                    out.append(b >= 0x41 && b <= 0x5A ? b + 32 : b)
                    i += 1
                    continue
                }
                let start = i
                let p = Unicode.Scalar(UTF8Scalars.next(bytes, &i))!.properties
                if p.changesWhenLowercased { out.append(contentsOf: p.lowercaseMapping.utf8) } else { out.append(contentsOf: bytes[start..<i]) }
            }
            return out
        }
    }

    /// Straight double quotes come in pairs, curly ones open and close as often, and a sentence
    /// never starts inside a quote it does not close.
    static func balancedQuotes(_ s: String) -> Bool {
        var straight = 0, open = 0, close = 0, parens = 0
        // Over bytes: `"`, `(`, `)` are ASCII, and `“` `”` are E2 80 9C and E2 80 9D.
        return UTF8Scalars.withBytes(of: s) { b in
            var i = 0
            while i < b.count {
                switch b[i] {
                case 0x22: straight += 1
                case 0x28: parens += 1
                case 0x29: parens -= 1
                case 0xE2 where i + 2 < b.count && b[i + 1] == 0x80 && (b[i + 2] == 0x9C || b[i + 2] == 0x9D):
                    if b[i + 2] == 0x9C { open += 1 } else { close += 1 }
                    i += 2
                default:
                    i += 1
                    continue
                }
                i += 1
                if parens < 0 || close > open { return false }
            }
            return straight % 2 == 0 && open == close && parens == 0
        }
    }

    /// What may follow a sentence's final stop: closing quotes and brackets.
    static let closers: Set<Unicode.Scalar> = ["\"", "”", "’", "'", ")"]

    /// The word without punctuation (Unicode P*) at either end.
    static func trimmingPunctuation(_ word: String) -> String {
        let scalars = word.unicodeScalars
        let punctuation = CharacterSet.punctuationCharacters
        guard let start = scalars.firstIndex(where: { !punctuation.contains($0) }) else { return "" }
        let end = scalars.lastIndex(where: { !punctuation.contains($0) })!
        return String(scalars[start...end])
    }

    /// "WASHINGTON (AP) — The Senate…" → "The Senate…"; text without a dateline is returned as is.
    /// Only a prefix is cut, so the result is still text the article contains.
    public static func removingDateline(_ sentence: String) -> String {
        let dashes: Set<Character> = ["—", "–", "-"]
        guard let dash = sentence.prefix(60).firstIndex(where: { dashes.contains($0) }) else { return sentence }
        // The dash run must stand apart ("PARIS — ", "PARIS –- "), not join a word ("ANTI-WAR").
        var end = dash
        while end < sentence.endIndex, dashes.contains(sentence[end]) { end = sentence.index(after: end) }
        let spacedBefore = dash > sentence.startIndex && sentence[sentence.index(before: dash)] == " "
        let spacedAfter = end < sentence.endIndex && sentence[end] == " "
        guard spacedBefore || spacedAfter || sentence.distance(from: dash, to: end) > 1 else { return sentence }
        // A dateline is a place in capitals, maybe with a state, a date or an outlet after it.
        let head = sentence[..<dash]
        let place = head.split(whereSeparator: { $0 == "(" || $0 == "," }).first.map(String.init) ?? String(head)
        let letters = place.unicodeScalars.filter { CharacterSet.letters.contains($0) }
        guard letters.count >= 2, letters.allSatisfy({ CharacterSet.uppercaseLetters.contains($0) }) else { return sentence }
        let rest = sentence[end...].trimmingCharacters(in: .whitespaces)
        return rest.isEmpty ? sentence : rest
    }
}
