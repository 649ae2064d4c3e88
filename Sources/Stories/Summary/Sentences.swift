import Corpus
import Foundation

/// Sentence splitting that knows the common abbreviations of English news text.
public enum Sentences {
    static let abbreviations: Set<String> = [
        "mr", "mrs", "ms", "dr", "sen", "rep", "gov", "gen", "lt", "col", "sgt", "st", "jr", "sr", "prof",
        "inc", "corp", "co", "ltd", "vs", "no", "jan", "feb", "mar", "apr", "aug", "sept", "sep", "oct", "nov", "dec",
        "u.s", "u.k", "u.n", "d.c", "a.m", "p.m", "e.g", "i.e", "st",
    ]

    public static func split(_ paragraph: String) -> [String] {
        var sentences: [String] = []
        var current = ""
        let chars = Array(paragraph)
        var i = 0
        while i < chars.count {
            let c = chars[i]
            current.append(c)
            if c == "." || c == "!" || c == "?" {
                // Swallow closing quotes and brackets that end the sentence with it.
                while i + 1 < chars.count, "\"”’')]".contains(chars[i + 1]) {
                    i += 1
                    current.append(chars[i])
                }
                var next = i + 1
                while next < chars.count, chars[next] == " " || chars[next] == "\u{00A0}" { next += 1 }
                let spaced = next > i + 1
                let nextIsBoundary = i + 1 >= chars.count || (spaced && next < chars.count && (chars[next].isUppercase || "\"“‘(".contains(chars[next])))
                if nextIsBoundary && !endsWithAbbreviation(current) {
                    sentences.append(current.trimmed)
                    current = ""
                }
            }
            i += 1
        }
        let rest = current.trimmed
        if !rest.isEmpty { sentences.append(rest) }
        return sentences
    }

    static func endsWithAbbreviation(_ text: String) -> Bool {
        guard text.hasSuffix(".") else { return false }
        let lastWord = text.dropLast().split(separator: " ").last.map { $0.lowercased() } ?? ""
        let word = lastWord.trimmingCharacters(in: CharacterSet(charactersIn: "(\"“"))
        if word.count == 1 { return true } // an initial: "John F. Kennedy"
        return abbreviations.contains(word)
    }

    /// The first sentence of the article's first paragraph that reads as prose (at least eight
    /// words, ends like a sentence).
    public static func lead(of article: Article) -> String? {
        for paragraph in article.paragraphs.prefix(6) {
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
