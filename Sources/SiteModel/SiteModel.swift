import Corpus
import Foundation
import Stories
import Support

/// A story with everything its pages show: coverage and summary, and where it lives.
public struct StoryEntry: Sendable, Equatable {
    public var story: Story
    public var coverage: Coverage
    public var summary: [SummarySentence]
    /// The tone of its articles, or why it has none.
    public var tone: Result<StoryTone, StoryTone.Missing>
    /// The editor's override file for this story, if any (its summary replaces `summary` on the page).
    public var override: StoryOverride?
    public var pinned: Bool { override?.pinned ?? false }
    /// Where the story's page is, or would be: also its key in feeds' ids and caches.
    public var path: String { SitePaths.story(story.slug) }
    /// For a story without a page of its own (one article, see `SiteConfig.singleArticlePages`):
    /// its article's address, where every link to the story goes. Nil for a story with a page.
    public var articleLink: String?
    public var hasPage: Bool { articleLink == nil }

    /// What a link on the page at `page` to this story says: its page, relative, or its article.
    public func href(from page: String) -> String {
        articleLink ?? SitePaths.link(from: page, to: path)
    }

    /// The article address a story without a page links to, or nil when it gets a page: it has
    /// more than one article, an editor's file, or no safe http(s) address (a `mailto:` one
    /// keeps the page too).
    static func articleLink(of story: Story, override: StoryOverride?, singleArticlePages: Bool) -> String? {
        guard !singleArticlePages, override == nil, story.articles.count == 1,
              let url = SafeURL.web(story.articles[0].article.url), SafeURL.isPage(url) else { return nil }
        return url
    }
}

/// One day's tone index: the mean tone of the stories first reported that day.
public struct DayTone: Sendable, Equatable {
    /// The first of those stories' first articles (its day is the index's day).
    public var day: Date
    public var score: Double
    public var stories: Int
}

/// An outlet that covered at least one story, with its stories (indices into `SiteModel.stories`).
public struct OutletEntry: Sendable {
    public var outlet: Outlet
    public var stories: [Int]
    public var articleCount: Int
    public var path: String { SitePaths.outlet(outlet.slug) }
}

/// A topic and its stories (indices into `SiteModel.stories`).
public struct TopicEntry: Sendable {
    public var name: String
    public var slug: String
    public var stories: [Int]
    public var path: String { SitePaths.topic(slug) }
}

/// Everything measured about the corpus, in page order: the input of page rendering.
public struct SiteModel: Sendable {
    public var stories: [StoryEntry]
    public var outlets: [OutletEntry]
    public var topics: [TopicEntry]
    /// Override files whose slug matches no story (reported by the build).
    public var unusedOverrides: [StoryOverride] = []
    /// The newest article date of the corpus: "now" for ranking and for the home page's period
    /// (never the build's clock, so the same input always builds the same site).
    public var newest: Date?
    /// Story index by slug, and topic index by lower-cased name: pages look them up by the
    /// thousand.
    public private(set) var storyBySlug: [String: Int] = [:]
    public private(set) var topicByName: [String: Int] = [:]
    /// The summary options the summaries were made with (a later model may reuse them).
    public private(set) var summaryOptions = SummaryOptions()
    public private(set) var toneThresholds = ToneThresholds()
    /// Whether stories of one article got pages (`SiteConfig.singleArticlePages`).
    public private(set) var singleArticlePages: Bool
    /// The daily index: by day (`DateText.day` of a story's first article), the mean tone of the
    /// stories first reported that day, and how many they are.
    public private(set) var toneByDay: [String: DayTone] = [:]

    /// Measures and summarises every story (in parallel over `jobs` threads), applies the editor's
    /// overrides (title, topics, pinned, hidden, summary), and indexes outlets and topics.
    /// A story with the same slug and articles as one of `previous` keeps its summary
    /// from there when the summary options are the same: `serve` re-summarises only what an
    /// edit changed.
    public init(stories unordered: [Story], rules: CoverageRules, overrides: [String: StoryOverride] = [:],
                summary: SummaryOptions = SummaryOptions(), tone thresholds: ToneThresholds = ToneThresholds(), decayDays: Double = 2,
                singleArticlePages: Bool, jobs: Int = 1, progress: BuildProgress? = nil, previous: SiteModel? = nil) {
        var kept = unordered
        var used: Set<String> = []
        for i in kept.indices {
            guard let o = overrides[kept[i].slug] else { continue }
            used.insert(o.slug)
            if let title = o.title { kept[i].title = title }
            if let topics = o.topics { kept[i].topics = topics }
        }
        unusedOverrides = overrides.values.filter { !used.contains($0.slug) }.sorted { $0.slug < $1.slug }
        kept.removeAll { overrides[$0.slug]?.hidden == true }
        let summarizer = CitedSummary(options: summary)
        summaryOptions = summary
        toneThresholds = thresholds
        self.singleArticlePages = singleArticlePages
        let reusable = previous.flatMap { $0.summaryOptions == summary ? $0 : nil }
        let reusableTone = previous.flatMap { $0.toneThresholds == thresholds ? $0 : nil }
        let entries = Parallel.map(kept, jobs: jobs) { story in
            defer { progress?.advance() }
            let o = overrides[story.slug]
            let made: [SummarySentence]
            if o?.summary != nil {
                made = []
            } else if let reusable, let i = reusable.storyBySlug[story.slug], reusable.stories[i].override?.summary == nil,
                      reusable.stories[i].story.articles == story.articles {
                made = reusable.stories[i].summary
            } else {
                made = summarizer.make(for: story)
            }
            let tone: Result<StoryTone, StoryTone.Missing>
            if let reusableTone, let i = reusableTone.storyBySlug[story.slug], reusableTone.stories[i].story.articles == story.articles {
                tone = reusableTone.stories[i].tone
            } else {
                tone = StoryTone.measure(story.articles.map(\.article), thresholds: thresholds)
            }
            return StoryEntry(story: story, coverage: Coverage(story: story, rules: rules), summary: made, tone: tone, override: o,
                              articleLink: StoryEntry.articleLink(of: story, override: o, singleArticlePages: singleArticlePages))
        }
        toneByDay = Self.dailyIndex(entries)
        let newest = entries.compactMap(\.story.lastUpdated).max()
        self.newest = newest
        // Ranks computed once, indices sorted, entries moved once: the order `homeOrder` gives.
        let ranks = entries.map { Self.rank($0, newest: newest, decayDays: decayDays) }
        let order = entries.indices.sorted { Self.homeOrder(entries[$0], entries[$1], ranks: (ranks[$0], ranks[$1])) }
        stories = order.map { entries[$0] }

        var outlets: [String: OutletEntry] = [:]
        var topics: [String: TopicEntry] = [:]
        var topicSlugs: [String: String] = [:]
        for (index, entry) in stories.enumerated() {
            var counted: Set<String> = []
            for member in entry.story.articles {
                guard let outlet = member.outlet else { continue }
                if outlets[outlet.slug] == nil { outlets[outlet.slug] = OutletEntry(outlet: outlet, stories: [], articleCount: 0) }
                outlets[outlet.slug]!.articleCount += 1
                if counted.insert(outlet.slug).inserted { outlets[outlet.slug]!.stories.append(index) }
            }
            for topic in entry.story.topics {
                let key = topic.lowercased()
                if topicSlugs[key] == nil {
                    var slug = Slug.make(topic, fallback: "topic")
                    var n = 2
                    while topics[slug] != nil { slug = Slug.numbered(Slug.make(topic, fallback: "topic"), n); n += 1 }
                    topicSlugs[key] = slug
                    topics[slug] = TopicEntry(name: topic, slug: slug, stories: [])
                }
                topics[topicSlugs[key]!]!.stories.append(index)
            }
        }
        self.outlets = outlets.values.sorted { $0.outlet.name.lowercased() != $1.outlet.name.lowercased() ? $0.outlet.name.lowercased() < $1.outlet.name.lowercased() : $0.outlet.slug < $1.outlet.slug }
        self.topics = topics.values.sorted { $0.name.lowercased() != $1.name.lowercased() ? $0.name.lowercased() < $1.name.lowercased() : $0.slug < $1.slug }
        for (i, entry) in stories.enumerated() { storyBySlug[entry.story.slug] = i }
        for (i, topic) in self.topics.enumerated() where topicByName[topic.name.lowercased()] == nil { topicByName[topic.name.lowercased()] = i }
    }

    /// The home page's order: the stories more than one outlet covered (and pinned ones) in rank
    /// order (`stories`' order), then those of one source, so that a report one outlet alone
    /// filed never ranks above a story several covered.
    public func homeRanking() -> [Int] {
        stories.indices.filter { Self.ranksFirst(stories[$0]) } + stories.indices.filter { !Self.ranksFirst(stories[$0]) }
    }

    /// Whether a story is in the home page's first group (see `homeRanking`).
    public static func ranksFirst(_ entry: StoryEntry) -> Bool { entry.coverage.total > 1 || entry.pinned }

    /// Story `index` titled, measured and summarised again after its articles changed, for
    /// `serve`'s quick preview (`QuickPreview`): its slug, its place and the lists it is in stay
    /// as they were. An editor's title and summary still win.
    public mutating func refresh(_ index: Int, rules: CoverageRules) {
        var entry = stories[index]
        entry.story.articles.sort(by: Story.readingOrder)
        entry.story.title = entry.override?.title ?? StoryGrouper.title(for: entry.story.articles)
        entry.coverage = Coverage(story: entry.story, rules: rules)
        entry.summary = entry.override?.summary != nil ? [] : CitedSummary(options: summaryOptions).make(for: entry.story)
        entry.tone = StoryTone.measure(entry.story.articles.map(\.article), thresholds: toneThresholds)
        entry.articleLink = StoryEntry.articleLink(of: entry.story, override: entry.override, singleArticlePages: singleArticlePages)
        stories[index] = entry
        toneByDay = Self.dailyIndex(stories)
    }

    /// The daily tone index: the mean tone of each day's stories (by their first article's day).
    static func dailyIndex(_ entries: [StoryEntry]) -> [String: DayTone] {
        var days: [String: DayTone] = [:]
        for entry in entries {
            guard case .success(let tone) = entry.tone, let first = entry.story.firstPublished else { continue }
            let key = DateText.day(first)
            var day = days[key] ?? DayTone(day: first, score: 0, stories: 0)
            day.score += tone.score
            day.stories += 1
            day.day = min(day.day, first)
            days[key] = day
        }
        return days.mapValues { var d = $0; d.score /= Double(d.stories); return d }
    }

    /// The day's tone index for a story's first day, when it has one.
    public func dayIndex(of entry: StoryEntry) -> DayTone? {
        entry.story.firstPublished.flatMap { toneByDay[DateText.day($0)] }
    }

    /// How a story ranks on the home page: its sources, discounted by how long before the corpus's
    /// newest article it was last updated: `sources ÷ (1 + days ÷ decayDays)`. A story 2 days old
    /// (with the default 2) needs twice the sources of today's to rank beside it.
    public static func rank(_ entry: StoryEntry, newest: Date?, decayDays: Double) -> Double? {
        guard let updated = entry.story.lastUpdated, let newest else { return nil }
        let days = max(0, newest.timeIntervalSince(updated) / 86_400)
        return Double(entry.coverage.total) / (1 + days / max(0.01, decayDays))
    }

    /// Home order: pinned stories first, then by rank (see `rank`), then newest, then slug;
    /// undated stories last, most sources first.
    /// `ranks` are the two stories' `rank`s.
    static func homeOrder(_ a: StoryEntry, _ b: StoryEntry, ranks: (Double?, Double?)) -> Bool {
        if a.pinned != b.pinned { return a.pinned }
        switch ranks {
        case let (x?, y?) where x != y: return x > y
        case (_?, nil): return true
        case (nil, _?): return false
        default: break
        }
        if a.story.lastUpdated != b.story.lastUpdated { return (a.story.lastUpdated ?? .distantPast) > (b.story.lastUpdated ?? .distantPast) }
        if a.coverage.total != b.coverage.total { return a.coverage.total > b.coverage.total }
        return a.story.slug < b.story.slug
    }
}
