import Corpus
import Foundation
import Support

/// For each story, the most similar other stories: TF-IDF over each story's headlines and leads,
/// candidates from an inverted index over its strongest terms, within `windowDays` of each other
/// (undated stories compare with all).
struct RelatedStories {
    var count: Int
    var jobs: Int
    var windowDays = 60
    var minimumSimilarity = 0.08

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
        let strongest: [[Int32]] = Parallel.map(vectors.vectors, jobs: jobs) { v in
            zip(v.terms, v.weights).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(20).map(\.0).filter { Int(vectors.documentFrequency[Int($0)]) <= cap }
        }
        for (doc, terms) in strongest.enumerated() {
            for t in terms {
                if let d = days[doc] { dated[Int(t)].append((d, Int32(doc))) } else { undated[Int(t)].append(Int32(doc)) }
            }
        }
        for t in dated.indices where dated[t].count > 1 { dated[t].sort { $0.day < $1.day } }
        let (window, minimum, count, datedPostings, undatedPostings) = (windowDays, minimumSimilarity, count, dated, undated)
        // Blocks of stories with their own scratch (a mark per story, a dense copy of the story's
        // vector): the same products, summed in the same order, as `SparseVector.dot`.
        let n = stories.count
        let vocabularySize = vectors.vocabulary.count
        let blocks = stride(from: 0, to: n, by: 128).map { $0..<min($0 + 128, n) }
        return Parallel.map(blocks, jobs: jobs) { block -> [[Int]] in
            var seen = [Bool](repeating: false, count: n)
            var dense = DenseScratch(dimension: vocabularySize)
            var candidates: [Int32] = []
            var results: [[Int]] = []
            for i in block {
                candidates.removeAll(keepingCapacity: true)
                func consider(_ j: Int32) {
                    guard Int(j) != i, !seen[Int(j)] else { return }
                    seen[Int(j)] = true
                    candidates.append(j)
                }
                for t in strongest[i] {
                    let list = datedPostings[Int(t)]
                    if let d = days[i] {
                        // The order of candidates does not matter: the scores are sorted in full.
                        var lo = 0, hi = list.count
                        while lo < hi { let mid = (lo + hi) / 2; if list[mid].day < d - window { lo = mid + 1 } else { hi = mid } }
                        var k = lo
                        while k < list.count, list[k].day <= d + window { consider(list[k].doc); k += 1 }
                    } else {
                        for p in list { consider(p.doc) }
                    }
                    for j in undatedPostings[Int(t)] { consider(j) }
                }
                dense.load(vectors.vectors[i])
                var scored: [(Int, Double)] = []
                for j in candidates {
                    seen[Int(j)] = false
                    if let a = days[i], let b = days[Int(j)], abs(a - b) > window { continue }
                    let s = Double(dense.dot(vectors.vectors[Int(j)]))
                    // Without a date to place both in one period, only a close match is "related".
                    let needed = days[i] == nil || days[Int(j)] == nil ? minimum * 2.5 : minimum
                    if s >= needed { scored.append((Int(j), s)) }
                }
                scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
                results.append(scored.prefix(count).map(\.0))
            }
            return results
        }.flatMap { $0 }
    }
}
