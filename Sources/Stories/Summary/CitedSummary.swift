import Corpus
import Foundation

/// One article that carries a summary sentence's fact: the sentence of it that says it best and
/// how close the two are (cosine of their TF-IDF vectors; 1 for the article the sentence is from).
public struct Citation: Sendable, Hashable {
    public var articleID: String
    public var similarity: Double
    /// The article's own sentence that matched.
    public var sentence: String

    public init(articleID: String, similarity: Double, sentence: String) {
        self.articleID = articleID
        self.similarity = similarity
        self.sentence = sentence
    }
}

/// A sentence of a summary, copied from an article, and every article that reports it.
public struct SummarySentence: Sendable, Hashable {
    public var text: String
    /// The article it was taken from first, then every other article that carries the same fact,
    /// most similar first.
    public var citations: [Citation]

    public var articleIDs: [String] { citations.map(\.articleID) }

    public init(text: String, citations: [Citation]) {
        self.text = text
        self.citations = citations
    }
}

/// The knobs of the cited summary; the methodology page states them.
public struct SummaryOptions: Sendable, Equatable {
    /// How many sentences, at most and at least (when the articles have enough prose).
    public var maxSentences = 5
    public var minSentences = 3
    /// An article cites a summary sentence when one of its sentences is at least this similar.
    public var citeThreshold = 0.33
    /// …and has at least this many words (a bare "What now?" matches too easily).
    public var citeMinWords = 6
    /// Two candidate sentences at least this similar say the same thing: only one is kept…
    public var redundancy = 0.30
    /// …nor two sharing this much of their words (cosine of plain word counts: words the whole
    /// story uses weigh little in TF-IDF, yet two sentences made of them still repeat each other).
    public var wordOverlap = 0.4
    /// Candidates come from the first sentences of each article (leads carry the facts)…
    public var candidateSentencesPerArticle = 14
    /// …and citations are searched in this many sentences of every article.
    public var searchedSentencesPerArticle = 60

    public init() {}
}

/// The cited summary of DESIGN.md §4: 3–5 sentences extracted from the cleaned articles, central to
/// the story, not redundant with each other, never clutter or half a quote; each cites every
/// article that carries the same fact.
///
/// Method: every sentence is a TF-IDF vector over the story's own sentences (stop words out,
/// plurals folded). A candidate's *centrality* is its mean cosine with the other outlets'
/// articles (how much of it the rest of the coverage repeats), weighted towards the top of its
/// article. Sentences are picked greedily by centrality, skipping any too close to one already
/// picked, then put in the order the articles tell them. Each picked sentence cites every article
/// holding a sentence at least `citeThreshold` similar.
public struct CitedSummary: Sendable {
    public var options: SummaryOptions

    public init(options: SummaryOptions = SummaryOptions()) {
        self.options = options
    }

    /// A sentence of an article, with where it stands.
    struct Unit {
        var text: String
        var article: Int
        var position: Int
        var vector: SparseVector
        var plain: SparseVector
        var candidate: Bool
        var words: Int
    }

    public func make(for story: Story) -> [SummarySentence] {
        let members = story.articles.filter { $0.article.body != nil }
        guard !members.isEmpty else { return [] }

        let space = SentenceSpace(articles: members.map(\.article), limit: options.searchedSentencesPerArticle)
        let units: [Unit] = space.sentences.map { s in
            Unit(text: s.text, article: s.article, position: s.position, vector: s.vector, plain: s.plain,
                 candidate: s.position < options.candidateSentencesPerArticle && SentenceQuality.isSummaryCandidate(s.text),
                 words: SentenceQuality.wordCount(s.text))
        }
        guard !units.isEmpty else { return [] }

        // Each article as the centroid of its sentences.
        var byArticle = [[Int]](repeating: [], count: members.count)
        for (i, u) in units.enumerated() { byArticle[u.article].append(i) }
        let articleVectors = byArticle.map { SparseVector.centroid($0.map { units[$0].vector }, dimension: space.termCount) }

        // Centrality: mean similarity to the articles of *other* outlets (to the whole story when
        // only one outlet wrote with body text), weighted towards the lead.
        let outletOf = members.map(\.sourceKey)
        var scored: [(unit: Int, score: Double)] = []
        for (i, u) in units.enumerated() where u.candidate {
            var sum = 0.0, count = 0
            for (a, v) in articleVectors.enumerated() where outletOf[a] != outletOf[u.article] {
                sum += u.vector.dot(v)
                count += 1
            }
            let support = count > 0 ? sum / Double(count) : u.vector.dot(articleVectors[u.article])
            let lead = 1 / (1 + 0.08 * Double(u.position))
            // A quotation is one voice's words; a statement of what happened summarises better.
            let quoted = u.text.hasPrefix("\"") || u.text.hasPrefix("“") ? 0.7 : 1
            // The small constant ranks sentences no other outlet echoes by position, so a story with
            // little overlap still gets its minimum of sentences.
            scored.append((i, (support + 0.001) * lead * quoted))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.unit < $1.unit }

        // Greedy, non-redundant pick; a second sentence from the same article must earn its place.
        let target = min(options.maxSentences, max(options.minSentences, members.count + 1))
        var picked: [Int] = []
        var usedArticles: [Int: Int] = [:]
        var pool = scored
        while picked.count < target, !pool.isEmpty {
            // Past the minimum, only sentences the other outlets echo are worth adding.
            if picked.count >= options.minSentences, let top = pool.first, top.score < 0.01 { break }
            var bestIndex = -1
            var bestScore = -1.0
            for (k, entry) in pool.enumerated() {
                let u = units[entry.unit]
                let penalty = pow(0.8, Double(usedArticles[u.article] ?? 0))
                let s = entry.score * penalty
                if s > bestScore { bestScore = s; bestIndex = k }
            }
            guard bestIndex >= 0, bestScore > 0 else { break }
            let choice = pool.remove(at: bestIndex).unit
            let redundant = picked.contains {
                units[$0].vector.dot(units[choice].vector) >= options.redundancy
                    || units[$0].plain.dot(units[choice].plain) >= options.wordOverlap
                    || units[$0].text == units[choice].text
            }
            if redundant { continue }
            picked.append(choice)
            usedArticles[units[choice].article, default: 0] += 1
        }

        // Reading order: the sentence nearer the top of its article first.
        picked.sort { a, b in
            let pa = Double(units[a].position) / Double(max(1, byArticle[units[a].article].count))
            let pb = Double(units[b].position) / Double(max(1, byArticle[units[b].article].count))
            return pa != pb ? pa < pb : a < b
        }

        return picked.map { choice in
            let u = units[choice]
            var citations = [Citation(articleID: members[u.article].article.id, similarity: 1, sentence: u.text)]
            var others: [Citation] = []
            for (a, list) in byArticle.enumerated() where a != u.article {
                var best = -1, bestSim = 0.0
                for i in list where units[i].words >= options.citeMinWords {
                    let s = units[i].vector.dot(u.vector)
                    if s > bestSim { bestSim = s; best = i }
                }
                if best >= 0, bestSim >= options.citeThreshold {
                    others.append(Citation(articleID: members[a].article.id, similarity: bestSim, sentence: units[best].text))
                }
            }
            others.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.articleID < $1.articleID }
            citations += others
            return SummarySentence(text: u.text, citations: citations)
        }
    }

}

/// The sentences of a story's articles as TF-IDF vectors over the story's own sentences: what the
/// summary ranks and what citations compare.
public struct SentenceSpace: Sendable {
    public struct Sentence: Sendable {
        public var text: String
        /// Index of the article in the list the space was made from.
        public var article: Int
        /// Index among the article's sentences.
        public var position: Int
        var vector: SparseVector
        /// Plain word counts, unit length.
        var plain: SparseVector
    }

    public private(set) var sentences: [Sentence] = []
    /// How many distinct terms the sentences use (term ids are below it).
    var termCount: Int { ids.count }
    private var ids = TermIDs(capacity: 1024)
    private var df: [Float] = []
    private var sentenceCount: Float = 1

    /// The first `limit` sentences of each article with body text.
    public init(articles: [Article], limit: Int = 80) {
        var raw: [(text: String, article: Int, position: Int, counts: TermCounts)] = []
        var scratch: [Int32] = []
        for (a, article) in articles.enumerated() {
            var position = 0
            for text in Self.sentences(of: article, limit: limit) {
                let counts = termCounts(text, adding: true, scratch: &scratch)
                guard !counts.terms.isEmpty else { continue }
                raw.append((text, a, position, counts))
                position += 1
            }
        }
        sentenceCount = Float(max(1, raw.count))
        df = [Float](repeating: 0, count: ids.count)
        for r in raw { for t in r.counts.terms { df[Int(t)] += 1 } }
        sentences = raw.map {
            Sentence(text: $0.text, article: $0.article, position: $0.position, vector: weigh($0.counts),
                     plain: SparseVector(sortedTerms: $0.counts.terms, values: $0.counts.counts))
        }
    }

    /// A text's terms in id order, with how often each occurs.
    struct TermCounts {
        var terms: [Int32] = []
        var counts: [Float] = []
    }

    /// `scratch` is reused between calls: one array of ids per sentence, sorted and run-length
    /// counted, costs far less than a dictionary per sentence.
    private mutating func termCounts(_ text: String, adding: Bool, scratch: inout [Int32]) -> TermCounts {
        scratch.removeAll(keepingCapacity: true)
        Terms.forEach(in: text) { h, _ in
            if adding { scratch.append(ids.insert(h).id) } else if let known = ids.id(of: h) { scratch.append(known) }
        }
        var out = TermCounts()
        guard !scratch.isEmpty else { return out }
        scratch.sort()
        out.terms.reserveCapacity(scratch.count)
        out.counts.reserveCapacity(scratch.count)
        for t in scratch {
            if out.terms.last == t { out.counts[out.counts.count - 1] += 1 } else { out.terms.append(t); out.counts.append(1) }
        }
        return out
    }

    private func weigh(_ c: TermCounts) -> SparseVector {
        var weights = [Float](repeating: 0, count: c.terms.count)
        for k in c.terms.indices {
            weights[k] = (1 + log(c.counts[k])) * log(1 + sentenceCount / max(1, df[Int(c.terms[k])]))
        }
        return SparseVector(sortedTerms: c.terms, values: weights)
    }

    /// Cosine similarity of two texts in this space (words the story never uses count for nothing).
    public func similarity(_ a: String, _ b: String) -> Double {
        var copy = self
        var scratch: [Int32] = []
        let va = copy.weigh(copy.termCounts(a, adding: false, scratch: &scratch))
        let vb = copy.weigh(copy.termCounts(b, adding: false, scratch: &scratch))
        return va.dot(vb)
    }

    /// Cosine of the plain word counts of two texts.
    public func wordOverlap(_ a: String, _ b: String) -> Double {
        var copy = self
        var scratch: [Int32] = []
        let ca = copy.termCounts(a, adding: false, scratch: &scratch)
        let cb = copy.termCounts(b, adding: false, scratch: &scratch)
        return SparseVector(sortedTerms: ca.terms, values: ca.counts).dot(SparseVector(sortedTerms: cb.terms, values: cb.counts))
    }

    /// The sentences of an article's cleaned body, in order, a dateline ("WASHINGTON (AP) —")
    /// cut from the front of the first.
    public static func sentences(of article: Article, limit: Int = .max) -> [String] {
        var out: [String] = []
        for paragraph in article.paragraphSequence {
            // Line breaks as spaces, over bytes ("\n" is always a character of its own).
            let flat = paragraph.utf8.contains(0x0A) ? String(decoding: paragraph.utf8.map { $0 == 0x0A ? 0x20 : $0 }, as: UTF8.self) : paragraph
            for sentence in Sentences.split(flat) {
                out.append(out.isEmpty ? SentenceQuality.removingDateline(sentence) : sentence)
                if out.count >= limit { return out }
            }
        }
        return out
    }
}
