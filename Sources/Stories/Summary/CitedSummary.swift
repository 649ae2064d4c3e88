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
    /// What another article's sentence must also meet to be cited for a summary sentence.
    public var factMatch = FactMatch()
    /// A leading candidate sentence that another article states too (a citation) has its score
    /// multiplied by this.
    public var corroboratedWeight = 2.0

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
        var scored = Self.centrality(units, articles: byArticle.map { SparseVector.centroid($0.map { units[$0].vector }, dimension: space.termCount) },
                                     outlets: members.map(\.sourceKey))
        var citer = Citer(units: units, byArticle: byArticle, ids: members.map(\.article.id), space: space, options: options)

        let target = min(options.maxSentences, max(options.minSentences, members.count + 1))
        // Of the leading candidates, one another outlet also states counts double: a summary
        // sentence two outlets report is worth more to the reader than one only its own makes.
        if members.count > 1 {
            let leading = min(scored.count, 3 * target)
            for k in 0..<leading where !citer.othersCiting(scored[k].unit).isEmpty { scored[k].score *= options.corroboratedWeight }
            scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.unit < $1.unit }
        }
        var picked = pick(scored, units: units, target: target)

        // Reading order: the sentence nearer the top of its article first.
        picked.sort { a, b in
            let pa = Double(units[a].position) / Double(max(1, byArticle[units[a].article].count))
            let pb = Double(units[b].position) / Double(max(1, byArticle[units[b].article].count))
            return pa != pb ? pa < pb : a < b
        }

        return picked.map { choice in
            let u = units[choice]
            let citations = [Citation(articleID: members[u.article].article.id, similarity: 1, sentence: u.text)] + citer.othersCiting(choice)
            return SummarySentence(text: u.text, citations: citations)
        }
    }

    /// Centrality of each candidate sentence: mean similarity to the articles of *other* outlets
    /// (to the whole story when only one outlet wrote with body text), weighted towards the
    /// lead; best first.
    static func centrality(_ units: [Unit], articles articleVectors: [SparseVector], outlets outletOf: [String]) -> [(unit: Int, score: Double)] {
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
            // So is a columnist's own voice ("I wrote a column…", "you would have no idea…").
            let voiced = speaksInPerson(u.text) ? 0.5 : 1
            // The small constant ranks sentences no other outlet echoes by position, so a story with
            // little overlap still gets its minimum of sentences.
            scored.append((i, (support + 0.001) * lead * quoted * voiced))
        }
        scored.sort { $0.score != $1.score ? $0.score > $1.score : $0.unit < $1.unit }
        return scored
    }

    /// Words of a writer speaking in person or to the reader, as whole words: "I", "I'm", "my",
    /// "me", "we", "our", "you", "your" (a report's "we" is rare outside a quote or a column; "us"
    /// is left out: it is also the country).
    static let personWords: Set<String> = ["i", "i'm", "i’m", "i've", "i’ve", "i'd", "i’d", "my", "me", "myself", "we", "we're", "we’re", "our", "you", "you're", "you’re", "your"]

    /// Whether a sentence speaks in the first or second person outside quotation marks.
    static func speaksInPerson(_ text: String) -> Bool {
        speaksInPersonBytes(text) ?? speaksInPersonCharacters(text)
    }

    /// `speaksInPerson` over UTF-8 bytes, for text of ASCII, no-break spaces and the punctuation
    /// of U+2010–U+2027 (dashes, curly quotes, ellipsis), none of which is a letter or joins the
    /// character before it; nil for any other text, which the Character-level reading takes.
    static func speaksInPersonBytes(_ text: String) -> Bool? {
        var text = text
        return text.withUTF8 { bytes -> Bool? in
            var inQuote = false
            // The word so far, lowercased, as long as it may still be one of `personWords`
            // (at most 8 bytes: "you’re"); `tooLong` once it cannot.
            var word: [UInt8] = []
            word.reserveCapacity(8)
            var tooLong = false
            func check() -> Bool {
                defer { word.removeAll(keepingCapacity: true); tooLong = false }
                return !inQuote && !tooLong && !word.isEmpty && Self.personWordBytes.contains(word)
            }
            func append(_ b: UInt8) {
                if word.count < 8 { word.append(b) } else { tooLong = true }
            }
            var i = 0
            let n = bytes.count
            while i < n {
                let b = bytes[i]
                if b < 0x80 {
                    if b == 0x22 { // "
                        if check() { return true }
                        inQuote.toggle()
                    } else if (b | 0x20) >= 0x61 && (b | 0x20) <= 0x7A {
                        append(b | 0x20)
                    } else if b == 0x27 { // '
                        append(b)
                    } else if check() {
                        return true
                    }
                    i += 1
                } else if b == 0xC2, i + 1 < n, bytes[i + 1] == 0xA0 { // no-break space
                    if check() { return true }
                    i += 2
                } else if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, (0x90...0xA7).contains(bytes[i + 2]) {
                    switch bytes[i + 2] {
                    case 0x9C: // “
                        if check() { return true }
                        inQuote = true
                    case 0x9D: // ”
                        if check() { return true }
                        inQuote = false
                    case 0x99: // ’
                        append(0xE2); append(0x80); append(0x99)
                    default:
                        if check() { return true }
                    }
                    i += 3
                } else {
                    return nil
                }
            }
            return check()
        }
    }

    static let personWordBytes: Set<[UInt8]> = Set(personWords.map { Array($0.utf8) })

    /// The reading of `speaksInPerson` by Characters, for any text.
    static func speaksInPersonCharacters(_ text: String) -> Bool {
        var inQuote = false
        var word = ""
        func check() -> Bool { defer { word = "" }; return !inQuote && personWords.contains(word) }
        for ch in text.lowercased() {
            if ch == "\"" || ch == "“" || ch == "”" {
                if check() { return true }
                inQuote = ch == "\"" ? !inQuote : ch == "“"
            } else if ch.isLetter || ch == "'" || ch == "’" {
                word.append(ch)
            } else if check() {
                return true
            }
        }
        return check()
    }

    /// Greedy, non-redundant pick; a second sentence from the same article must earn its place.
    func pick(_ scored: [(unit: Int, score: Double)], units: [Unit], target: Int) -> [Int] {
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
        return picked
    }

    /// The other articles that state a sentence's fact (`FactMatch`): each cited by its sentence
    /// most similar to this one among those that do; an article with none is not cited. Made
    /// once a sentence, for the leading candidates and the picked ones.
    struct Citer {
        let units: [Unit]
        let byArticle: [[Int]]
        let ids: [String]
        let space: SentenceSpace
        let options: SummaryOptions
        private var profiles: [FactMatch.Profile?]
        private var citing: [Int: [Citation]] = [:]
        private var dense: DenseScratch

        init(units: [Unit], byArticle: [[Int]], ids: [String], space: SentenceSpace, options: SummaryOptions) {
            self.units = units
            self.byArticle = byArticle
            self.ids = ids
            self.space = space
            self.options = options
            profiles = [FactMatch.Profile?](repeating: nil, count: units.count)
            dense = DenseScratch(dimension: space.termCount)
        }

        mutating func profile(_ i: Int) -> FactMatch.Profile {
            if let known = profiles[i] { return known }
            let made = space.factProfile(units[i].text, words: units[i].words, capitals: space.capitals[space.sentences[i].capitals], rule: options.factMatch)
            profiles[i] = made
            return made
        }

        mutating func othersCiting(_ unit: Int) -> [Citation] {
            if let known = citing[unit] { return known }
            let u = units[unit]
            let rule = options.factMatch
            dense.load(u.vector)
            var others: [Citation] = []
            for (a, list) in byArticle.enumerated() where a != u.article {
                var best = -1, bestSim = 0.0
                for i in list where units[i].words >= options.citeMinWords {
                    let s = Double(dense.dot(units[i].vector))
                    guard s >= options.citeThreshold, s > bestSim else { continue }
                    let mine = profile(unit)
                    guard rule.covers(summary: u.vector, mine, other: units[i].vector), rule.agrees(mine, profile(i)) else { continue }
                    bestSim = s
                    best = i
                }
                if best >= 0 {
                    others.append(Citation(articleID: ids[a], similarity: bestSim, sentence: units[best].text))
                }
            }
            others.sort { $0.similarity != $1.similarity ? $0.similarity > $1.similarity : $0.articleID < $1.articleID }
            citing[unit] = others
            return others
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
        /// Where its terms written with a capital letter are in the space's `capitals`, in order.
        var capitals: Range<Int>
    }

    public private(set) var sentences: [Sentence] = []
    /// How many distinct terms the sentences use (term ids are below it).
    var termCount: Int { ids.count }
    private var ids = TermIDs(capacity: 1024)
    private var df: [Float] = []
    private var sentenceCount: Float = 1
    /// The terms the story's sentences write with a capital letter after their first word:
    /// names, as against words capitalised because they open a sentence ("Despite …").
    private(set) var names: Set<Int32> = []
    /// The terms written with a capital letter, of every sentence in turn (one array for the
    /// space, not one per sentence: this is made for every story).
    private(set) var capitals: [TermCounts.Capital] = []

    /// The first `limit` sentences of each article with body text.
    public init(articles: [Article], limit: Int = 80) {
        var raw: [(text: String, article: Int, position: Int, counts: TermCounts, capitals: Range<Int>)] = []
        var scratch: [Int32] = []
        var capitals: [TermCounts.Capital] = []
        for (a, article) in articles.enumerated() {
            var position = 0
            for text in Self.sentences(of: article, limit: limit) {
                let start = capitals.count
                let counts = termCounts(text, adding: true, scratch: &scratch, capitals: &capitals)
                guard !counts.terms.isEmpty else { capitals.removeSubrange(start...); continue }
                raw.append((text, a, position, counts, start..<capitals.count))
                position += 1
            }
        }
        self.capitals = capitals
        sentenceCount = Float(max(1, raw.count))
        df = [Float](repeating: 0, count: ids.count)
        for r in raw { for t in r.counts.terms { df[Int(t)] += 1 } }
        sentences = raw.map {
            Sentence(text: $0.text, article: $0.article, position: $0.position, vector: weigh($0.counts),
                     plain: SparseVector(sortedTerms: $0.counts.terms, values: $0.counts.counts), capitals: $0.capitals)
        }
        for c in capitals where !c.first { names.insert(c.term) }
    }

    /// A text's terms in id order, with how often each occurs.
    struct TermCounts {
        var terms: [Int32] = []
        var counts: [Float] = []
        /// A term written with a capital letter; `first` when it is the text's first word.
        struct Capital: Sendable {
            var term: Int32
            var first: Bool
        }
    }

    /// `scratch` is reused between calls: one array of ids per sentence, sorted and run-length
    /// counted, costs far less than a dictionary per sentence.
    /// The terms written with a capital letter are appended to `capitals`.
    private mutating func termCounts(_ text: String, adding: Bool, scratch: inout [Int32], capitals: inout [TermCounts.Capital]) -> TermCounts {
        scratch.removeAll(keepingCapacity: true)
        var out = TermCounts()
        Terms.forEach(in: text) { h, _, written in
            let id = adding ? ids.insert(h).id : ids.id(of: h)
            guard let id else { return }
            scratch.append(id)
            if written.capitalized { capitals.append(TermCounts.Capital(term: id, first: written.first)) }
        }
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

    /// What `FactMatch` reads of a sentence: its names (the terms written with a capital
    /// letter, its first word too), its subject (the first of them that is a name of the story
    /// or stands inside the sentence), numbers, negation and shape.
    func factProfile(_ text: String, words: Int, capitals: ArraySlice<TermCounts.Capital>, rule: FactMatch) -> FactMatch.Profile {
        FactMatch.Profile(nameTerms: Set(capitals.map(\.term)), subject: capitals.first { !$0.first || names.contains($0.term) }?.term,
                          numbers: FactMatch.numbers(in: text), negated: FactMatch.isNegated(text),
                          statement: rule.isStatement(text, words: words))
    }

    /// Whether `other` may be cited as stating the fact of the summary sentence `summary`: at
    /// least `threshold` similar, and `rule` holds (what `CitedSummary` asks of a citation).
    public func statesFact(of summary: String, _ other: String, threshold: Double, rule: FactMatch = FactMatch()) -> Bool {
        var copy = self
        var scratch: [Int32] = []
        var capsA: [TermCounts.Capital] = [], capsB: [TermCounts.Capital] = []
        let ca = copy.termCounts(summary, adding: false, scratch: &scratch, capitals: &capsA)
        let cb = copy.termCounts(other, adding: false, scratch: &scratch, capitals: &capsB)
        let (a, b) = (copy.weigh(ca), copy.weigh(cb))
        guard a.dot(b) >= threshold else { return false }
        return rule.supports(summary: a, factProfile(summary, words: SentenceQuality.wordCount(summary), capitals: capsA[...], rule: rule),
                             other: b, factProfile(other, words: SentenceQuality.wordCount(other), capitals: capsB[...], rule: rule))
    }

    /// Cosine similarity of two texts in this space (words the story never uses count for nothing).
    public func similarity(_ a: String, _ b: String) -> Double {
        var copy = self
        var scratch: [Int32] = []
        var capitals: [TermCounts.Capital] = []
        let va = copy.weigh(copy.termCounts(a, adding: false, scratch: &scratch, capitals: &capitals))
        let vb = copy.weigh(copy.termCounts(b, adding: false, scratch: &scratch, capitals: &capitals))
        return va.dot(vb)
    }

    /// Cosine of the plain word counts of two texts.
    public func wordOverlap(_ a: String, _ b: String) -> Double {
        var copy = self
        var scratch: [Int32] = []
        var capitals: [TermCounts.Capital] = []
        let ca = copy.termCounts(a, adding: false, scratch: &scratch, capitals: &capitals)
        let cb = copy.termCounts(b, adding: false, scratch: &scratch, capitals: &capitals)
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
