import Corpus
import Foundation
import Support

/// How articles become stories.
public struct GroupingOptions: Sendable, Equatable {
    public enum Mode: String, Sendable, CaseIterable {
        /// Only the `story` key (or a folder's `_story.yml`); a keyless article is its own story.
        case key
        /// Text similarity for every article; keys are ignored (to evaluate the clustering).
        case similarity
        /// The key where an article has one, similarity for the rest.
        case auto
    }

    public var mode: Mode = .auto
    public var clustering = ClusteringOptions()
    /// How many related stories each story lists.
    public var related = 5
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    public init() {}
}

/// What `serve` keeps of grouping from one build to the next: the terms counted in each article
/// and in each story's document (`TermCountCache`), and the last similarity grouping's vectors,
/// to place an added article for a preview (`place`). Grouping comes out as without it.
public final class GroupingCache: @unchecked Sendable {
    let articles = TermCountCache()
    let stories = TermCountCache()
    private let lock = NSLock()
    private var last: Snapshot?

    /// What the last similarity grouping compared: every article's vector, day and id.
    struct Snapshot {
        var vectors: TermVectors
        var days: [Int?]
        var ids: [String]
        var options: ClusteringOptions
    }

    public init() {}

    func keep(_ snapshot: Snapshot?) {
        lock.lock()
        last = snapshot
        lock.unlock()
    }

    /// For `serve`'s quick preview: the story that `added`, an article without a grouping key
    /// added since the last grouping, would join by that grouping's rules, and its similarity to
    /// the story's members. Its similarity to every article the grouping compared is measured
    /// under that grouping's term weights and date scaling; its links count in full to its
    /// nearest articles and weakened to the others; the story is the one whose members it is
    /// most similar to on average, at least the threshold (times `sharedOutletFactor` when the
    /// story has an article of the same outlet), with every dated article within twice the
    /// window, and it passes the join rule of its kind (`ClusteringOptions.joinRatio`).
    /// `storyOf`: article id → story; `members`: a story's articles. Nil: a story of its own (or
    /// no similarity grouping yet). The exact grouping measures everything again.
    public func place(_ added: SourcedArticle, storyOf: [String: Int], members: (Int) -> [SourcedArticle]) -> (story: Int, membership: Membership)? {
        lock.lock()
        let last = self.last
        lock.unlock()
        guard let last else { return nil }
        let vector = last.vectors.vector(of: added.article)
        guard !vector.terms.isEmpty else { return nil }
        var dense = DenseScratch(dimension: last.vectors.vocabulary.count)
        dense.load(vector)
        let o = last.options
        let day = added.article.published.map(DateText.dayNumber)
        let floor = o.threshold * SimilarityClustering(options: o, jobs: 1).pairFloor
        var links: [(Int, Double)] = []
        var cosines: [Int: Double] = [:]
        for j in last.vectors.vectors.indices {
            if let a = day, let b = last.days[j], abs(a - b) > o.windowDays { continue }
            let cosine = Double(dense.dot(last.vectors.vectors[j]))
            let s = o.scaled(cosine, days: day, last.days[j])
            if s >= floor { links.append((j, s)); cosines[j] = cosine }
        }
        let nearest = Set(links.sorted { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }.prefix(o.nearestNeighbours).map(\.0))
        let weighted = links.map { j, s in (j, nearest.contains(j) ? s : s * o.strayLinkFactor) }
        var sums: [Int: Double] = [:]
        for (j, s) in weighted {
            guard let story = storyOf[last.ids[j]] else { continue }
            sums[story, default: 0] += s
        }
        let kind = PieceKind(added.article)
        let outlet = added.groupingOutletKey
        var chosen: (story: Int, average: Double)?
        for (story, sum) in sums.sorted(by: { $0.key < $1.key }) {
            let articles = members(story)
            guard !articles.isEmpty else { continue }
            let average = sum / Double(articles.count)
            let shares = outlet != nil && articles.contains { $0.groupingOutletKey == outlet }
            guard average >= o.threshold * (shares ? o.sharedOutletFactor : 1) else { continue }
            let storyDays = articles.compactMap { $0.article.published.map(DateText.dayNumber) }
            let dated = storyDays + (day.map { [$0] } ?? [])
            if let lo = dated.min(), let hi = dated.max(), hi - lo > o.windowDays * 2 { continue }
            let span = storyDays.min().map { $0...storyDays.max()! }
            let (best, elsewhere) = ClusteringOptions.joinLinks(weighted, dated: day != nil, span: span, inStory: { storyOf[last.ids[$0]] == story }, day: { last.days[$0] })
            guard o.joinRatio(kind: kind, dated: day != nil, storyDated: span != nil, best: best, elsewhere: elsewhere) >= 1 else { continue }
            let closest = cosines.reduce(0.0) { storyOf[last.ids[$1.key]] == story ? max($0, $1.value) : $0 }
            guard closest >= o.memberCosine else { continue }
            if chosen.map({ average > $0.average }) ?? true { chosen = (story, average) }
        }
        return chosen.map { ($0.story, Membership(similarity: ($0.average * 1000).rounded() / 1000, sharedTerms: [], borderline: $0.average < o.threshold * o.borderline)) }
    }
}

/// Groups articles into stories: by their grouping key (`story` field or folder `_story.yml`), by
/// text similarity (`SimilarityClustering`), or both, then links each story to its most similar
/// others.
public struct StoryGrouper: Sendable {
    public var registry: OutletRegistry
    public var options: GroupingOptions

    public init(registry: OutletRegistry, options: GroupingOptions = GroupingOptions()) {
        self.registry = registry
        self.options = options
    }

    public func group(_ articles: [Article]) -> [Story] {
        group(articles, corrections: GroupingCorrections()).stories
    }

    /// Groups, applies the editor's corrections, then links related stories. `problems` lists the
    /// corrections that no longer apply.
    public func group(_ articles: [Article], corrections: GroupingCorrections, cache: GroupingCache? = nil) -> (stories: [Story], problems: [String]) {
        var t0 = Date()
        let registry = self.registry
        let sourced = Parallel.map(articles, jobs: options.jobs) { SourcedArticle(article: $0, outlet: registry.resolve(name: $0.outlet, url: $0.url)) }
        SimilarityClustering.trace("outlets", &t0)
        var buckets: [String: [SourcedArticle]] = [:]
        var toCluster: [SourcedArticle] = []
        for item in sourced {
            switch (options.mode, item.article.storyKey) {
            case (.key, let key): buckets[key ?? "article:\(item.article.id)", default: []].append(item)
            case (.auto, let key?): buckets[key, default: []].append(item)
            default: toCluster.append(item)
            }
        }
        if !toCluster.isEmpty {
            let clustering = SimilarityClustering(options: options.clustering, jobs: options.jobs)
            let result = clustering.cluster(toCluster.map(\.article), outletKeys: toCluster.map(\.groupingOutletKey), terms: cache?.articles)
            cache?.keep(result.vectors.map { GroupingCache.Snapshot(vectors: $0, days: result.days, ids: toCluster.map(\.article.id), options: options.clustering) })
            for group in result.clusters {
                var members = group.map { i -> SourcedArticle in
                    var m = toCluster[i]
                    m.membership = result.membership[i]
                    return m
                }
                members.sort(by: Story.readingOrder)
                // The key (and so the slug) comes from the story's first article: adding later
                // articles to the corpus keeps it.
                let anchor = members.min { a, b in Self.anchorOrder(a, b) }!
                buckets[Self.similarityKeyPrefix + anchor.article.id] = members
            }
        }

        if toCluster.isEmpty { cache?.keep(nil) }
        SimilarityClustering.trace("clustering", &t0)
        // Give slugs in a fixed order (oldest story first, then key) so a collision always resolves
        // the same way: the first story keeps the plain slug, later ones get -2, -3 …
        let drafts = Parallel.map(Array(buckets), jobs: options.jobs) { key, members in
            Story(key: key, slug: "", title: Self.title(for: members), articles: members, topics: Self.topics(of: members))
        }.sorted { a, b in
            switch (a.firstPublished, b.firstPublished) {
            case let (x?, y?) where x != y: return x < y
            case (_?, nil): return true
            case (nil, _?): return false
            default: return a.key < b.key
            }
        }
        var used: Set<String> = []
        func assignSlug(_ story: inout Story) {
            let base = Slug.make(Self.slugSource(for: story), fallback: "story")
            var slug = base
            var n = 2
            while used.contains(slug) { slug = Slug.numbered(base, n); n += 1 }
            used.insert(slug)
            story.slug = slug
        }
        var stories = drafts.map { draft in
            var story = draft
            assignSlug(&story)
            return story
        }
        var problems: [String] = []
        if !corrections.isEmpty {
            (stories, problems) = corrections.apply(to: stories)
            for i in stories.indices where stories[i].slug.isEmpty { assignSlug(&stories[i]) }
        }
        SimilarityClustering.trace("stories and slugs", &t0)
        if options.related > 0 {
            defer { SimilarityClustering.trace("related", &t0) }
            let related = RelatedStories(count: options.related, jobs: options.jobs).find(for: stories, terms: cache?.stories)
            for i in stories.indices { stories[i].related = related[i].map { stories[$0].slug } }
        }
        return (stories, problems)
    }

    static let similarityKeyPrefix = "similar:"

    /// Earliest dated article first, then by id: the article a similarity story is named after.
    static func anchorOrder(_ a: SourcedArticle, _ b: SourcedArticle) -> Bool {
        switch (a.article.published, b.article.published) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default: return a.article.id < b.article.id
        }
    }

    /// What the slug is made from: a similarity story's anchor headline (stable as articles are
    /// added), a keyed story's title.
    static func slugSource(for story: Story) -> String {
        for prefix in [similarityKeyPrefix, "split:"] where story.key.hasPrefix(prefix) {
            let id = String(story.key.dropFirst(prefix.count))
            if let anchor = story.articles.first(where: { $0.article.id == id }) { return anchor.article.title }
        }
        return story.title
    }

    /// The story's headline: the earliest Center outlet's headline when there is one (the least
    /// slanted wording on offer), else the earliest article's; a headline cut short by its feed
    /// ("Who is the Winner? Next ...") only when no whole one exists.
    public static func title(for members: [SourcedArticle]) -> String {
        let ordered = members.sorted(by: Story.readingOrder)
        func whole(_ m: SourcedArticle) -> Bool {
            let t = m.article.title.trimmed
            return !t.isEmpty && !t.hasSuffix("...") && !t.hasSuffix("…")
        }
        let pick = ordered.first { $0.side == .center && whole($0) } ?? ordered.first(where: whole)
            ?? ordered.first { $0.side == .center } ?? ordered.first
        return pick?.article.title ?? "Untitled story"
    }

    /// The articles' topics, most frequent first.
    static func topics(of members: [SourcedArticle]) -> [String] {
        var counts: [String: Int] = [:]
        var display: [String: String] = [:]
        for topic in members.flatMap(\.article.topics) {
            let key = topic.lowercased()
            counts[key, default: 0] += 1
            display[key] = display[key] ?? topic
        }
        return counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.map { display[$0.key]! }
    }
}
