import Corpus
import Foundation
import Support

/// For each story, the most similar other stories: TF-IDF over each story's headlines and leads,
/// candidates from an inverted index over its strongest terms, within `windowDays` of each other
/// (undated stories compare with all). Of the candidates, those whose shared strong terms weigh
/// most in the story's vector are compared, at most `maxCandidates`; pairs with an undated side
/// have no window, so they are capped apart (`maxTimeless` for a dated story,
/// `maxTimelessOfUndated` for an undated one), as the grouping caps them: their number per story
/// stays the same however large the corpus grows (at 4x the AllSides corpus, 52 million
/// comparisons without the caps, 20 times those of 1x). The caps are wider than the grouping's:
/// at 400/40/100 a blind reader preferred the uncapped lists in 14 of 24 stories that changed.
struct RelatedStories {
    var count: Int
    var jobs: Int
    var windowDays = 60
    var minimumSimilarity = 0.08
    var maxCandidates = 600
    var maxTimeless = 100
    var maxTimelessOfUndated = 300

    func find(for stories: [Story], terms: TermCountCache? = nil) -> [[Int]] {
        guard stories.count > 1 else { return stories.map { _ in [] } }
        // One document per story: every headline (the title weight applies to them), then the
        // lead of the story's first article with a body.
        let documents = Parallel.map(stories, jobs: jobs) { story in
            Article(id: story.key, title: story.articles.map(\.article.title).joined(separator: " \n "),
                    body: story.articles.lazy.compactMap(\.article.body).first)
        }
        let vectors = TermVectors(documents, jobs: jobs, cache: terms)
        let days: [Int?] = stories.map { $0.firstPublished.map(DateText.dayNumber) }
        let cap = max(20, stories.count / 50)
        // Postings per term: dated stories by day (a dated story's candidates are read from its
        // window only), then the undated ones (candidates of every story).
        var dated = [[(day: Int, doc: Int32)]](repeating: [], count: vectors.vocabulary.count)
        var undated = [[Int32]](repeating: [], count: vectors.vocabulary.count)
        let strongestWeighted: [[(term: Int32, weight: Float)]] = Parallel.map(vectors.vectors, jobs: jobs) { v -> [(term: Int32, weight: Float)] in
            let ranked: [(term: Int32, weight: Float)] = zip(v.terms, v.weights).map { (term: $0.0, weight: $0.1) }
                .sorted { $0.weight != $1.weight ? $0.weight > $1.weight : $0.term < $1.term }
            // (A weight is never 0 — a candidate's summed weight of 0 means "not yet a candidate".)
            return ranked.prefix(20).filter { Int(vectors.documentFrequency[Int($0.term)]) <= cap && $0.weight > 0 }
        }
        for (doc, terms) in strongestWeighted.enumerated() {
            for (t, _) in terms {
                if let d = days[doc] { dated[Int(t)].append((d, Int32(doc))) } else { undated[Int(t)].append(Int32(doc)) }
            }
        }
        for t in dated.indices where dated[t].count > 1 { dated[t].sort { $0.day < $1.day } }
        let (window, minimum, count, datedPostings, undatedPostings) = (windowDays, minimumSimilarity, count, dated, undated)
        let limits = (all: maxCandidates, timeless: maxTimeless, ofUndated: maxTimelessOfUndated)
        // Blocks of stories with their own scratch (a mark per story, a dense copy of the story's
        // vector): the same products, summed in the same order, as `SparseVector.dot`.
        let n = stories.count
        let vocabularySize = vectors.vocabulary.count
        let blocks = stride(from: 0, to: n, by: 128).map { $0..<min($0 + 128, n) }
        return Parallel.map(blocks, jobs: jobs) { block -> [[Int]] in
            // The weight, in the story's vector, of the strong terms each candidate shares (0: not
            // a candidate): what the candidates are ranked by when there are too many.
            var shared = [Float](repeating: 0, count: n)
            var dense = DenseScratch(dimension: vocabularySize)
            var candidates: [Int32] = []
            var results: [[Int]] = []
            for i in block {
                candidates.removeAll(keepingCapacity: true)
                func consider(_ j: Int32, _ weight: Float) {
                    guard Int(j) != i else { return }
                    if shared[Int(j)] == 0 { candidates.append(j) }
                    shared[Int(j)] += weight
                }
                for (t, weight) in strongestWeighted[i] {
                    let list = datedPostings[Int(t)]
                    if let d = days[i] {
                        // The order of candidates does not matter: the scores are sorted in full.
                        var lo = 0, hi = list.count
                        while lo < hi { let mid = (lo + hi) / 2; if list[mid].day < d - window { lo = mid + 1 } else { hi = mid } }
                        var k = lo
                        while k < list.count, list[k].day <= d + window { consider(list[k].doc, weight); k += 1 }
                    } else {
                        for p in list { consider(p.doc, weight) }
                    }
                    for j in undatedPostings[Int(t)] { consider(j, weight) }
                }
                let touched = candidates
                Self.keepStrongest(&candidates, of: i, shared: shared, days: days, limits: limits)
                dense.load(vectors.vectors[i])
                var scored: [(Int, Double)] = []
                for j in candidates {
                    if let a = days[i], let b = days[Int(j)], abs(a - b) > window { continue }
                    let s = Double(dense.dot(vectors.vectors[Int(j)]))
                    // Without a date to place both in one period, only a close match is "related".
                    let needed = days[i] == nil || days[Int(j)] == nil ? minimum * 2.5 : minimum
                    if s >= needed { scored.append((Int(j), s)) }
                }
                for j in touched { shared[Int(j)] = 0 }
                scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                results.append(scored.prefix(count).map(\.0))
            }
            return results
        }.flatMap { $0 }
    }

    /// Keeps the candidates of story `i` whose shared strong terms weigh most in its vector
    /// (ties: the earlier story), within the limits (`CandidatePostings.withinLimits`); the order
    /// of those kept does not matter (scores are sorted).
    static func keepStrongest(_ candidates: inout [Int32], of i: Int, shared: [Float], days: [Int?], limits: (all: Int, timeless: Int, ofUndated: Int)) {
        let timelessLimit = days[i] == nil ? limits.ofUndated : limits.timeless
        func isTimeless(_ j: Int32) -> Bool { days[i] == nil || days[Int(j)] == nil }
        guard candidates.count > limits.all || candidates.count { isTimeless($0) } > timelessLimit else { return }
        candidates.sort { shared[Int($0)] != shared[Int($1)] ? shared[Int($0)] > shared[Int($1)] : $0 < $1 }
        candidates = CandidatePostings.withinLimits(candidates, all: limits.all, timeless: timelessLimit, isTimeless: isTimeless)
    }
}
