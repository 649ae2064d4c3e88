import Corpus
import Foundation
import Support

/// A sparse, unit-length TF-IDF vector: term ids ascending, weights beside them.
struct SparseVector: Sendable {
    var terms: [Int32] = []
    var weights: [Float] = []

    func dot(_ other: SparseVector) -> Double {
        var i = 0, j = 0
        var sum: Float = 0
        while i < terms.count && j < other.terms.count {
            let a = terms[i], b = other.terms[j]
            if a == b { sum += weights[i] * other.weights[j]; i += 1; j += 1 }
            else if a < b { i += 1 }
            else { j += 1 }
        }
        return Double(sum)
    }

    /// Whether the vector has the term (its terms are sorted).
    func contains(_ term: Int32) -> Bool {
        var lo = 0, hi = terms.count
        while lo < hi {
            let mid = (lo + hi) / 2
            if terms[mid] < term { lo = mid + 1 } else { hi = mid }
        }
        return lo < terms.count && terms[lo] == term
    }

    /// The `count` terms that add most to the dot product with `other`.
    func sharedTerms(with other: SparseVector, count: Int) -> [(Int32, Float)] {
        var shared: [(Int32, Float)] = []
        var i = 0, j = 0
        while i < terms.count && j < other.terms.count {
            let a = terms[i], b = other.terms[j]
            if a == b { shared.append((a, weights[i] * other.weights[j])); i += 1; j += 1 }
            else if a < b { i += 1 }
            else { j += 1 }
        }
        return Array(shared.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(count))
    }

    /// Sum of vectors, scaled back to unit length.
    static func centroid(_ vectors: [SparseVector]) -> SparseVector {
        var acc: [Int32: Float] = [:]
        for v in vectors { for (t, w) in zip(v.terms, v.weights) { acc[t, default: 0] += w } }
        return SparseVector(unsorted: acc)
    }

    /// `centroid` for vectors whose term ids are below `dimension` (a story's own sentence
    /// space): summed in a dense array, in the same order, so the same values.
    static func centroid(_ vectors: [SparseVector], dimension: Int) -> SparseVector {
        var acc = [Float](repeating: 0, count: dimension)
        var used = [Bool](repeating: false, count: dimension)
        var terms: [Int32] = []
        for v in vectors {
            for (t, w) in zip(v.terms, v.weights) {
                acc[Int(t)] += w
                if !used[Int(t)] { used[Int(t)] = true; terms.append(t) }
            }
        }
        terms.sort()
        return SparseVector(sortedTerms: terms, values: terms.map { acc[Int($0)] })
    }

    init() {}

    /// `terms` ascending, `values` theirs: scaled to unit length.
    init(sortedTerms: [Int32], values: [Float]) {
        var norm: Float = 0
        for v in values { norm = norm + v * v }
        norm = norm.squareRoot()
        terms = sortedTerms
        weights = norm > 0 ? values.map { $0 / norm } : [Float](repeating: 0, count: values.count)
    }

    init(unsorted: [Int32: Float]) {
        let sorted = unsorted.sorted { $0.key < $1.key }
        self.init(sortedTerms: sorted.map(\.key), values: sorted.map(\.value))
    }
}

/// One vector spread over a dense array, for scoring it against many sparse ones: a dot product
/// then reads only the other vector's terms. The same products, summed in the same order, as
/// `SparseVector.dot`, so the same values.
struct DenseScratch {
    private var values: [Float]
    private var loaded: [Int32] = []

    init(dimension: Int) {
        values = [Float](repeating: 0, count: dimension)
    }

    /// Makes `vector` the one `dot` compares with (the previous one is cleared).
    mutating func load(_ vector: SparseVector) {
        for t in loaded { values[Int(t)] = 0 }
        for (t, w) in zip(vector.terms, vector.weights) { values[Int(t)] = w }
        loaded = vector.terms
    }

    /// `other` is a vector of the same `TermVectors` (its term ids are below the dimension).
    /// Over buffers, not arrays: this runs for every candidate pair of the corpus, and an
    /// array's bounds check per term cost a fifth of the pairs stage.
    func dot(_ other: SparseVector) -> Float {
        values.withUnsafeBufferPointer { mine in
            other.terms.withUnsafeBufferPointer { terms in
                other.weights.withUnsafeBufferPointer { weights in
                    var sum: Float = 0
                    for k in 0..<min(terms.count, weights.count) {
                        let m = mine[Int(terms[k])]
                        if m != 0 { sum += m * weights[k] }
                    }
                    return sum
                }
            }
        }
    }
}

/// The corpus as TF-IDF vectors of "what each article reports": its title (weighted up: a headline
/// is the outlet's own one-line summary of the event) and the lead of its body, with sublinear term
/// frequency and the corpus's own inverse document frequency.
struct TermVectors: Sendable {
    var vectors: [SparseVector]
    var vocabulary: [String]
    var documentFrequency: [Int32]
    /// Term hash → term id.
    var ids: TermIDs
    var weights: Weights

    struct Weights: Sendable, Equatable {
        var title: Float = 3
        var leadWords = 250
    }

    init(_ articles: [Article], weights w: Weights = Weights(), jobs: Int, cache: TermCountCache? = nil, batchSize: Int = batchSize) {
        let weights = w
        let batchSize = max(1, batchSize)
        // Per article: each term's hash, weight and text, in hash order; from the cache when the
        // article's title and text are those of a text counted before. Counted a batch at a time,
        // and each batch turned into rows of term ids at once: the texts of every term of every
        // article (hundreds of megabytes on a large corpus) are never held all together.
        let known = cache?.counts(weights: weights)
        var made: [TermCountCache.Key: Counted] = [:]
        var countedAnew = 0
        var ids = TermIDs(capacity: 1 << 16)
        var vocabulary: [String] = []
        var df: [Int32] = []
        var termCounts: [[(Int32, Float)]] = []
        termCounts.reserveCapacity(articles.count)
        var start = 0
        while start < articles.count {
            let batch = start..<min(start + batchSize, articles.count)
            start = batch.upperBound
            let found: [(counted: Counted, new: Bool)] = Parallel.map(Array(batch), jobs: jobs) { i in
                if let counted = known?[TermCountCache.Key(articles[i])] { return (counted, false) }
                return (Self.count(articles[i], weights: weights), true)
            }
            if cache != nil {
                for (i, item) in zip(batch, found) where item.new { made[TermCountCache.Key(articles[i])] = item.counted }
            }
            countedAnew += found.count { $0.new }
            for (hashes, counts, names) in found.lazy.map(\.counted) {
                var row: [(Int32, Float)] = []
                row.reserveCapacity(hashes.count)
                // In hash order, not a dictionary's (seeded per process): term ids, and so the order
                // of floating-point sums and ties, must be the same on every run.
                for k in hashes.indices {
                    let (id, inserted) = ids.insert(hashes[k])
                    if inserted {
                        vocabulary.append(names[k])
                        df.append(0)
                    }
                    df[Int(id)] += 1
                    row.append((id, counts[k]))
                }
                termCounts.append(row)
            }
        }
        cache?.add(made, documents: articles.count, counted: countedAnew)
        let n = Float(articles.count)
        let idf = df.map { log((n + 1) / (Float($0) + 0.5)) }
        // Rows become vectors a batch at a time, each row let go once made.
        var vectors: [SparseVector] = []
        vectors.reserveCapacity(termCounts.count)
        start = 0
        while start < termCounts.count {
            let batch = start..<min(start + batchSize, termCounts.count)
            start = batch.upperBound
            let rows = Array(termCounts[batch])
            for i in batch { termCounts[i] = [] }
            vectors += Parallel.map(rows, jobs: jobs) { row in
                let sorted = row.sorted { $0.0 < $1.0 }
                return SparseVector(sortedTerms: sorted.map(\.0), values: sorted.map { (1 + log($0.1)) * idf[Int($0.0)] })
            }
        }
        self.vectors = vectors
        self.vocabulary = vocabulary
        self.documentFrequency = df
        self.ids = ids
        self.weights = weights
    }

    /// How many articles are counted (in parallel) before their terms become ids.
    static let batchSize = 4_096

    /// `article`'s vector as these vectors' own would be with it in the corpus (one more
    /// document, and one more for each of its terms' document counts), over the terms they know:
    /// the others count only in its length, as no other article holds them.
    func vector(of article: Article) -> SparseVector {
        let (hashes, counts, _) = Self.count(article, weights: weights)
        let n = Float(vectors.count + 1)
        var known: [(Int32, Float)] = []
        var norm: Float = 0
        for k in hashes.indices {
            let id = ids.id(of: hashes[k])
            let df = Float(id.map { documentFrequency[Int($0)] } ?? 0) + 1
            let w = (1 + log(counts[k])) * log((n + 1) / (df + 0.5))
            norm += w * w
            if let id { known.append((id, w)) }
        }
        norm = norm.squareRoot()
        known.sort { $0.0 < $1.0 }
        var vector = SparseVector()
        vector.terms = known.map(\.0)
        vector.weights = known.map { norm > 0 ? $0.1 / norm : 0 }
        return vector
    }
    typealias Counted = (hashes: [UInt64], counts: [Float], names: [String])

    /// The terms of an article's title (weighted up) and lead, each with its summed weight and
    /// text, in hash order. Terms are counted by a 64-bit hash of their text (hashing a String
    /// normalises it first, which dominated this stage); the text is kept once per term.
    static func count(_ article: Article, weights: Weights) -> Counted {
        var ids = TermIDs(capacity: 256)
        var counts: [Float] = []
        var names: [String] = []
        func add(_ h: UInt64, _ term: UnsafeBufferPointer<UInt8>, _ weight: Float) {
            let (id, inserted) = ids.insert(h)
            if inserted {
                counts.append(weight)
                names.append(String(decoding: term, as: UTF8.self))
            } else {
                counts[Int(id)] += weight
            }
        }
        Terms.forEach(in: article.title) { add($0, $1, weights.title) }
        if let body = article.body {
            // The lead: the first `leadWords` words (counted by spaces and line breaks).
            var words = 0
            var cut = body.utf8.endIndex
            for i in body.utf8.indices where body.utf8[i] == 0x20 || body.utf8[i] == 0x0A {
                words += 1
                if words >= weights.leadWords { cut = i; break }
            }
            Terms.forEach(in: String(Substring(body.utf8[..<cut]))) { add($0, $1, 1) }
        }
        let order = ids.keys.indices.sorted { ids.keys[$0] < ids.keys[$1] }
        return (order.map { ids.keys[$0] }, order.map { counts[$0] }, order.map { names[$0] })
    }
}

/// The terms `TermVectors` counted in each text, kept by `serve` from one build to the next: an
/// article (or a story's document) whose title and text did not change is not scanned again.
/// The vectors themselves are made anew each time: the corpus's document frequencies change with
/// any edit.
public final class TermCountCache: @unchecked Sendable {
    struct Key: Hashable, Sendable {
        var title: ExactText
        var body: ExactText?

        init(_ article: Article) {
            title = ExactText(article.title)
            body = article.body.map(ExactText.init)
        }
    }

    private let lock = NSLock()
    private var weights: TermVectors.Weights?
    private var counted: [Key: TermVectors.Counted] = [:]
    /// Texts taken from the cache, and texts counted, in the last use.
    private(set) var reused = 0
    private(set) var made = 0

    public init() {}

    /// The texts counted before with these weights.
    func counts(weights: TermVectors.Weights) -> [Key: TermVectors.Counted] {
        lock.lock()
        defer { lock.unlock() }
        if self.weights != weights {
            self.weights = weights
            counted = [:]
        }
        return counted
    }

    /// Adds what a build counted anew; entries of texts gone are dropped once they outnumber the
    /// `documents` of the build (then the cache starts again from this build's).
    func add(_ made: [Key: TermVectors.Counted], documents: Int, counted new: Int) {
        lock.lock()
        defer { lock.unlock() }
        reused = documents - new
        self.made = new
        if counted.count + made.count > 2 * documents + 1_024 { counted = [:] }
        counted.merge(made) { _, new in new }
    }
}
