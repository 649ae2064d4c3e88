import Foundation

/// The valence of English sentences, after VADER (Hutto & Gilbert, 2014): each word of its lexicon
/// carries a mean valence from −4 to +4 given by human raters; a degree adverb before it ("very",
/// "barely") strengthens or weakens it, a negation among the three words before it ("not", "never",
/// "didn't") turns it over and damps it (× −0.74), and "but" weighs what follows it (× 1.5) over
/// what comes before (× 0.5). A sentence's sum is squashed into −1 … +1 (`x / √(x² + 15)`), VADER's
/// "compound" score. Capital letters and exclamation marks, which VADER also reads, are left out:
/// news text does not shout.
///
/// Words that in news name things rather than judge them ("Supreme Court", "Justice Department",
/// "the Republican party", "health care", "interest rates", "like") are left out of the lexicon
/// (`newsNames`); the methodology page lists them.
public struct ToneScorer: Sendable {
    /// Word → valence (−4 … +4).
    public let lexicon: [String: Double]

    public static let shared = ToneScorer()

    /// Lexicon words that, in news text, mostly name an institution, a title or a thing: chosen
    /// among the 120 lexicon words most frequent in the AllSides corpus ("United States", "Supreme
    /// Court", "special counsel", "intelligence committee", "Super Tuesday", "gun laws", "hide
    /// caption"), before any blind reading.
    public static let newsNames: Set<String> = [
        "justice", "supreme", "united", "party", "parties", "grand", "interest", "interests", "security",
        "care", "like", "likes", "kind", "pretty", "hand", "well", "vice", "chief", "freedom", "liberty",
        "trust", "credit", "please", "ok", "okay", "yes", "no", "major", "fund", "funding", "reserve",
        "intelligence", "special", "top", "defense", "number", "legal", "matter", "energy", "share", "hide",
        "authority", "super", "gun", "guns",
    ]

    static let negations: Set<String> = [
        "aint", "arent", "cannot", "cant", "couldnt", "darent", "didnt", "doesnt", "ain't", "aren't", "can't",
        "couldn't", "daren't", "didn't", "doesn't", "dont", "hadnt", "hasnt", "havent", "isnt", "mightnt",
        "mustnt", "neither", "don't", "hadn't", "hasn't", "haven't", "isn't", "mightn't", "mustn't", "neednt",
        "needn't", "never", "none", "nor", "not", "nothing", "nowhere", "oughtnt", "shant", "shouldnt",
        "wasnt", "werent", "oughtn't", "shan't", "shouldn't", "wasn't", "weren't", "without", "wont",
        "wouldnt", "won't", "wouldn't", "rarely", "seldom", "despite", "no",
    ]

    /// Degree adverbs: + strengthens, − weakens (VADER's ±0.293).
    static let boosters: [String: Double] = {
        let up = ["absolutely", "amazingly", "awfully", "completely", "considerable", "considerably", "decidedly",
                  "deeply", "enormous", "enormously", "entirely", "especially", "exceptional", "exceptionally",
                  "extreme", "extremely", "fully", "greatly", "highly", "hugely", "incredible", "incredibly",
                  "intensely", "particularly", "purely", "quite", "really", "remarkably", "so", "substantially",
                  "thoroughly", "totally", "tremendous", "tremendously", "unbelievably", "unusually", "utter",
                  "utterly", "very", "most", "more"]
        let down = ["almost", "barely", "hardly", "kinda", "less", "little", "marginal", "marginally", "occasional",
                    "occasionally", "partly", "scarce", "scarcely", "slight", "slightly", "somewhat", "sorta"]
        var table: [String: Double] = [:]
        for w in up { table[w] = 0.293 }
        for w in down { table[w] = -0.293 }
        return table
    }()

    /// The lexicon's words and valences.
    let entries: [(word: String, valence: Double)]
    /// Every word the scorer knows (lexicon, negations, adverbs, function words), by hash.
    let known: WordTable

    public init() {
        var table: [String: Double] = [:]
        table.reserveCapacity(7_300)
        for line in vaderLexiconText.split(separator: "\n") {
            guard let tab = line.firstIndex(of: "\t"), let value = Double(line[line.index(after: tab)...]) else { continue }
            let word = String(line[..<tab])
            if Self.newsNames.contains(word) || Self.boosters[word] != nil { continue }
            table[word] = value
        }
        lexicon = table
        let sorted = table.sorted { $0.key < $1.key }
        entries = sorted.map { ($0.key, $0.value) }
        var tokens: [UInt64: Token] = [:]
        func set(_ word: String, _ change: (inout Token) -> Void) {
            var t = tokens[Self.wordHash(word)] ?? Token.plain
            change(&t)
            tokens[Self.wordHash(word)] = t
        }
        for (i, e) in sorted.enumerated() { set(e.key) { $0.entry = Int32(i) } }
        for w in Self.negations { set(w) { $0.negation = true } }
        for w in Self.englishFunctionWords { set(w) { $0.function = true } }
        for (w, v) in Self.boosters { set(w) { $0.booster = v } }
        set("but") { $0.isBut = true }
        known = WordTable(tokens)
    }

    /// An open-addressing table from a word's FNV-1a hash to what the scorer knows of it: one probe
    /// or two per word, with no second hashing of the hash.
    struct WordTable: Sendable {
        var keys: [UInt64]
        var values: [Token]
        var mask: Int

        init(_ table: [UInt64: Token]) {
            var capacity = 16
            while capacity < table.count * 3 { capacity *= 2 }
            mask = capacity - 1
            keys = Array(repeating: 0, count: capacity)
            values = Array(repeating: .plain, count: capacity)
            for (key, value) in table.sorted(by: { $0.key < $1.key }) {
                var i = Int(truncatingIfNeeded: key >> 17) & mask
                while keys[i] != 0 { i = (i + 1) & mask }
                keys[i] = key
                values[i] = value
            }
        }

        @inline(__always) func lookup(_ key: UInt64) -> Token {
            var i = Int(truncatingIfNeeded: key >> 17) & mask
            while true {
                let k = keys[i]
                if k == key { return values[i] }
                if k == 0 { return .plain }
                i = (i + 1) & mask
            }
        }
    }

    /// FNV-1a of a word's bytes: how the scorer finds a word without making a string of it.
    static func wordHash(_ word: String) -> UInt64 {
        var h: UInt64 = 0xcbf29ce484222325
        for b in word.utf8 { h = (h ^ UInt64(b)) &* 0x100000001b3 }
        return h
    }

    /// One word of a sentence as the scorer needs it.
    struct Token: Sendable {
        static let plain = Token(entry: -1, negation: false, booster: 0, isBut: false, function: false)
        var entry: Int32
        var negation: Bool
        var booster: Double
        var isBut: Bool
        /// One of `englishFunctionWords`.
        var function: Bool
        /// The last word of a sentence.
        var endsSentence = false
    }

    /// The words of a sentence, lower-cased as `words` makes them, looked up by hash.
    func tokens(_ sentence: String, into out: inout [Token]) {
        out.removeAll(keepingCapacity: true)
        var text = sentence
        text.withUTF8 { appendTokens($0, to: &out) }
    }

    /// Appends the words of `bytes` to `out`, marking the last word of each sentence: a sentence
    /// ends at `!` or `?`, or at `.` after a word of three letters or more ("Mr.", "U.S." and
    /// initials do not end one), when a space, a quote or the end follows.
    func appendTokens(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [Token]) {
        let basis: UInt64 = 0xcbf29ce484222325
        var h = basis, hAtEnd = basis
        var length = 0, lastLength = 0
        var i = 0
        let n = bytes.count
        while i < n {
            let b = bytes[i]
            var letter = b
            if b >= 0x41 && b <= 0x5A { letter = b + 0x20 }
            if (letter >= 0x61 && letter <= 0x7A) || (b >= 0x30 && b <= 0x39) {
                h = (h ^ UInt64(letter)) &* 0x100000001b3; length += 1; hAtEnd = h
                i += 1
                continue
            }
            if b == 0x27 || b == 0x2D {
                if length > 0 { h = (h ^ UInt64(b)) &* 0x100000001b3; length += 1 }
                i += 1
                continue
            }
            if b == 0xE2, i + 2 < n, bytes[i + 1] == 0x80, let apostrophe = Self.punctuation(bytes[i + 2]), apostrophe {
                if length > 0 { h = (h ^ 0x27) &* 0x100000001b3; length += 1 }
                i += 3
                continue
            }
            if b >= 0x80 && !(b == 0xE2 && i + 2 < n && bytes[i + 1] == 0x80 && Self.punctuation(bytes[i + 2]) == false) {
                h = (h ^ UInt64(b)) &* 0x100000001b3; length += 1; hAtEnd = h
                i += 1
                continue
            }
            // Anything else ends the word.
            if length > 0 { out.append(known.lookup(hAtEnd)); lastLength = length }
            h = basis; hAtEnd = basis; length = 0
            if (b == 0x2E && lastLength >= 3) || b == 0x21 || b == 0x3F, !out.isEmpty {
                let next: UInt8 = i + 1 < n ? bytes[i + 1] : 0x20
                if next == 0x20 || next == 0x0A || next == 0x22 || next == 0x27 || next == 0x29 || next == 0xE2 { out[out.count - 1].endsSentence = true }
            }
            i += b == 0xE2 && i + 2 < n ? 3 : 1
        }
        if length > 0 { out.append(known.lookup(hAtEnd)) }
        if !out.isEmpty { out[out.count - 1].endsSentence = true }
    }

    /// Working space `scoreSentences` reuses from one text to the next.
    public struct Scratch {
        var tokens: [Token] = []
        var weights: [(entry: Int32, valence: Double)] = []
        public init() {}
    }

    /// Scores each sentence of `text` (at most `limit`) as `score` does, calling `body` with its
    /// compound score and its weighted lexicon entries; returns how many sentences had words, and
    /// how many words and English function words those sentences hold.
    @discardableResult
    func scoreSentences(of text: String, limit: Int, scratch: inout Scratch,
                        body: (Double, [(entry: Int32, valence: Double)]) -> Void) -> (sentences: Int, words: Int, function: Int) {
        scratch.tokens.removeAll(keepingCapacity: true)
        var copy = text
        copy.withUTF8 { appendTokens($0, to: &scratch.tokens) }
        var start = 0
        var sentences = 0
        let tokens = scratch.tokens
        for end in tokens.indices where tokens[end].endsSentence {
            let compound = score(tokens[start...end], weights: &scratch.weights)
            body(compound, scratch.weights)
            sentences += 1
            start = end + 1
            if sentences >= limit { break }
        }
        var function = 0
        for t in tokens[..<start] where t.function { function += 1 }
        return (sentences, start, function)
    }

    /// For the third byte of a `E2 80 xx` character: true for ’ (an apostrophe), false for the
    /// dashes, curly quotes and ellipsis that end a word, nil for anything else.
    static func punctuation(_ third: UInt8) -> Bool? {
        switch third {
        case 0x99: return true
        case 0x93, 0x94, 0x98, 0x9C, 0x9D, 0xA6: return false
        default: return nil
        }
    }

    /// The lower-cased words of a sentence: letters and digits, with apostrophes (’ read as ') and
    /// hyphens kept inside a word.
    public static func words(_ sentence: String) -> [String] {
        var out: [String] = []
        var current: [UInt8] = []
        func flush() {
            while let last = current.last, last == 0x27 || last == 0x2D { current.removeLast() }
            if !current.isEmpty { out.append(String(decoding: current, as: UTF8.self)) }
            current.removeAll(keepingCapacity: true)
        }
        let bytes = Array(sentence.utf8)
        var i = 0
        while i < bytes.count {
            let b = bytes[i]
            if b >= 0x41 && b <= 0x5A { current.append(b + 0x20) }
            else if (b >= 0x61 && b <= 0x7A) || (b >= 0x30 && b <= 0x39) { current.append(b) }
            else if b == 0x27 || b == 0x2D { if !current.isEmpty { current.append(b) } }
            else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, bytes[i + 2] == 0x99 { // ’
                if !current.isEmpty { current.append(0x27) }
                i += 2
            } else if b == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80, Self.punctuation(bytes[i + 2]) == false {
                flush(); i += 2
            } else if b >= 0x80 {
                // A letter outside ASCII belongs to its word (é, ñ): the word then matches no entry.
                current.append(b)
            } else { flush() }
            i += 1
        }
        flush()
        return out
    }

    /// One word's weight in a sentence, and the lexicon word that carried it.
    public struct Contribution: Sendable, Equatable {
        public var word: String
        public var valence: Double
    }

    /// A sentence's compound score (−1 … +1) and the words that made it, each with its weight after
    /// the adverbs, negations and "but" around it.
    public func score(_ sentence: String) -> (compound: Double, contributions: [Contribution]) {
        var tokens: [Token] = []
        var weights: [(entry: Int32, valence: Double)] = []
        let compound = score(sentence, tokens: &tokens, weights: &weights)
        return (compound, weights.map { Contribution(word: entries[Int($0.entry)].word, valence: $0.valence) })
    }

    /// The fast path: `tokens` and `weights` are scratch space the caller keeps; `weights` ends
    /// holding each lexicon word's entry and weight.
    func score(_ sentence: String, tokens: inout [Token], weights: inout [(entry: Int32, valence: Double)]) -> Double {
        self.tokens(sentence, into: &tokens)
        return score(tokens[...], weights: &weights)
    }

    func score(_ tokens: ArraySlice<Token>, weights: inout [(entry: Int32, valence: Double)]) -> Double {
        weights.removeAll(keepingCapacity: true)
        // How many weights come before the first "but" (nil: no "but").
        var beforeBut: Int?
        let first = tokens.startIndex
        for i in tokens.indices {
            let token = tokens[i]
            if token.isBut && beforeBut == nil { beforeBut = weights.count }
            guard token.entry >= 0 else { continue }
            var v = entries[Int(token.entry)].valence
            var negated = false
            // Degree adverbs among the three words before (damped with distance, as VADER does);
            // a negation among them turns the word over.
            for back in 1...3 where i - back >= first {
                let before = tokens[i - back]
                if before.negation { negated = true }
                var scalar = before.booster
                guard scalar != 0 else { continue }
                if v < 0 { scalar = -scalar }
                v += scalar * (back == 1 ? 1 : back == 2 ? 0.95 : 0.9)
            }
            if negated { v *= -0.74 }
            weights.append((token.entry, v))
        }
        if let beforeBut {
            for k in weights.indices { weights[k].valence *= k < beforeBut ? 0.5 : 1.5 }
        }
        return Self.compound(weights.reduce(0) { $0 + $1.valence })
    }

    /// VADER's squashing of a sum of valences into −1 … +1.
    public static func compound(_ sum: Double) -> Double {
        sum == 0 ? 0 : sum / (sum * sum + 15).squareRoot()
    }

    /// The commonest English function words: English prose has 30–45% of its words among them,
    /// other languages far fewer (`StoryTone` reads a text under 15% as not English).
    static let englishFunctionWords: Set<String> = [
        "the", "of", "and", "to", "in", "a", "is", "that", "for", "on", "was", "with", "as", "it", "by", "at",
        "from", "his", "he", "she", "her", "said", "has", "have", "be", "are", "were", "not", "this", "but",
        "an", "its", "they", "who", "their", "will", "would", "had", "been", "which", "or", "we", "i", "you",
    ]
}
