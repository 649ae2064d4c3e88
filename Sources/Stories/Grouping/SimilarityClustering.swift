import Corpus
import Foundation
import Support

/// How articles without a story key are grouped into events.
public struct ClusteringOptions: Sendable, Equatable {
    /// Two groups merge while their average pairwise similarity is at least this (with stray links
    /// weakened, see `strayLinkFactor`).
    public var threshold = 0.08
    /// How many words of an article's body, from its start, are compared (with its headline).
    public var leadWords = 250
    /// Dated articles further apart than this many days are never compared, and no story's dated
    /// articles span more than twice this.
    public var windowDays = 7
    /// Similarity of two dated articles is scaled by `sameDayBoost / (1 + days apart / decayDays)`:
    /// reports of one event come out within a day or two of each other, follow-ups later.
    public var sameDayBoost = 1.8
    public var decayDays = 1.5
    /// Similarity of a pair with an undated article is scaled by this: without a date, only the
    /// text can keep two events of the same subject apart, so it must agree more.
    public var undatedFactor = 0.6
    /// Beyond the average, each member of a story needs one article of it it is close to: its
    /// strongest link to another member must be at least the threshold times the factor for its
    /// kind (`PieceKind`). Average linkage can seat an article that is only on the subject beside
    /// a few that are all about one happening; its strongest link shows it.
    /// A news report (its lead says when: "on Tuesday", "WASHINGTON (Reuters) -").
    public var reportJoin = 1.2
    /// A piece whose lead names no time: a feature, an explainer, a report of something ongoing.
    /// (Read blind, stories came out no better with 2.5 here than with 1.5, and the AllSides
    /// roundups' recall fell: see the grouping notes.)
    public var unpeggedJoin = 1.2
    /// An opinion, analysis or editorial piece: a column on the subject in general is not
    /// coverage of the happening.
    public var commentaryJoin = 2.0
    /// An article with no date at all, in a story with dated articles, by its strongest link to
    /// one of them (undated stories are left to the threshold: only text can decide there). Off
    /// (0) by default: the margin below tells the undated articles of another time apart better.
    public var undatedJoin = 0.0
    /// And that link must be this many times its strongest link to articles dated more than
    /// `elsewhereDays` outside the story's days: an undated article on a subject that recurs (a
    /// person, a company, a war) is about as close to another time's reports, and then nothing
    /// says which time is its own.
    public var undatedMargin = 1.3
    static let elsewhereDays = 7
    /// Whatever the dates, each member of a story needs one other member whose text it shares
    /// this much of (plain cosine similarity, before the same-day boost; for an excerpt shorter
    /// than `leadWords`, as a full lead would reach it): two pieces of one day on unrelated
    /// happenings share a few words, and the boost alone must not seat them together.
    public var memberCosine = 0.115
    /// Two groups that share an outlet need this many times the threshold to merge (infinity:
    /// they never merge): an outlet rarely files two different articles on one happening in a
    /// few days (a copy it filed twice is removed when the corpus loads), and often on two.
    public var sharedOutletFactor = Double.infinity
    /// Members whose similarity to the rest of their story is below `threshold × borderline`
    /// are flagged for an editor to check.
    public var borderline = 1.25
    /// A link between two articles counts in full only when one of them is among the other's
    /// `nearestNeighbours` most similar articles; any other link is scaled by `strayLinkFactor`.
    /// Each report of an event is closest to the other reports of that event; a report of an
    /// earlier event on the same subject is similar too, but rarely the closest. Averaged over a
    /// group, the stray links stop holding two events together while each event keeps its own.
    public var nearestNeighbours = 2
    public var strayLinkFactor = 0.5
    public init() {}
}

extension ClusteringOptions {
    /// How far a member clears what `reportJoin`…`undatedMargin` ask of its kind: below 1, it
    /// is taken out of the story. `best`: its strongest link to the story (to its dated articles,
    /// for an undated one in a story that has some); `elsewhere`: an undated article's strongest
    /// link to articles of other times.
    func joinRatio(kind: PieceKind, dated: Bool, storyDated: Bool, best: Double, elsewhere: Double) -> Double {
        if !dated {
            guard storyDated else { return .infinity }
            let margin = elsewhere > 0 ? best / (elsewhere * undatedMargin) : .infinity
            return min(best / (threshold * undatedJoin), margin)
        }
        let factor: Double
        switch kind {
        case .report: factor = reportJoin
        case .unpegged: factor = unpeggedJoin
        case .commentary: factor = commentaryJoin
        }
        return factor > 0 ? best / (threshold * factor) : .infinity
    }

    /// What `joinRatio` reads of an article's links (`links`: other article, similarity): its
    /// strongest link into the story (for an undated article in a story with dated articles,
    /// `span` their days, only to those), and for an undated article its strongest link to
    /// articles dated more than `elsewhereDays` outside `span`.
    static func joinLinks<Links: Sequence>(_ links: Links, dated: Bool, span: ClosedRange<Int>?, inStory: (Int) -> Bool, day: (Int) -> Int?) -> (best: Double, elsewhere: Double) where Links.Element == (Int, Double) {
        var best = 0.0, elsewhere = 0.0
        for (j, s) in links {
            let other = day(j)
            if inStory(j) {
                // An undated article is placed by the story's dated articles.
                if dated || span == nil || other != nil { best = max(best, s) }
            } else if !dated, let span, let other, !span.contains(other, within: elsewhereDays) {
                elsewhere = max(elsewhere, s)
            }
        }
        return (best, elsewhere)
    }

    /// A pair's cosine similarity scaled by how far apart the two were published (see
    /// `sameDayBoost`, `undatedFactor`).
    func scaled(_ cosine: Double, days a: Int?, _ b: Int?) -> Double {
        if let a, let b { return cosine * (sameDayBoost / (1 + Double(abs(a - b)) / decayDays)) }
        return cosine * undatedFactor
    }
}

/// Why an article sits in its story: its similarity to the other members and the terms it
/// shares with them. Set for stories formed by similarity; nil for keyed stories.
public struct Membership: Sendable, Hashable {
    public var similarity: Double
    public var sharedTerms: [String]
    public var borderline: Bool
}

/// Average-linkage agglomerative clustering over a sparse similarity graph. Candidate pairs come
/// from an inverted index over each article's strongest terms, restricted to the date window, so no
/// all-pairs comparison is ever made.
struct SimilarityClustering {
    var options: ClusteringOptions
    var jobs: Int
    /// Terms of each article used to find candidates (all its terms count in the similarity).
    var candidateTerms = 30
    /// Pairs less similar than this share of the threshold are not kept: they could not tip a
    /// merge, and on a large corpus they are most of the pairs.
    var pairFloor = 0.5
    /// At most this many candidates per article, those sharing the most strong terms with it.
    /// An undated article has no window: without a cap its candidates grow with the corpus, and
    /// the grouping with its square (4x the AllSides corpus took 10x the time).
    var maxCandidates = 400
    /// Of a dated article's candidates, at most this many undated ones; an undated article, with
    /// no window at all, has at most `maxCandidatesUndated`. Pairs without a date on one side
    /// have no window to bound them: capped apart, their number per article stays the same
    /// however large the corpus grows (on 4x the AllSides corpus, 3.2 million pairs instead of
    /// 7.6 million, with the same grouping of the 1x corpus's labelled articles).
    var maxUndatedCandidates = 40
    var maxCandidatesUndated = 100

    struct Result {
        var clusters: [[Int]]
        var membership: [Int: Membership]
        /// The articles' vectors (nil for an empty corpus) and day numbers.
        var vectors: TermVectors?
        var days: [Int?]
    }

    func cluster(_ articles: [Article], outletKeys: [String?], terms: TermCountCache? = nil) -> Result {
        let n = articles.count
        guard n > 0 else { return Result(clusters: [], membership: [:], vectors: nil, days: []) }
        var t0 = Date()
        // A date stated, or read from the address, is a day; a date inferred from a month in the
        // address or from the outlet's numbering is a range of days the article is kept within.
        let days: [Int?] = articles.map { a in
            a.published.map(DateText.dayNumber) ?? a.publishedInferred.flatMap { $0.source == .address ? $0.days.lowerBound : nil }
        }
        let vectors = TermVectors(articles, weights: TermVectors.Weights(leadWords: options.leadWords), jobs: jobs, cache: terms)
        Self.trace("vectors", &t0)
        let bounds: [ClosedRange<Int>?] = articles.indices.map { days[$0] == nil ? articles[$0].publishedInferred?.days : nil }
        var linked = similarPairs(vectors, days: days, bounds: bounds)
        Self.weakenStrayLinks(&linked, nearest: options.nearestNeighbours, factor: Float(options.strayLinkFactor))
        let pairs = linked // a constant: the parallel stages below read it
        Self.trace("pairs (\(pairs.reduce(0) { $0 + $1.count } / 2))", &t0)
        let kinds = Parallel.map(articles, jobs: jobs) { PieceKind($0) }
        Self.trace("kinds", &t0)

        var linkage = AverageLinkage(pairs: pairs, days: days, bounds: bounds, outletKeys: outletKeys, options: options)
        let groups = linkage.run()
        Self.trace("linkage", &t0)
        var clusters: [[Int]] = []
        // A short text (an excerpt) shares fewer words with anything: its cosine is read against
        // what a lead of full length would reach.
        let lead = options.leadWords
        let fullness: [Double] = Parallel.map(articles, jobs: jobs) { a in
            Double(min(lead, Self.words(in: a.body ?? "", upTo: lead))) / Double(lead)
        }
        for group in groups {
            clusters += Self.stories(in: group.sorted(), pairs: pairs, days: days, kinds: kinds, options: options) {
                Double(vectors.vectors[$0].dot(vectors.vectors[$1])) / max(0.1, min(fullness[$0], fullness[$1]))
            }
        }
        clusters.sort { $0[0] < $1[0] }
        // Each member's similarity to the rest of its story, and the terms it shares with it.
        let borderline = options.threshold * options.borderline
        let found = Parallel.map(clusters.filter { $0.count > 1 }, jobs: jobs) { group -> [(Int, Membership)] in
            let inGroup = Set(group)
            return group.map { m in
                let total = pairs[m].reduce(0.0) { inGroup.contains(Int($1.0)) ? $0 + Double($1.1) : $0 }
                let similarity = total / Double(group.count - 1)
                // The words it shares with the other members: a centroid with itself in it would
                // list its own words, shared or not.
                let others = SparseVector.centroid(group.filter { $0 != m }.map { vectors.vectors[$0] })
                let shared = vectors.vectors[m].sharedTerms(with: others, count: 5).map { vectors.vocabulary[Int($0.0)] }
                return (m, Membership(similarity: (similarity * 1000).rounded() / 1000, sharedTerms: shared, borderline: similarity < borderline))
            }
        }
        var membership: [Int: Membership] = [:]
        for list in found { for (m, entry) in list { membership[m] = entry } }
        Self.trace("membership", &t0)
        return Result(clusters: clusters, membership: membership, vectors: vectors, days: days)
    }

    /// The stories a group of average linkage holds: what the join rules admit, then, of what they
    /// take out, what they admit as a story of its own, and so on. A group that averaged two
    /// happenings keeps the second one together (two undated reports of an earlier time).
    static func stories(in group: [Int], pairs: [[(Int32, Float)]], days: [Int?], kinds: [PieceKind], options: ClusteringOptions, cosine: (Int, Int) -> Double) -> [[Int]] {
        var stories: [[Int]] = []
        var rest = group
        while !rest.isEmpty {
            let (kept, out) = admitted(rest, pairs: pairs, days: days, kinds: kinds, options: options, cosine: cosine)
            stories.append(kept)
            rest = out
        }
        return stories
    }

    /// Takes out of a group, weakest first, each member that `ClusteringOptions.joinRatio` does
    /// not admit; they become stories of their own.
    static func admitted(_ group: [Int], pairs: [[(Int32, Float)]], days: [Int?], kinds: [PieceKind], options: ClusteringOptions, cosine: (Int, Int) -> Double) -> (kept: [Int], out: [Int]) {
        guard group.count > 1 else { return (group, []) }
        var kept = group, out: [Int] = []
        while kept.count > 1 {
            let inGroup = Set(kept)
            let dated = kept.compactMap { days[$0] }
            let span = dated.min().map { $0...dated.max()! }
            var weakest: (index: Int, ratio: Double)?
            for (x, m) in kept.enumerated() {
                let (best, elsewhere) = ClusteringOptions.joinLinks(pairs[m].lazy.map { (Int($0.0), Double($0.1)) }, dated: days[m] != nil, span: span, inStory: inGroup.contains, day: { days[$0] })
                var ratio = options.joinRatio(kind: kinds[m], dated: days[m] != nil, storyDated: span != nil, best: best, elsewhere: elsewhere)
                if options.memberCosine > 0 {
                    let closest = kept.reduce(0.0) { $1 == m ? $0 : max($0, cosine(m, $1)) }
                    ratio = min(ratio, closest / options.memberCosine)
                }
                if ratio < 1, weakest.map({ ratio < $0.ratio }) ?? true { weakest = (x, ratio) }
            }
            guard let weakest else { break }
            out.append(kept.remove(at: weakest.index))
        }
        return (kept, out)
    }

    /// How many words `text` has, counting no further than `limit`.
    static func words(in text: String, upTo limit: Int) -> Int {
        var count = 0, inWord = false
        for byte in text.utf8 {
            if byte == 0x20 || byte == 0x0A || byte == 0x09 {
                inWord = false
            } else if !inWord {
                inWord = true
                count += 1
                if count >= limit { break }
            }
        }
        return count
    }

    /// Stage times on standard error when SITEGEN_TRACE is set (for the benchmark notes).
    static func trace(_ stage: String, _ since: inout Date) {
        guard ProcessInfo.processInfo.environment["SITEGEN_TRACE"] != nil else { return }
        FileHandle.standardError.write(Data(String(format: "  grouping: %@ %.2f s\n", stage, Date().timeIntervalSince(since)).utf8))
        since = Date()
    }

    /// Every pair of articles that share a strong term and fall in the window, with its
    /// (date-scaled) cosine similarity; each pair listed under both articles.
    func similarPairs(_ vectors: TermVectors, days: [Int?], bounds: [ClosedRange<Int>?]) -> [[(Int32, Float)]] {
        let n = vectors.vectors.count
        let top = candidateTerms
        let strongest: [[Int32]] = Parallel.map(vectors.vectors, jobs: jobs) { v in
            zip(v.terms, v.weights).sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(top).map(\.0)
        }
        let postings = CandidatePostings(vectors, strongest: strongest, days: days, bounds: bounds, options: options,
                                         limits: (maxCandidates, maxUndatedCandidates, maxCandidatesUndated))
        let opts = options
        let floor = options.threshold * pairFloor
        // Blocks of documents, each with its own scratch: a count per document (candidates) and a
        // dense copy of the document's vector, so a dot product reads only the other's terms.
        // The products and their order are those of `SparseVector.dot`: the same sums, bit for bit.
        let vocabularySize = vectors.vocabulary.count
        // A few blocks per worker: each allocates scratch as large as the corpus and its vocabulary.
        let blockSize = max(128, n / max(1, jobs * 16))
        let blocks = stride(from: 0, to: n, by: blockSize).map { $0..<min($0 + blockSize, n) }
        let found: [[(Int32, Float)]] = Parallel.map(blocks, jobs: jobs) { block in
            var counts = [UInt8](repeating: 0, count: n)
            var dense = DenseScratch(dimension: vocabularySize)
            var touched: [Int32] = []
            var results: [[(Int32, Float)]] = []
            results.reserveCapacity(block.count)
            for i in block {
                touched.removeAll(keepingCapacity: true)
                postings.collect(i, counts: &counts, touched: &touched)
                postings.keepStrongest(i, counts: &counts, touched: &touched)
                touched.sort()
                dense.load(vectors.vectors[i])
                var out: [(Int32, Float)] = []
                for j in touched {
                    counts[Int(j)] = 0
                    let s = opts.scaled(Double(dense.dot(vectors.vectors[Int(j)])), days: days[i], days[Int(j)])
                    if s >= floor { out.append((j, Float(s))) }
                }
                // In document order (`touched` was sorted): sums over a document's pairs must add
                // up the same way on every run.
                results.append(out)
            }
            return results
        }.flatMap { $0 }
        var pairs = [[(Int32, Float)]](repeating: [], count: n)
        for (i, list) in found.enumerated() {
            for (j, s) in list {
                pairs[i].append((j, s))
                pairs[Int(j)].append((Int32(i), s))
            }
        }
        return pairs
    }

    /// Scales by `factor` every link where neither article is among the other's `nearest` most
    /// similar (ties by document order); both directions of a pair get the same value.
    static func weakenStrayLinks(_ pairs: inout [[(Int32, Float)]], nearest k: Int, factor: Float) {
        guard k > 0, factor != 1 else { return }
        let nearest: [Set<Int32>] = pairs.map { list in
            Set(list.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(k).map(\.0))
        }
        for i in pairs.indices {
            for x in pairs[i].indices {
                let j = pairs[i][x].0
                if !nearest[i].contains(j), !nearest[Int(j)].contains(Int32(i)) { pairs[i][x].1 *= factor }
            }
        }
    }
}

/// A binary max-heap of (value, a, b): twenty lines, no package needed.
struct MaxHeap {
    private var items: [(Double, Int, Int)] = []

    mutating func push(_ value: Double, _ a: Int, _ b: Int) {
        items.append((value, a, b))
        var i = items.count - 1
        while i > 0 {
            let parent = (i - 1) / 2
            guard Self.above(items[i], items[parent]) else { break }
            items.swapAt(i, parent)
            i = parent
        }
    }

    mutating func pop() -> (Double, Int, Int)? {
        guard !items.isEmpty else { return nil }
        items.swapAt(0, items.count - 1)
        let top = items.removeLast()
        var i = 0
        while true {
            let l = 2 * i + 1, r = l + 1
            var best = i
            if l < items.count, Self.above(items[l], items[best]) { best = l }
            if r < items.count, Self.above(items[r], items[best]) { best = r }
            if best == i { break }
            items.swapAt(i, best)
            i = best
        }
        return top
    }

    /// Higher value first; ties by pair, so the merge order (and the output) never depends on
    /// insertion order.
    private static func above(_ x: (Double, Int, Int), _ y: (Double, Int, Int)) -> Bool {
        if x.0 != y.0 { return x.0 > y.0 }
        if x.1 != y.1 { return x.1 < y.1 }
        return x.2 < y.2
    }
}

extension ClosedRange where Bound == Int {
    /// Whether `day` is in the range widened by `margin` on either side.
    func contains(_ day: Int, within margin: Int) -> Bool {
        day >= lowerBound - margin && day <= upperBound + margin
    }
}

/// Average-linkage agglomeration over the candidate pairs: the two groups of the highest average
/// pair similarity merge, while it reaches the threshold and the date rules allow the merge
/// (two groups of one outlet, a span over two windows, days outside what an inferred date allows).
struct AverageLinkage {
    let options: ClusteringOptions
    /// Per group, the sum of pair similarities with each neighbouring group.
    var neighbours: [[Int: Double]]
    var size: [Int]
    var members: [[Int]]
    var outlets: [Set<String>]
    var alive: [Bool]
    /// The dated span of each group: an undated article must not bridge two events months apart.
    var span: [ClosedRange<Int>?]
    /// The days a group's dated articles may span: those its articles of inferred range allow.
    var allowed: [ClosedRange<Int>?]

    init(pairs: [[(Int32, Float)]], days: [Int?], bounds: [ClosedRange<Int>?], outletKeys: [String?], options: ClusteringOptions) {
        self.options = options
        let n = pairs.count
        neighbours = [[Int: Double]](repeating: [:], count: n)
        for (i, list) in pairs.enumerated() { for (j, s) in list { neighbours[i][Int(j)] = Double(s) } }
        size = [Int](repeating: 1, count: n)
        members = (0..<n).map { [$0] }
        outlets = outletKeys.map { $0.map { [$0] } ?? [] }
        alive = [Bool](repeating: true, count: n)
        span = days.map { $0.map { $0...$0 } }
        let window = options.windowDays
        allowed = bounds.map { $0.map { ($0.lowerBound - window)...($0.upperBound + window) } }
    }

    /// Merges until no allowed pair of groups reaches the threshold; returns each group's members.
    mutating func run() -> [[Int]] {
        // Only averages at or above the threshold go on the heap: the merging stops at the first
        // one below it, so one there could only end the loop, which an empty heap ends the same
        // way. (An average that rises above it later, by a merge, is pushed then.)
        let threshold = options.threshold
        var heap = MaxHeap()
        for i in neighbours.indices { for (j, s) in neighbours[i] where j > i && s >= threshold { heap.push(s, i, j) } }
        while let (average, a, b) = heap.pop() {
            guard alive[a], alive[b], let sum = neighbours[a][b] else { continue }
            let current = sum / Double(size[a] * size[b])
            guard abs(current - average) < 1e-9 else { continue }
            if current < threshold { break }
            guard let limits = limits(a, b, average: current) else { continue }
            let keep = merge(a, b, limits: limits)
            for (k, s) in neighbours[keep] {
                let average = s / Double(size[keep] * size[k])
                if average >= threshold { heap.push(average, min(keep, k), max(keep, k)) }
            }
        }
        return alive.indices.filter { alive[$0] }.map { members[$0] }
    }

    /// The days the merged group may span (`.some(nil)`: no limit), or nil when the rules forbid
    /// merging `a` and `b`.
    func limits(_ a: Int, _ b: Int, average: Double) -> ClosedRange<Int>?? {
        if !outlets[a].isDisjoint(with: outlets[b]), average < options.threshold * options.sharedOutletFactor { return nil }
        if let x = span[a], let y = span[b], max(x.upperBound, y.upperBound) - min(x.lowerBound, y.lowerBound) > options.windowDays * 2 { return nil }
        var limits = allowed[a] ?? allowed[b]
        if let x = allowed[a], let y = allowed[b] {
            guard x.overlaps(y) else { return nil }
            limits = x.clamped(to: y)
        }
        if let limits, let x = span[a] ?? span[b], let y = span[b] ?? span[a],
           !(limits.contains(min(x.lowerBound, y.lowerBound)) && limits.contains(max(x.upperBound, y.upperBound))) { return nil }
        return .some(limits)
    }

    /// Merges the group with fewer neighbours into the other; returns the one kept.
    mutating func merge(_ a: Int, _ b: Int, limits: ClosedRange<Int>?) -> Int {
        let (keep, gone) = neighbours[a].count >= neighbours[b].count ? (a, b) : (b, a)
        for (k, s) in neighbours[gone] where k != keep {
            neighbours[k][gone] = nil
            let merged = neighbours[keep][k, default: 0] + s
            neighbours[keep][k] = merged
            neighbours[k][keep] = merged
        }
        neighbours[keep][gone] = nil
        neighbours[gone] = [:]
        alive[gone] = false
        size[keep] += size[gone]
        members[keep] += members[gone]
        members[gone] = []
        outlets[keep].formUnion(outlets[gone])
        if let x = span[keep], let y = span[gone] { span[keep] = min(x.lowerBound, y.lowerBound)...max(x.upperBound, y.upperBound) } else { span[keep] = span[keep] ?? span[gone] }
        allowed[keep] = limits
        return keep
    }
}

/// Where a document's candidates for comparison come from: the documents that share one of its
/// strongest terms (postings per term, dated ones sorted by day), within its window of days, at
/// most so many of them.
struct CandidatePostings: Sendable {
    let dated: [[(day: Int, doc: Int32)]]
    let undated: [[Int32]]
    let strongest: [[Int32]]
    /// Per term: whether it makes candidates. Terms in more than 1% of the corpus name a subject,
    /// not an event: they still count in the similarity, but do not make candidates.
    let selective: [Bool]
    let days: [Int?]
    let bounds: [ClosedRange<Int>?]
    let window: Int
    /// Candidates per document; pairs with an undated side per dated document, and per undated one.
    let limits: (all: Int, undated: Int, ofUndated: Int)

    init(_ vectors: TermVectors, strongest: [[Int32]], days: [Int?], bounds: [ClosedRange<Int>?], options: ClusteringOptions,
         limits: (all: Int, undated: Int, ofUndated: Int)) {
        let cap = max(50, vectors.vectors.count / 100)
        selective = vectors.documentFrequency.map { Int($0) <= cap }
        var dated = [[(day: Int, doc: Int32)]](repeating: [], count: vectors.vocabulary.count)
        var undated = [[Int32]](repeating: [], count: vectors.vocabulary.count)
        for (doc, terms) in strongest.enumerated() {
            for t in terms where selective[Int(t)] {
                if let d = days[doc] { dated[Int(t)].append((d, Int32(doc))) } else { undated[Int(t)].append(Int32(doc)) }
            }
        }
        for t in dated.indices where dated[t].count > 1 { dated[t].sort { $0.day < $1.day } }
        self.dated = dated
        self.undated = undated
        self.strongest = strongest
        self.days = days
        self.bounds = bounds
        window = options.windowDays
        self.limits = limits
    }

    /// Counts, for each later document sharing one of `i`'s strongest terms within its reach,
    /// how many it shares; each is listed once in `touched`.
    func collect(_ i: Int, counts: inout [UInt8], touched: inout [Int32]) {
        // The days this article may be compared within: its own ± the window, or its inferred
        // range ± the window; none for an article with no date at all.
        let reach = days[i].map { ($0 - window)...($0 + window) } ?? bounds[i].map { ($0.lowerBound - window)...($0.upperBound + window) }
        func count(_ doc: Int32) {
            if counts[Int(doc)] == 0 { touched.append(doc) }
            counts[Int(doc)] &+= 1
        }
        for t in strongest[i] where selective[Int(t)] {
            let list = dated[Int(t)]
            if let reach {
                var lo = 0, hi = list.count
                while lo < hi { let mid = (lo + hi) / 2; if list[mid].day < reach.lowerBound { lo = mid + 1 } else { hi = mid } }
                var k = lo
                while k < list.count, list[k].day <= reach.upperBound {
                    if Int(list[k].doc) > i { count(list[k].doc) }
                    k += 1
                }
            } else {
                for p in list where Int(p.doc) > i { count(p.doc) }
            }
            for doc in undated[Int(t)] where Int(doc) > i {
                if let reach, let other = bounds[Int(doc)], !reach.overlaps(other) { continue }
                count(doc)
            }
        }
    }

    /// Keeps the candidates that share the most terms, within the limits. Pairs without a date on
    /// one side have no window: they are capped apart, so that their number per article stays
    /// the same however large the corpus grows.
    func keepStrongest(_ i: Int, counts: inout [UInt8], touched: inout [Int32]) {
        let timelessLimit = days[i] == nil ? limits.ofUndated : limits.undated
        var timeless = 0
        for doc in touched where days[i] == nil || days[Int(doc)] == nil { timeless += 1 }
        guard touched.count > limits.all || timeless > timelessLimit else { return }
        // Most shared terms first, then document order: the documents sorted as plain numbers,
        // then placed by a counting sort over their counts (a few dozen values at most), stable;
        // a comparison sort through the counts cost far more for the thousands of candidates of
        // an undated article.
        touched.sort()
        var maxCount = 0
        for doc in touched { maxCount = max(maxCount, Int(counts[Int(doc)])) }
        var start = [Int](repeating: 0, count: maxCount + 2)
        for doc in touched { start[maxCount - Int(counts[Int(doc)]) + 1] += 1 }
        for c in 1..<start.count { start[c] += start[c - 1] }
        var ranked = [Int32](repeating: 0, count: touched.count)
        for doc in touched {
            let slot = maxCount - Int(counts[Int(doc)])
            ranked[start[slot]] = doc
            start[slot] += 1
        }
        touched = Self.withinLimits(ranked, all: limits.all, timeless: timelessLimit) { days[i] == nil || days[Int($0)] == nil }
        // The counts of those left out go back to 0 (the caller clears those it compares).
        var k = 0
        for doc in ranked {
            if k < touched.count, touched[k] == doc { k += 1 } else { counts[Int(doc)] = 0 }
        }
    }

    /// The first candidates of `ranked` (best first) that the limits keep, in that order: at most
    /// `all`, and of them at most `timeless` for which `isTimeless` holds (pairs with an undated
    /// side). The grouping and related stories both cap their candidates so.
    static func withinLimits(_ ranked: [Int32], all: Int, timeless: Int, isTimeless: (Int32) -> Bool) -> [Int32] {
        var kept: [Int32] = []
        var keptTimeless = 0
        for doc in ranked {
            if kept.count == all { break }
            if isTimeless(doc) {
                guard keptTimeless < timeless else { continue }
                keptTimeless += 1
            }
            kept.append(doc)
        }
        return kept
    }
}
