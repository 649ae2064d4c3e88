import Corpus
import Foundation

/// A sentence of a summary and the articles it is taken from.
public struct SummarySentence: Sendable, Hashable {
    public var text: String
    /// Ids of the articles that carry this sentence (the first is where it was taken from).
    public var articleIDs: [String]
}

/// The interim summary: the lead sentence of up to `limit` articles, one per outlet, taken in
/// turn from each side so no one side's framing leads. Every sentence is copied from an article,
/// never written. (The cited, de-duplicated summary of DESIGN.md §4 replaces this later.)
public enum LeadSummary {
    public static func make(for story: Story, limit: Int = 3) -> [SummarySentence] {
        var bySide: [Side: [SourcedArticle]] = [:]
        for member in story.articles where member.article.body != nil {
            bySide[member.side, default: []].append(member)
        }
        var picked: [SummarySentence] = []
        var usedSources: Set<String> = []
        var round = 0
        while picked.count < limit {
            var progressed = false
            for side in [Side.center, .left, .right, .unrated] {
                guard picked.count < limit, let list = bySide[side], round < list.count else { continue }
                progressed = true
                let member = list[round]
                guard !usedSources.contains(member.sourceKey),
                      let sentence = Sentences.lead(of: member.article),
                      !picked.contains(where: { $0.text == sentence }) else { continue }
                usedSources.insert(member.sourceKey)
                picked.append(SummarySentence(text: sentence, articleIDs: [member.article.id]))
            }
            if !progressed { break }
            round += 1
        }
        return picked
    }
}

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
                let nextIsBoundary = i + 1 >= chars.count || (chars[i + 1] == " " && i + 2 < chars.count && (chars[i + 2].isUppercase || "\"“‘(".contains(chars[i + 2])))
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
