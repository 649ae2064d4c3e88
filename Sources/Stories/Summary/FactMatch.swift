import Foundation

/// Whether another outlet's sentence states the main fact of a summary sentence — the test
/// behind every "also reported by" citation. Lexical similarity alone is not it: two sentences
/// about the same people on the same subject share most of their names and still say different
/// things. A sentence counts only when all of these hold:
///
/// 1. It is a statement: at least `minWords` words, ending as a sentence does; no heading, no
///    question, no page furniture ("RELATED: …").
/// 2. It covers the summary sentence: the TF-IDF weight of the summary sentence's terms that it
///    contains is at least `coverage` of the whole (cosine is symmetric; a long sentence that
///    mentions the same names, or a short one that says one detail, scores well on it and
///    states something else).
/// 3. It carries the *claim*, not only the actors: of the weight of the summary sentence's
///    lower-case terms (what happened, as against who and where), at least `claimCoverage`.
/// 4. It has the same subject: the summary sentence's first name (the first word written with a
///    capital letter that the story also writes so mid-sentence) is in it ("LaCasse does not
///    recall" is not "Sanchez did not recall").
/// 5. Numbers agree: every number of the summary sentence is in it ("71%" is not supported by
///    "67%", nor "6,200 attended" by "1 million requested tickets"; "71 percent" is "71%").
/// 6. Polarity agrees: a negation ("not", "no", "never", "n't"…) in one and not the other is a
///    different claim ("did not respond" for "apologized").
public struct FactMatch: Sendable, Equatable {
    public var coverage = 0.45
    public var claimCoverage = 0.5
    public var minWords = 6

    public init() {}

    /// What the test reads of one sentence.
    struct Profile {
        /// Term ids (in the story's sentence space) of words written with a capital letter: names.
        var nameTerms: Set<Int32>
        /// The first name of the sentence (see rule 4), if it has one.
        var subject: Int32?
        var numbers: Set<String>
        var negated: Bool
        var statement: Bool
    }

    /// `summary` and `other` are the two sentences' TF-IDF vectors; `profiles` what else the
    /// test reads of each.
    func supports(summary s: SparseVector, _ sp: Profile, other c: SparseVector, _ cp: Profile) -> Bool {
        covers(summary: s, sp, other: c) && agrees(sp, cp)
    }

    /// Rules 1, 5 and 6: what needs the other sentence's profile (read only for the sentences
    /// that pass `covers`, which needs its vector alone).
    func agrees(_ sp: Profile, _ cp: Profile) -> Bool {
        cp.statement && sp.negated == cp.negated && sp.numbers.isSubset(of: cp.numbers)
    }

    /// Rules 2, 3 and 4: the other sentence holds the summary sentence's weight, claim and subject.
    func covers(summary s: SparseVector, _ sp: Profile, other c: SparseVector) -> Bool {
        if let subject = sp.subject, !c.contains(subject) { return false }
        // Weight of the summary sentence's terms found in the other (its vector has unit length,
        // so the squares sum to 1), in all and for its lower-case terms alone.
        var covered: Float = 0, claim: Float = 0, claimTotal: Float = 0
        var i = 0, j = 0
        while i < s.terms.count {
            let t = s.terms[i]
            let w2 = s.weights[i] * s.weights[i]
            let isName = sp.nameTerms.contains(t)
            if !isName { claimTotal += w2 }
            while j < c.terms.count && c.terms[j] < t { j += 1 }
            if j < c.terms.count && c.terms[j] == t {
                covered += w2
                if !isName { claim += w2 }
            }
            i += 1
        }
        guard Double(covered) >= coverage else { return false }
        return claimTotal == 0 || Double(claim / claimTotal) >= claimCoverage
    }

    /// Numbers of a text, as written without thousands separators or a trailing stop:
    /// "1,200" → "1200", "71%" and "71 percent" → "71", "3.5" → "3.5".
    static func numbers(in text: String) -> Set<String> {
        var out: Set<String> = []
        var current: [UInt8] = []
        func flush() {
            while let last = current.last, last == 0x2E { current.removeLast() }
            if !current.isEmpty { out.insert(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = Array(text.utf8)
        for (k, b) in bytes.enumerated() {
            if b >= 0x30 && b <= 0x39 {
                current.append(b)
            } else if !current.isEmpty, b == 0x2C || b == 0x2E, k + 1 < bytes.count, bytes[k + 1] >= 0x30 && bytes[k + 1] <= 0x39 {
                if b == 0x2E { current.append(b) } // a decimal point; a comma only groups thousands
            } else {
                flush()
            }
        }
        flush()
        return out
    }

    static let negations: Set<String> = ["not", "no", "never", "none", "neither", "nor", "nothing", "nobody", "cannot"]

    static let negationBytes: Set<[UInt8]> = Set(negations.map { Array($0.utf8) })

    /// True when the text holds a negation word or a contracted "n't" (over its lower-cased
    /// bytes: this runs for every sentence a citation is weighed for).
    static func isNegated(_ text: String) -> Bool {
        let bytes = SentenceQuality.lowercasedBytes(text)
        var start = 0
        func ends(_ word: ArraySlice<UInt8>) -> Bool {
            if negationBytes.contains(Array(word)) { return true }
            // "n't" and "n’t" (E2 80 99)
            if word.count >= 3, word.suffix(2).elementsEqual([0x27, 0x74]), word[word.endIndex - 3] == 0x6E { return true }
            if word.count >= 5, word.suffix(4).elementsEqual([0xE2, 0x80, 0x99, 0x74]), word[word.endIndex - 5] == 0x6E { return true }
            return false
        }
        var i = 0
        while i <= bytes.count {
            let b = i < bytes.count ? bytes[i] : 0x20
            let inWord = (b >= 0x61 && b <= 0x7A) || b == 0x27 || b >= 0x80
            if !inWord {
                if i > start, ends(bytes[start..<i]) { return true }
                start = i + 1
            }
            i += 1
        }
        return false
    }

    /// Shaped as a statement: enough words, ending with a stop (closing quotes and brackets
    /// aside), no furniture phrase.
    func isStatement(_ text: String, words: Int) -> Bool {
        guard words >= minWords else { return false }
        guard let end = text.unicodeScalars.last(where: { !SentenceQuality.closers.contains($0) }), end == "." || end == "!" else { return false }
        return !SentenceQuality.containsFurniture(SentenceQuality.lowercasedBytes(text)) && !text.contains("RELATED")
    }
}
