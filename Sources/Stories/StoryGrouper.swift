import Corpus
import Foundation

/// Groups articles into stories by their grouping key (`story` field or folder `_story.yml`).
/// An article without a key is a story of its own. Similarity clustering is a later stage that
/// will fill in keys for keyless articles before this runs.
public struct StoryGrouper: Sendable {
    public var registry: OutletRegistry

    public init(registry: OutletRegistry) {
        self.registry = registry
    }

    public func group(_ articles: [Article]) -> [Story] {
        var buckets: [String: [SourcedArticle]] = [:]
        for article in articles {
            let key = article.storyKey ?? "article:\(article.id)"
            let outlet = registry.resolve(name: article.outlet, url: article.url)
            buckets[key, default: []].append(SourcedArticle(article: article, outlet: outlet))
        }
        // Give slugs in a fixed order (oldest story first, then key) so a collision always resolves
        // the same way: the first story keeps the plain slug, later ones get -2, -3 …
        let drafts = buckets.map { key, members in
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
        return drafts.map { draft in
            var story = draft
            let base = Slug.make(story.title, fallback: "story")
            var slug = base
            var n = 2
            while used.contains(slug) { slug = "\(base)-\(n)"; n += 1 }
            used.insert(slug)
            story.slug = slug
            return story
        }
    }

    /// The story's headline: the earliest Center outlet's headline when there is one (the least
    /// slanted wording on offer), else the earliest article's.
    static func title(for members: [SourcedArticle]) -> String {
        let ordered = members.sorted(by: Story.readingOrder)
        let pick = ordered.first { $0.side == .center } ?? ordered.first
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
