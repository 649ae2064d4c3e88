import Charts
import Corpus
import Foundation
import Markdown
import SiteModel
import Stories
import Support
import TemplateEngine

/// The values every page's layout reads (`base.mustache`): the site, the way back to the root,
/// the stylesheet, the feeds, the canonical link.
struct PageBase {
    var values: [String: TemplateValue]

    init(renderer r: PageRenderer, path: String, title: String?, description: String?, section: String, absoluteRoot: Bool) {
        let root = absoluteRoot ? r.paths.basePath : SitePaths.rootPrefix(from: path)
        values = [
            "site": ["title": .string(r.config.title), "description": .string(r.config.description), "language": .string(r.config.language)],
            "root": .string(root),
            "stylesheet": .string(r.stylesheet),
            "description": .string(description ?? r.config.description),
            "section_\(section.isEmpty ? "none" : section)": true,
            "og_type": "website",
            "feeds": [["title": .string("\(r.config.title): latest stories"), "href": .string((root == "./" ? "" : root) + SitePaths.feed)]],
        ]
        if let title { values["page_title"] = .string(title) }
        if let canonical = r.paths.absolute(path) { values["canonical"] = .string(canonical) }
    }
}

/// The story page's values (`story.mustache`), made by typed code: each part of the page is a
/// function of the story, its coverage and its Markdown document.
struct StoryPageModel {
    let renderer: PageRenderer
    let entry: StoryEntry
    let document: StoryDocument
    /// Each article's link, worked out once for the headlines, the sources and the JSON-LD.
    let links: [ArticleLink]

    init(renderer: PageRenderer, entry: StoryEntry, document: StoryDocument) {
        self.renderer = renderer
        self.entry = entry
        self.document = document
        links = entry.story.articles.map { ArticleLink($0.article.url) }
    }

    var path: String { entry.path }
    var story: Story { entry.story }
    var coverage: Coverage { entry.coverage }
    func link(_ to: String) -> String { SitePaths.link(from: path, to: to) }

    var value: TemplateValue {
        var v = PageBase(renderer: renderer, path: path, title: story.title, description: entry.summary.first?.text, section: "stories", absoluteRoot: false).values
        v.merge(header, uniquingKeysWith: { $1 })
        v.merge(summary, uniquingKeysWith: { $1 })
        v.merge(charts, uniquingKeysWith: { $1 })
        // Headlines side by side compare articles; a story of one article has its headline in its
        // sources (and which sides did not cover it in the coverage details).
        let compared = story.articles.count > 1
        v["has_headlines"] = .bool(compared)
        if compared { v["headlines"] = .list(headlines) }
        // A "Lean Left" outlet under a "Left" heading needs the sides explained.
        v["has_lean"] = .bool(story.articles.contains { $0.outlet?.bias == .leanLeft || $0.outlet?.bias == .leanRight })
        v["source_sides"] = .list(sourceSides)
        let related = story.related.compactMap { slug in renderer.model.storyBySlug[slug].map { renderer.model.stories[$0] } }
        v["related"] = .list(related.map { other in
            var item: [String: TemplateValue] = ["title": .string(other.story.title), "href": .string(other.href(from: path)), "sources": .int(other.coverage.total), "sources_label": PageRenderer.noun(other.coverage.total, "source", "sources")]
            if let external = PageRenderer.external(other) { item["external"] = external }
            // No key for no date: an empty one would still open the template's `{{#date}}`.
            if let first = other.story.firstPublished { item["date"] = .string(DateText.display(first)) }
            return .object(item)
        })
        v["has_related"] = .bool(!related.isEmpty)
        // The story's machine-readable entry: its shard of data/, keyed by the slug.
        if let shard = renderer.dataShards[story.slug] {
            let file = shard.split(separator: "/").last.map(String.init) ?? shard
            v["data"] = ["href": .string(link(shard)), "file": .string(file), "key": .string(story.slug)]
        }
        if story.formedBySimilarity {
            v["grouping"] = .list(groupingRows)
            v["grouping_threshold"] = .string(String(format: "%.2f", renderer.config.grouping.clustering.threshold))
            v["has_grouping"] = true
        }
        return .object(v)
    }

    /// Title, topics, dates and counts.
    var header: [String: TemplateValue] {
        var v: [String: TemplateValue] = ["title": .string(story.title), "og_type": "article"]
        v["json_ld"] = .string(StructuredData.newsArticle(entry, paths: renderer.paths, siteTitle: renderer.config.title, links: links))
        let model = renderer.model
        v["topics"] = .list(story.topics.map { topic in
            .object(["name": .string(topic), "href": .string(link(SitePaths.topic(model.topicByName[topic.lowercased()].map { model.topics[$0].slug } ?? Slug.make(topic))))])
        })
        v["has_topics"] = .bool(!story.topics.isEmpty)
        if let d = story.firstPublished { v["first_published"] = .string(DateText.display(d)); v["first_published_iso"] = .string(DateText.iso(d)) }
        // One date said once: a story whose articles all came out that day was not updated later.
        if let d = story.lastUpdated, DateText.display(d) != story.firstPublished.map({ DateText.display($0) }) {
            v["last_updated"] = .string(DateText.display(d)); v["last_updated_iso"] = .string(DateText.iso(d))
        }
        v["article_count"] = .int(coverage.articleCount)
        v["articles_label"] = PageRenderer.noun(coverage.articleCount, "article", "articles")
        v["source_count"] = .int(coverage.total)
        v["sources_label"] = .string(coverage.total == 1 ? "source" : "sources")
        return v
    }

    /// The editor's summary, or the cited one with who reports each sentence.
    var summary: [String: TemplateValue] {
        guard !document.summary.isEmpty else { return [:] }
        if entry.override?.summary != nil {
            return ["summary_html": .string(PageRenderer.headingFootnotes(renderer.markdown.html(document.summary))), "editor_summary": true]
        }
        let html = PageRenderer.headingFootnotes(renderer.corpusMarkdown.html(document.summary))
        guard coverage.rated > 0 else { return ["summary_html": .string(html)] }
        let theme = renderer.theme
        guard theme.templateNames.contains(PageRenderer.whoReportsTemplate) else { return ["summary_html": .string(html)] }
        let sides = entry.summary.map { sentence in PageRenderer.sides(citing: sentence, in: story) }
        var made: [Set<Side>: String] = [:]
        let marked = PageRenderer.addingWhoReports(html, sides: sides) { carried in
            if let text = made[carried] { return text }
            var text = theme.render(PageRenderer.whoReportsTemplate, PageRenderer.whoReportsValue(carried))
            if text.hasSuffix("\n") { text.removeLast() }
            made[carried] = text
            return text
        }
        return ["summary_html": .string(marked)]
    }

    /// The bias bar, the coverage details, the factuality bar, the timeline, the blindspot note.
    var charts: [String: TemplateValue] {
        let c = coverage
        let hours = story.articles.allSatisfy { $0.article.published == nil || $0.article.publishedHasTime }
        let distribution = PageRenderer.distribution(c)
        var v: [String: TemplateValue] = [
            "bias_svg": .string(BiasBar.svg(distribution, idPrefix: "story")),
            "bias_legend": PageRenderer.legendValue(BiasBar.legend(distribution)),
            "too_few": .bool(c.tooFewRated),
            "min_rated": .int(renderer.config.rules.minRated),
            "no_rated": .bool(c.rated == 0),
            "details": .list(renderer.coverageDetails(c, hours: hours).map { .object(["label": .string($0.label), "value": .string($0.value)]) }),
        ]
        let mix = FactualityMix(high: c.factuality[.high] ?? 0, mixed: c.factuality[.mixed] ?? 0, low: c.factuality[.low] ?? 0, unknown: c.factuality[.unknown] ?? 0)
        v["factuality_svg"] = .string(FactualityBar.svg(mix, idPrefix: "story"))
        v["factuality_legend"] = PageRenderer.legendValue(FactualityBar.legend(mix))
        let dated = story.articles.compactMap { m in m.article.published.map { (date: $0, side: m.side.rawValue) } }
        if !dated.isEmpty {
            let timeline = Timeline.make(dates: dated, undated: c.undatedArticles, hours: hours)
            v.merge(PageRenderer.responsiveTimeline(timeline, idPrefix: "story")) { a, _ in a }
        }
        v["has_rated"] = .bool(c.rated > 0)
        v.merge(renderer.toneValues(entry)) { a, _ in a }
        if let side = c.blindspot {
            v["blindspot"] = .string("Blindspot for the \(side.label): few \(side.label.lowercased())-rated outlets covered this story.")
            v["blindspot_href"] = .string(link(SitePaths.page("blindspot")))
        }
        v["methodology_href"] = .string(link(SitePaths.page("methodology")))
        return v
    }

    /// How each side headlined it. An empty side is news ("no Right outlet covered it") only
    /// when some side is rated.
    var headlines: [TemplateValue] {
        let c = coverage
        let visible = PageRenderer.visiblePerSide
        return Side.allCases.compactMap { side in
            let members = story.articles.indices.filter { story.articles[$0].side == side }
            if members.isEmpty && (side == .unrated || c.rated == 0) { return nil }
            let items: [TemplateValue] = members.map { n in
                let m = story.articles[n]
                var item: [String: TemplateValue] = ["title": .string(m.article.title), "anchor": .string(StoryDocument.anchor(n + 1))]
                if let o = m.outlet { item["outlet"] = .string(o.name) }
                if let url = links[n].url { item["href"] = .string(url) }
                return .object(item)
            }
            var values = folded(side, items, visible: visible)
            values["count"] = .int(c.count(side))
            values["empty"] = .bool(items.isEmpty)
            return .object(values)
        }
    }

    /// Every source, by side.
    var sourceSides: [TemplateValue] {
        let c = coverage
        let visible = PageRenderer.visiblePerSide * 2
        return Side.allCases.compactMap { side in
            let members = story.articles.indices.filter { story.articles[$0].side == side }
            guard !members.isEmpty else { return nil }
            let items = members.map { n in sourceEntry(story.articles[n], number: n + 1, url: links[n]) }
            var values = folded(side, items, visible: visible)
            values["sources"] = .int(c.count(side))
            values["articles"] = .int(members.count)
            values["articles_label"] = .string(members.count == 1 ? "article" : "articles")
            return .object(values)
        }
    }

    /// A side of the headlines or of the sources: its key, label and source count's label, and
    /// its items, the first `visible` shown and the rest under "more".
    func folded(_ side: Side, _ items: [TemplateValue], visible: Int) -> [String: TemplateValue] {
        [
            "key": .string(side.rawValue), "label": .string(side.label),
            "sources_label": .string(coverage.count(side) == 1 ? "source" : "sources"),
            "shown": .list(Array(items.prefix(visible))), "more": .list(Array(items.dropFirst(visible))),
            "more_count": .int(max(0, items.count - visible)), "more_label": PageRenderer.noun(items.count - visible, "article", "articles"), "has_more": .bool(items.count > visible),
        ]
    }

    /// One article in the source list: outlet, leaning, factuality, headline, date, excerpt.
    func sourceEntry(_ m: SourcedArticle, number: Int, url articleURL: ArticleLink) -> TemplateValue {
        var item: [String: TemplateValue] = [
            "anchor": .string(StoryDocument.anchor(number)),
            "leaning": .string(m.outlet?.bias?.label ?? "Unrated"),
            "side": .string(m.side.rawValue),
            "factuality": .string((m.outlet?.factuality ?? .unknown).label),
            "title": .string(m.article.title.isEmpty ? "(untitled)" : m.article.title),
        ]
        if let o = m.outlet {
            item["outlet"] = .string(o.name)
            item["outlet_href"] = .string(link(SitePaths.outlet(o.slug)))
        }
        if let url = articleURL.url {
            item["href"] = .string(url)
            if let host = ArticleLink.shownHost(articleURL.components) { item["host"] = .string(host) }
        }
        if let d = m.article.published {
            item["date"] = .string(DateText.display(d, withTime: m.article.publishedHasTime))
            item["date_iso"] = .string(DateText.iso(d))
        } else if let inferred = m.article.publishedInferred {
            item["inferred_date"] = .string("\(inferred.display), \(inferred.source.phrase)")
        }
        if let excerpt = PageRenderer.excerpt(of: m.article) { item["excerpt"] = .string(excerpt) }
        return .object(item)
    }

    /// Why each article is in the story: its similarity to the rest and the terms it shares.
    var groupingRows: [TemplateValue] {
        story.articles.map { m in
            var row: [String: TemplateValue] = ["outlet": .string(m.outlet?.name ?? "—"), "title": .string(m.article.title)]
            if let why = m.membership {
                row["similarity"] = .string(String(format: "%.2f", why.similarity))
                row["terms"] = .string(why.sharedTerms.joined(separator: ", "))
                row["borderline"] = .bool(why.borderline)
            } else {
                row["similarity"] = "—"
                row["terms"] = "placed by an editor's correction"
            }
            return .object(row)
        }
    }
}
