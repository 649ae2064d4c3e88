import Corpus
import Foundation

/// An article together with the outlet it counts as (nil when the record names no outlet at all).
public struct SourcedArticle: Sendable, Hashable {
    public var article: Article
    public var outlet: Outlet?
    /// Why the article joined its story, when the story was formed by similarity.
    public var membership: Membership?

    public init(article: Article, outlet: Outlet?, membership: Membership? = nil) {
        self.article = article
        self.outlet = outlet
        self.membership = membership
    }

    /// What makes two articles the same source: the outlet, or (for an article that names none)
    /// the article itself, since two anonymous articles cannot be told to share an outlet.
    public var sourceKey: String { outlet.map { "outlet:\($0.slug)" } ?? "article:\(article.id)" }

    public var side: Side { outlet?.side ?? .unrated }
    /// The outlet as grouping tells outlets apart (two articles of one outlet rarely report one
    /// event): its registry slug, else its name as given; nil for an article naming none.
    var groupingOutletKey: String? { outlet?.slug ?? article.outlet?.lowercased() }
    /// The outlet's name for ordering and grouping tables; pages show an article without a named
    /// outlet by its headline alone and count such sources once (`Coverage.withoutOutlet`).
    public var outletName: String { outlet?.name ?? "Unknown outlet" }
}

/// One event and every article that reported it.
public struct Story: Sendable, Hashable {
    /// The grouping key the articles share (a `story` field, a folder's `_story.yml`, or the
    /// article id for an article that is a story of its own).
    public var key: String
    public var slug: String
    public var title: String
    /// Earliest first; undated articles last; ties by outlet then id.
    public var articles: [SourcedArticle]
    public var topics: [String]
    /// Slugs of the most similar other stories, most similar first.
    public var related: [String] = []
    /// True when the articles were grouped by text similarity rather than a given key.
    public var formedBySimilarity: Bool { articles.contains { $0.membership != nil } }

    public init(key: String, slug: String, title: String, articles: [SourcedArticle], topics: [String]) {
        self.key = key
        self.slug = slug
        self.title = title
        self.articles = articles.sorted(by: Story.readingOrder)
        self.topics = topics
    }

    /// Earliest first, undated last, then by outlet and id: a total order, so output is stable.
    public static func readingOrder(_ a: SourcedArticle, _ b: SourcedArticle) -> Bool {
        switch (a.article.published, b.article.published) {
        case let (x?, y?) where x != y: return x < y
        case (_?, nil): return true
        case (nil, _?): return false
        default:
            if a.outletName != b.outletName { return a.outletName < b.outletName }
            return a.article.id < b.article.id
        }
    }

    public var firstPublished: Date? { articles.compactMap(\.article.published).min() }
    public var lastUpdated: Date? { articles.compactMap(\.article.published).max() }
}
