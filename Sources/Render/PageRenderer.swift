import Charts
import Corpus
import Foundation
import Markdown
import Output
import SiteModel
import Stories
import Support
import TemplateEngine

/// Renders the site's pages from the model through the theme. Each method returns the files of
/// one kind of page; the contexts hold plain values, escaped by the templates (`{{ }}`), except
/// the HTML that sitegen made itself (rendered Markdown, SVG), passed as `*_html`/`*_svg`.
public struct PageRenderer: Sendable {
    public let theme: Theme
    public let config: SiteConfig
    public let paths: SitePaths
    public let model: SiteModel
    public let stylesheet: String
    /// Every list's ratings (`Content/outlet-ratings.csv`), for the outlet pages.
    public var ratings = OutletRatings()
    /// Editor-written pages.
    let markdown = MarkdownRenderer()
    /// Markdown made from corpus text (story pages).
    let corpusMarkdown = MarkdownRenderer.corpusText
    /// Every story's card chart, by story index (empty: made when asked). A story's card shows
    /// on the home, topic, outlet and blindspot pages, four cards a story on average, each with
    /// the same chart.
    var cardCharts: [String] = []
    /// The shard of `data/` that holds each story's JSON, by slug (output paths, e.g.
    /// `data/stories-2020-07.json`): a story page links to its entry there. Empty: no link.
    public var dataShards: [String: String] = [:]

    public init(theme: Theme, config: SiteConfig, paths: SitePaths, model: SiteModel, stylesheet: String, ratings: OutletRatings = OutletRatings()) {
        self.theme = theme
        self.config = config
        self.paths = paths
        self.model = model
        self.stylesheet = stylesheet
        self.ratings = ratings
    }

    // MARK: Shared context

    /// Names the pages give only for some content or settings, which a build may not show: a
    /// canonical link needs a `base_url` with a host; an owner, a country or a rating source
    /// needs the outlet table to say; an editor's summary needs an override with a body; an
    /// inferred date needs an undated article whose date was inferred; the grouping table needs
    /// a story grouped by text; dates, links and timelines need dated articles with addresses.
    /// `sitegen check` counts them as provided.
    static let conditionalNames: Set<String> = [
        "canonical", "page_title", "owner", "country", "rating_source", "disagreement", "editor_summary", "summary_html",
        "inferred_date", "excerpt", "host", "href", "outlet", "outlet_href", "date", "date_iso", "timeline_svg", "timeline_legend", "timeline_caption",
        "first_published", "first_published_iso", "last_updated", "last_updated_iso",
        "grouping", "grouping_threshold", "has_grouping", "similarity", "terms", "borderline",
        "blindspot", "blindspot_href", "blindspots", "blindspot_count", "blindspot_count_label", "blindspot_line", "inline_css",
        "period", "pagination", "prev_href", "next_href", "first_href", "range",
        "tone", "no_tone", "day", "data", "file", "key", "newer", "older", "undated", "archive", "rest", "rest_label", "years", "has_archive", "label", "short", "not_english", "daily_tone", "lead", "why", "summary", "outlets_line", "miss", "example", "timeline_sentence", "external", "single_side", "alone",
    ]

    func base(path: String, title: String?, description: String? = nil, section: String = "", absoluteRoot: Bool = false) -> [String: TemplateValue] {
        PageBase(renderer: self, path: path, title: title, description: description, section: section, absoluteRoot: absoluteRoot).values
    }

    func link(_ from: String, _ to: String) -> String { SitePaths.link(from: from, to: to) }

    static func distribution(_ c: Coverage) -> BiasDistribution {
        BiasDistribution(left: c.count(.left), center: c.count(.center), right: c.count(.right), unrated: c.count(.unrated),
                         leftPct: c.share(.left), centerPct: c.share(.center), rightPct: c.share(.right))
    }

    /// A story as a card in a list on the page at `from`.
    func card(_ index: Int, from: String) -> TemplateValue {
        let entry = model.stories[index]
        let c = entry.coverage
        var card: [String: TemplateValue] = [
            "title": .string(entry.story.title),
            "href": .string(entry.href(from: from)),
            "sources": .int(c.total),
            "sources_label": .string(c.total == 1 ? "source" : "sources"),
            "topics": .list(entry.story.topics.prefix(3).map { .object(["name": .string($0)]) }),
            "distribution": .string(Self.distribution(c).sentence),
        ]
        if let d = entry.story.lastUpdated { card["date"] = .string(DateText.display(d)); card["date_iso"] = .string(DateText.iso(d)) }
        if let side = c.blindspot { card["blindspot"] = .string("Blindspot for the \(side.label)") }
        if let external = Self.external(entry) { card["external"] = external }
        if let side = Self.singleSide(c) {
            card["single_side"] = .object(["side": .string(side.rawValue), "label": .string(side == .unrated ? "Unrated outlet" : "\(side.label)-rated outlet")])
        } else {
            card["card_svg"] = .string(cardCharts.indices.contains(index) ? cardCharts[index] : Self.cardChart(of: entry))
        }
        if let outlets = Self.outletsLine(entry) { card["outlets_line"] = .string(outlets) }
        return .object(card)
    }

    /// For a story without a page, what its links say of where they go: `{host}` of its article
    /// (`partials/story-link` writes "reuters.com ↗" beside the headline). Nil for a story with a page.
    /// (`articleLink` passed `SafeURL.web` already: it is only parsed here.)
    static func external(_ entry: StoryEntry) -> TemplateValue? {
        guard let url = entry.articleLink else { return nil }
        return .object(["host": .string(ArticleLink.shownHost(URLComponents(string: url)) ?? "")])
    }

    /// The side of a story's one source, which its card shows as a rating instead of a bar at
    /// 100% that reads as a consensus; nil for a story of more sources (its card has the bar).
    static func singleSide(_ c: Coverage) -> Side? { c.total == 1 ? c.sources.first?.side : nil }

    /// The outlets of a story as a card names them, first to report first: "Reuters", "Reuters
    /// and Fox News", "Reuters, Fox News and AP", "Reuters, Fox News and 4 more" (the count is of
    /// sources, those without a named outlet included); nil when no article names its outlet.
    static func outletsLine(_ entry: StoryEntry) -> String? {
        var names: [String] = []
        var seen: Set<String> = []
        for m in entry.story.articles {
            guard let outlet = m.outlet, seen.insert(outlet.slug).inserted else { continue }
            names.append(outlet.name)
            if names.count == 3 { break }
        }
        guard !names.isEmpty else { return nil }
        let total = entry.coverage.total
        if total <= 3 && names.count == total { return Self.list(names) }
        let shown = names.prefix(2)
        let more = total - shown.count
        return more > 0 ? shown.joined(separator: ", ") + " and \(more) more" : Self.list(Array(shown))
    }

    /// The home page's lead: its first story (`index`), with its summary's opening and why it leads.
    func lead(_ index: Int, from path: String) -> TemplateValue? {
        let first = model.stories[index]
        guard case .object(var values) = card(index, from: path) else { return nil }
        let sentences = first.summary.prefix(2).map(\.text)
        if !sentences.isEmpty { values["summary"] = .string(sentences.joined(separator: " ")) }
        let sources = "\(first.coverage.total) \(first.coverage.total == 1 ? "source" : "sources")"
        if first.pinned {
            values["why"] = .string("It leads because the site's editors pinned it.")
        } else if let updated = first.story.lastUpdated {
            // (Stories of one source rank after those several outlets covered: see `SiteModel.homeRanking`.)
            let among = first.coverage.total > 1 && model.stories.contains { !SiteModel.ranksFirst($0) } ? " covered by more than one outlet" : ""
            values["why"] = .string("It leads with \(sources), last updated \(DateText.display(updated)): the most sources for its age of any story\(among).")
        } else {
            values["why"] = .string("It leads with \(sources): no story carries a date to rank by, so the most sources come first.")
        }
        return .object(values)
    }

    func cards(_ indices: some Sequence<Int>, from path: String) -> TemplateValue {
        .list(indices.map { card($0, from: path) })
    }

    /// The bias bar of a story's card.
    static func cardChart(of entry: StoryEntry) -> String {
        BiasBar.svg(distribution(entry.coverage), size: .card, idPrefix: entry.story.slug)
    }

    /// This renderer with every story's card chart made once, for the pages that list stories.
    public func withCardCharts(jobs: Int) -> PageRenderer {
        var renderer = self
        renderer.cardCharts = Parallel.map(model.stories, jobs: jobs) { Self.singleSide($0.coverage) == nil ? Self.cardChart(of: $0) : "" }
        return renderer
    }

    func page(_ path: String, template: String, _ context: [String: TemplateValue]) -> OutputFile {
        OutputFile(path: SitePaths.file(for: path), text: theme.render(template, .object(context), memoize: true))
    }

    // MARK: Story pages

    /// How many headlines or sources of one side show before the rest fold into a disclosure.
    static let visiblePerSide = 6

    /// The story page's Markdown: front matter, cited summary, headlines by side, sources.
    public func storyDocument(_ entry: StoryEntry) -> StoryDocument {
        let path = entry.path
        let links = StoryLinks { outlet in SitePaths.link(from: path, to: SitePaths.outlet(outlet.slug)) }
        return StoryDocument(story: entry.story, coverage: entry.coverage, summary: entry.summary, editorSummary: entry.override?.summary, links: links)
    }

    /// The story page, rendered from its Markdown (`storyDocument`) and the coverage. (Story
    /// pages have their own cache in `serve`, `StoryPageCache`: no render memo.)
    public func storyPage(_ entry: StoryEntry, document: StoryDocument) -> OutputFile {
        let model = StoryPageModel(renderer: self, entry: entry, document: document)
        return OutputFile(path: SitePaths.file(for: entry.path), text: theme.render("story", model.value))
    }

    /// The first two sentences of the cleaned text, at most about 320 characters.
    static func excerpt(of article: Article) -> String? {
        guard article.body != nil else { return nil }
        let sentences = SentenceSpace.sentences(of: article, limit: 2)
        guard !sentences.isEmpty else { return nil }
        var text = sentences.joined(separator: " ")
        if text.count > 320 {
            let cut = text.prefix(320)
            text = (cut.lastIndex(of: " ").map { String(cut[..<$0]) } ?? String(cut)) + "…"
        }
        return text
    }

    /// cmark-gfm's footnotes section has no heading; a section should (screen readers list them).
    /// Its `data-footnote-ref` and `data-footnote-backref` markers (for GitHub's own styles) go:
    /// nothing of the site reads them, and a summary repeats them on every citation.
    static func headingFootnotes(_ html: String) -> String {
        var out = UTF8Search.replacingAll("<section class=\"footnotes\" data-footnotes>\n",
                                          with: "<section class=\"footnotes\" data-footnotes>\n<h3 class=\"visually-hidden\">Sources of each sentence</h3>\n", in: html)
        out = UTF8Search.replacingAll("\" data-footnote-ref>", with: "\">", in: out)
        return UTF8Search.replacingAll(" data-footnote-backref ", with: " ", in: out)
    }

    /// The rated sides (and unrated) that have an article citing `sentence`.
    static func sides(citing sentence: SummarySentence, in story: Story) -> Set<Side> {
        let ids = Set(sentence.articleIDs)
        return Set(story.articles.filter { ids.contains($0.article.id) }.map(\.side))
    }

    /// Adds, at the end of each summary paragraph (cmark made them, one per sentence), what
    /// `chips` writes for the rated sides that have an article carrying the sentence (the theme's
    /// `partials/who-reports`: labelled chips, the sides that do not named for screen readers).
    static func addingWhoReports(_ html: String, sides: [Set<Side>], chips: (Set<Side>) -> String) -> String {
        let bytes = Array(html.utf8)
        let bodyEnd = UTF8Search.firstOffset(of: Array("<section class=\"footnotes\"".utf8), in: bytes) ?? bytes.count
        let paragraphEnd = Array("</p>".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(bytes.count + sides.count * 200)
        var done = 0
        for carried in sides {
            guard let end = UTF8Search.firstOffset(of: paragraphEnd, in: bytes, from: done, to: bodyEnd) else { break }
            out.append(contentsOf: bytes[done..<end])
            out.append(contentsOf: chips(carried).utf8)
            out.append(contentsOf: paragraphEnd)
            done = end + paragraphEnd.count
        }
        out.append(contentsOf: bytes[done...])
        return String(decoding: out, as: UTF8.self)
    }

    /// The template that marks who carries each summary sentence; a theme without it shows none.
    static let whoReportsTemplate = "partials/who-reports"

    /// What `partials/who-reports` is given for one sentence carried by outlets of `carried`.
    static func whoReportsValue(_ carried: Set<Side>) -> TemplateValue {
        let present = Side.rated.filter { carried.contains($0) }
        let absent = Side.rated.filter { !carried.contains($0) }.map(\.label)
        var value: [String: TemplateValue] = ["none": .bool(present.isEmpty)]
        value["sides"] = .list(present.enumerated().map { i, side in
            TemplateValue.object(["key": .string(side.rawValue), "label": .string(side.label), "first": .bool(i == 0)])
        })
        if !present.isEmpty, !absent.isEmpty { value["absent"] = .string(list(absent)) }
        return .object(value)
    }

    /// The noun for a count: `one` for 1, `many` otherwise (the templates write "{{n}} {{n_label}}").
    static func noun(_ count: Int, _ one: String, _ many: String) -> TemplateValue {
        .string(count == 1 ? one : many)
    }

    static func list(_ words: [String]) -> String {
        switch words.count {
        case 0: return ""
        case 1: return words[0]
        default: return words.dropLast().joined(separator: ", ") + " and " + words.last!
        }
    }

    /// A date with its time of day when it has one (dates given without a time sit at midnight UTC).
    static func when(_ date: Date) -> String {
        DateText.display(date, withTime: date.timeIntervalSince1970.truncatingRemainder(dividingBy: 86_400) != 0)
    }

    /// The coverage details box of DESIGN.md §4, as label and value.
    func coverageDetails(_ c: Coverage, hours: Bool) -> [(label: String, value: String)] {
        var details: [(label: String, value: String)] = [("Total news sources", "\(c.total) (\(c.articleCount) \(c.articleCount == 1 ? "article" : "articles"))")]
        // Each side's count and share is the bias chart's legend, said once there; only the
        // unrated, which no share counts, are said here.
        let unrated = c.count(.unrated)
        if unrated > 0 { details.append(("Unrated sources", "\(unrated) (not in the shares)")) }
        if c.withoutOutlet > 0 {
            details.append(("Without a named outlet", "\(c.withoutOutlet) \(c.withoutOutlet == 1 ? "source" : "sources")"))
        }
        if let first = c.firstReported {
            details.append(("First reported", (hours ? Self.when(first.date) : DateText.display(first.date)) + (first.outlet.map { " by \($0)" } ?? "")))
            // One side is first to report: the first outlet's; a side level with it is "the same day".
            let firstSide = c.sources.first { $0.name == first.outlet && $0.firstPublished == first.date }?.side
                ?? Side.rated.first { c.firstBySide[$0] == first.date }
            for side in Side.rated {
                let value: String
                if let d = c.firstBySide[side] {
                    let delay = d.timeIntervalSince(first.date)
                    if delay < 60 && side == firstSide {
                        value = "first to report"
                    } else if delay < 60 {
                        value = hours ? "within a minute of the first report" : "the same day"
                    } else if !hours {
                        // Dates without times: whole days only.
                        let days = DateText.dayNumber(d) - DateText.dayNumber(first.date)
                        value = days == 0 ? "the same day" : "\(days) day\(days == 1 ? "" : "s") after the first report"
                    } else {
                        value = "\(DateText.interval(from: first.date, to: d)) after the first report"
                    }
                } else {
                    value = c.count(side) > 0 ? "only undated articles" : "not covered"
                }
                details.append(("\(side.label) picked it up", value))
            }
        }
        if let last = c.lastUpdated, last.date != c.firstReported?.date || last.outlet != c.firstReported?.outlet {
            details.append(("Last updated", (hours ? Self.when(last.date) : DateText.display(last.date)) + (last.outlet.map { " by \($0)" } ?? "")))
        }
        if c.undatedArticles > 0 {
            details.append(("Undated articles", "\(c.undatedArticles) (not in the timeline)"))
        }
        if !c.owners.isEmpty { details.append(("Owners", c.owners.joined(separator: ", "))) }
        return details
    }

    // MARK: Home

    /// The home pages; `only`: just those of these output files (`index.html`, `page/2/index.html`).
    public func homePages(only files: Set<String>? = nil) -> [OutputFile] {
        // Capped only when the archive by month lists the rest (a theme made before it has none).
        let order = model.homeRanking()
        let all = pageRanges(order.count)
        let ranges = theme.templateNames.contains("archive") ? Array(all.prefix(config.homePages)) : all
        let total = ranges.count
        let numbers = (1...total).filter { files?.contains(SitePaths.file(for: SitePaths.homePage($0))) ?? true }
        let period = numbers.first == 1 ? periodSummary() : nil
        return numbers.map { n in
            let path = SitePaths.homePage(n)
            var context = base(path: path, title: n == 1 ? nil : "Page \(n)", section: "home")
            let lead: TemplateValue? = n == 1 ? order.first.flatMap { self.lead($0, from: path) } : nil
            context["cards"] = cards((lead == nil ? ranges[n - 1] : ranges[n - 1].dropFirst()).map { order[$0] }, from: path)
            if let lead { context["lead"] = lead }
            context["story_count"] = .int(model.stories.count)
            context["stories_label"] = Self.noun(model.stories.count, "story", "stories")
            context["pagination"] = pagination(current: n, total: total, from: path) { SitePaths.homePage($0) }
            // The last page, when the home does not list every story: the archive does.
            if n == total, let last = ranges.last, last.upperBound < model.stories.count {
                let rest = model.stories.count - last.upperBound
                context["archive"] = .object(["href": .string(link(path, SitePaths.search)), "rest": .int(rest), "rest_label": Self.noun(rest, "story", "stories")])
            }
            context["decay_days"] = .string(SVG.number(config.decayDays))
            context["methodology_href"] = .string(link(path, SitePaths.page("methodology")))
            if n == 1 {
                if let period { context["period"] = period }
                if let daily = dailyTone() { context["daily_tone"] = daily }
                let spots = model.stories.indices.filter { model.stories[$0].coverage.blindspot != nil }
                    .sorted { (model.stories[$0].story.lastUpdated ?? .distantPast) > (model.stories[$1].story.lastUpdated ?? .distantPast) }
                if !spots.isEmpty {
                    context["blindspots"] = cards(spots.prefix(3), from: path)
                    context["blindspot_count"] = .int(spots.count)
                    context["blindspot_count_label"] = Self.noun(spots.count, "story", "stories")
                    context["blindspot_href"] = .string(link(path, SitePaths.blindspot))
                }
            }
            return page(path, template: "home", context)
        }
    }

    /// A timeline's drawing (`timeline_svg`) and legend (`timeline_legend`); a timeline of one
    /// bar is said in a sentence instead (`timeline_sentence`).
    static func responsiveTimeline(_ timeline: Timeline, idPrefix: String) -> [String: TemplateValue] {
        if timeline.buckets.count == 1 { return ["timeline_sentence": .string(TimelineChart.description(timeline))] }
        return ["timeline_svg": .string(TimelineChart.svg(timeline, idPrefix: idPrefix)),
                "timeline_caption": .string(TimelineChart.caption(timeline)),
                "timeline_legend": legendValue(TimelineChart.legend(timeline))]
    }

    /// A chart's legend for the theme, which writes it beside the drawing
    /// (`partials/chart-legend`): `entries`, each a `key` and a `text`; null when there are none.
    static func legendValue(_ entries: [ChartLegendEntry]) -> TemplateValue {
        entries.isEmpty ? .null : .object(["entries": .list(entries.map { .object(["key": .string($0.key), "text": .string($0.text)]) })])
    }

    /// The home page's "this period" box: articles by leaning over the `periodDays` up to the
    /// corpus's newest article, as a bias bar of article counts and a timeline by day.
    func periodSummary() -> TemplateValue? {
        guard let newest = model.newest else { return nil }
        let start = newest.addingTimeInterval(-Double(config.periodDays) * 86_400)
        var counts: [Side: Int] = [:]
        var dates: [(date: Date, side: String)] = []
        var stories = 0
        for entry in model.stories {
            var inPeriod = false
            for m in entry.story.articles {
                guard let d = m.article.published, d > start, d <= newest else { continue }
                counts[m.side, default: 0] += 1
                dates.append((d, m.side.rawValue))
                inPeriod = true
            }
            if inPeriod { stories += 1 }
        }
        guard !dates.isEmpty else { return nil }
        let rated = Side.rated.map { counts[$0] ?? 0 }
        let pct = Coverage.largestRemainder(rated, total: rated.reduce(0, +))
        let d = BiasDistribution(left: rated[0], center: rated[1], right: rated[2], unrated: counts[.unrated] ?? 0,
                                 leftPct: pct[0], centerPct: pct[1], rightPct: pct[2], unit: "article")
        let from = DateText.display(start.addingTimeInterval(86_400)), to = DateText.display(newest)
        let values: [String: TemplateValue] = [
            "label": .string("\(from) – \(to)"),
            "articles": .int(dates.count), "stories": .int(stories),
            "articles_label": Self.noun(dates.count, "article", "articles"), "stories_label": Self.noun(stories, "story", "stories"),
            "bias_svg": .string(BiasBar.svg(d, idPrefix: "period")),
            "bias_legend": Self.legendValue(BiasBar.legend(d)),
        ]
        return .object(values.merging(Self.responsiveTimeline(Timeline.make(dates: dates, hours: false), idPrefix: "period")) { a, _ in a })
    }

    /// Where each page of a list of `count` stories starts and ends, `stories_per_page` to a page
    /// (one empty page for an empty list).
    func pageRanges(_ count: Int) -> [Range<Int>] {
        let perPage = config.storiesPerPage
        return stride(from: 0, to: max(count, 1), by: perPage).map { $0..<min(count, $0 + perPage) }
    }

    /// Page `current` of `total`, with links to the pages before and after; none for one page.
    func pagination(current: Int, total: Int, from: String, pathFor: (Int) -> String) -> TemplateValue? {
        guard total > 1 else { return nil }
        var p: [String: TemplateValue] = ["current": .int(current), "total": .int(total)]
        if current > 1 { p["prev_href"] = .string(link(from, pathFor(current - 1))) }
        if current < total { p["next_href"] = .string(link(from, pathFor(current + 1))) }
        return .object(p)
    }

    // MARK: Blindspot

    /// The rule in numbers a reader can check: the fewest outlets that make a blindspot for the
    /// Left, and one more left-leaning outlet that unmakes it (with the default thresholds: "4
    /// right-leaning outlets and 1 left-leaning (80% against 20%) make a blindspot for the Left; 3
    /// and 2 (60% against 40%) do not"); nil when no split of up to 30 outlets meets the rule.
    static func blindspotExample(_ r: CoverageRules) -> String? {
        func pct(_ n: Int, _ total: Int) -> Int { Int((100 * Double(n) / Double(total)).rounded()) }
        func meets(_ left: Int, _ total: Int) -> Bool {
            let s = pct(left, total)
            return total >= r.blindspotMinRated && s <= r.blindspotMaxShare && 100 - s >= 2 * s + r.blindspotMargin
        }
        for total in max(2, r.blindspotMinRated)...30 {
            for left in 1..<total where meets(left, total) && !meets(left + 1, total) {
                let right = total - left
                return "\(right) right-leaning outlets and \(left) left-leaning (\(pct(right, total))% against \(pct(left, total))%) make a blindspot for the Left; \(right - 1) and \(left + 1) (\(pct(right - 1, total))% against \(pct(left + 1, total))%) do not"
            }
        }
        return nil
    }

    /// How many of the stories that came closest to a side's blindspot the page shows.
    static let nearestMisses = 3

    /// `/blindspot/`: for each side, the stories it barely covered, newest first, under the rule
    /// with the thresholds this build used, and the stories that came nearest to it.
    public func blindspotPage() -> OutputFile {
        let path = SitePaths.blindspot
        var context = base(path: path, title: "Blindspot", description: "Stories one side of the political spectrum barely covered.", section: "blindspot")
        context["feeds"] = [["title": .string("\(config.title): blindspots"), "href": .string(link(path, SitePaths.feed(in: path)))]]
        let r = config.rules
        context["rule"] = [
            "min_rated": .int(r.blindspotMinRated), "max_share": .int(r.blindspotMaxShare), "margin": .int(r.blindspotMargin),
            "requires_high": .bool(r.blindspotRequiresHighFactuality),
            "example": Self.blindspotExample(r).map { .string($0) } ?? .null,
        ]
        context["sides"] = .list([Side.left, .right].map { side in
            let indices = model.stories.indices.filter { model.stories[$0].coverage.blindspot == side }
                .sorted { (model.stories[$0].story.lastUpdated ?? .distantPast) > (model.stories[$1].story.lastUpdated ?? .distantPast) }
            let other = side == .left ? "right" : "left"
            let misses = model.stories.indices.compactMap { i in model.stories[i].coverage.blindspotMiss(for: side, rules: r).map { (i, $0) } }
                .sorted { a, b in
                    if a.1.distance != b.1.distance { return a.1.distance < b.1.distance }
                    let (x, y) = (model.stories[a.0].story.lastUpdated ?? .distantPast, model.stories[b.0].story.lastUpdated ?? .distantPast)
                    return x != y ? x > y : a.0 < b.0
                }
                .prefix(Self.nearestMisses)
            let missCards: [TemplateValue] = misses.map { i, miss in
                guard case .object(var card) = card(i, from: path) else { return .null }
                card["miss"] = .string(miss.reasons.joined(separator: "; ") + ".")
                return .object(card)
            }
            return .object(["key": .string(side.rawValue), "label": .string(side.label), "other": .string(other), "other_label": .string(side == .left ? "Right" : "Left"),
                            "count": .int(indices.count), "count_label": Self.noun(indices.count, "story", "stories"),
                            // Under a heading that says so, a card need not flag its blindspot again.
                            "cards": .list(indices.map { i in
                                guard case .object(var card) = card(i, from: path) else { return .null }
                                card["blindspot"] = nil
                                return .object(card)
                            }), "empty": .bool(indices.isEmpty),
                            "misses": .list(missCards), "has_misses": .bool(!missCards.isEmpty)])
        })
        context["methodology_href"] = .string(link(path, SitePaths.page("methodology")))
        context["rated_stories"] = .int(model.stories.filter { $0.coverage.rated >= r.blindspotMinRated }.count)
        return page(path, template: "blindspot", context)
    }

    // MARK: Outlets

    /// The outlet index and each outlet's pages (page 1 with its report card); `only`: just those
    /// of these output files. With `emit`, each page is handed to it as soon as it is made and
    /// none is returned.
    public func outletPages(only wanted: Set<String>? = nil, emit: (@Sendable (OutputFile) -> Void)? = nil) -> [OutputFile] {
        var files: [OutputFile] = []
        func add(_ file: OutputFile) { if let emit { emit(file) } else { files.append(file) } }
        let indexPath = SitePaths.outlets
        if wanted?.contains(SitePaths.file(for: indexPath)) ?? true {
            var groups: [TemplateValue] = []
            for group in [Leaning.left, .leanLeft, .center, .leanRight, .right].map(Optional.some) + [nil] {
                let members = model.outlets.filter { $0.outlet.bias == group }
                guard !members.isEmpty else { continue }
                groups.append([
                    "label": .string(group?.label ?? "Unrated"),
                    "key": .string(group?.side.rawValue ?? "unrated"),
                    "count": .int(members.count),
                    "outlets": .list(members.map { e in
                        .object(["name": .string(e.outlet.name), "href": .string(link(indexPath, e.path)), "factuality": .string(e.outlet.factuality.label),
                                 "stories": .int(e.stories.count), "stories_label": Self.noun(e.stories.count, "story", "stories"), "listed": .bool(e.outlet.isListed)])
                    }),
                ])
            }
            var index = base(path: indexPath, title: "Outlets", section: "outlets")
            index["groups"] = .list(groups)
            index["outlet_count"] = .int(model.outlets.count)
            index["outlets_label"] = Self.noun(model.outlets.count, "outlet", "outlets")
            add(page(indexPath, template: "outlets", index))
        }

        for entry in model.outlets {
            let o = entry.outlet
            let ranges = pageRanges(entry.stories.count)
            for (k, range) in ranges.enumerated() {
                let n = k + 1
                let path = SitePaths.paged(entry.path, n)
                guard wanted?.contains(SitePaths.file(for: path)) ?? true else { continue }
                var context = base(path: path, title: n == 1 ? o.name : "\(o.name), page \(n)",
                                   description: "Stories covered by \(o.name), with its bias and factuality ratings.", section: "outlets")
                context["name"] = .string(o.name)
                context["bias"] = .string(o.bias?.label ?? "Unrated")
                context["side"] = .string(o.side.rawValue)
                context["factuality"] = .string(o.factuality.label)
                context["story_count"] = .int(entry.stories.count)
                context["stories_label"] = Self.noun(entry.stories.count, "story", "stories")
                context["feeds"] = [["title": .string("\(config.title): stories covered by \(o.name)"), "href": .string(link(path, SitePaths.feed(in: entry.path)))]]
                context["outlets_href"] = .string(link(path, SitePaths.outlets))
                context["cards"] = cards(entry.stories[range], from: path)
                context["pagination"] = pagination(current: n, total: ranges.count, from: path) { SitePaths.paged(entry.path, $0) }
                if n == 1 {
                    // The ratings and the report card; later pages list stories only.
                    context["first_page"] = true
                    context["listed"] = .bool(o.isListed)
                    if let owner = o.owner { context["owner"] = .string(owner) }
                    if let country = o.country { context["country"] = .string(country) }
                    if let source = o.ratingSource { context["rating_source"] = .string(source) }
                    context["domains"] = .list(o.domains.map { .object(["domain": .string($0)]) })
                    context["has_domains"] = .bool(!o.domains.isEmpty)
                    context["has_other_ratings"] = .bool(!o.otherRatings.isEmpty)
                    context["other_ratings"] = .list(o.otherRatings.map { r in
                        .object(["domain": .string(r.domain), "bias": .string(r.bias?.label ?? "Unrated"), "factuality": .string(r.factuality.label)])
                    })
                    context["article_count"] = .int(entry.articleCount)
                    context["articles_label"] = Self.noun(entry.articleCount, "article", "articles")
                    context.merge(reportCard(entry, from: path), uniquingKeysWith: { $1 })
                    context["share"] = .int(model.stories.isEmpty ? 0 : Int((Double(entry.stories.count) * 100 / Double(model.stories.count)).rounded()))
                } else {
                    context["first_href"] = .string(link(path, entry.path))
                    context["range"] = .string("\(range.lowerBound + 1)–\(range.upperBound)")
                }
                add(page(path, template: "outlet", context))
            }
        }
        return files
    }

    /// What an outlet page adds to the ratings: how each list rates it, how often it broke a story,
    /// how it stood in blindspots, and its articles over time.
    func reportCard(_ entry: OutletEntry, from path: String) -> [String: TemplateValue] {
        let o = entry.outlet
        var card: [String: TemplateValue] = [:]
        let lists = ratings.ratings(of: o)
        card["list_ratings"] = .list(lists.map { r in
            .object(["system": .string(r.system), "name": .string(r.name), "bias": .string(r.biasRaw ?? r.bias?.label ?? "—"), "leaning": .string(r.bias?.label ?? "—"),
                     "factuality": .string(r.factuality == .unknown ? "—" : r.factuality.label), "as_of": .string(r.ratedAsOf ?? "—"),
                     "dataset": .string(r.dataset.split(separator: ":").first.map(String.init) ?? r.dataset)])
        })
        card["has_list_ratings"] = .bool(!lists.isEmpty)
        // Where the rows come from, once per list and dataset, in a note under the table.
        var provenance: [String] = []
        for r in lists {
            let line = "\(r.system): \(r.dataset.isEmpty ? "no dataset named" : r.dataset)"
            if !provenance.contains(line) { provenance.append(line) }
        }
        card["provenance"] = .list(provenance.map { .string($0) })
        let leanings = Dictionary(grouping: lists.filter { $0.bias != nil }, by: { $0.bias! })
        if leanings.count > 1 {
            let parts = leanings.keys.sorted().map { leaning -> String in
                let systems = Set(leanings[leaning]!.map(\.system)).sorted().joined(separator: ", ")
                return "\(leaning.label) (\(leanings[leaning]!.count) of \(lists.filter { $0.bias != nil }.count) ratings; \(systems))"
            }
            card["disagreement"] = .string("The lists disagree on its bias: " + parts.joined(separator: " · ") + ". This site uses \(o.bias?.label ?? "no rating")\(o.ratingSource.map { " (from \($0))" } ?? "").")
        }

        // Broke a story: its article is the earliest dated one of a story with other sources too.
        var multi = 0, broke = 0, dates: [(date: Date, side: String)] = []
        for index in entry.stories {
            let s = model.stories[index]
            if s.coverage.total > 1 {
                multi += 1
                if s.story.articles.first(where: { $0.article.published != nil })?.outlet?.slug == o.slug { broke += 1 }
            }
            for m in s.story.articles where m.outlet?.slug == o.slug { if let d = m.article.published { dates.append((d, o.side.rawValue)) } }
        }
        card["multi_source"] = .int(multi)
        card["multi_source_label"] = Self.noun(multi, "story", "stories")
        // Its reports no other outlet covered (no page of their own by default: they link out).
        if entry.stories.count > multi { card["alone"] = .int(entry.stories.count - multi) }
        card["broke"] = .int(broke)
        card["broke_pct"] = .int(multi == 0 ? 0 : Int((Double(broke) * 100 / Double(multi)).rounded()))
        if o.side == .left || o.side == .right {
            let silent = model.stories.indices.filter { model.stories[$0].coverage.blindspot == o.side }
            let covered = silent.filter { entry.stories.contains($0) }.count
            card["blindspot_line"] = .string(silent.isEmpty
                ? "No story on this site is a blindspot for the \(o.side.label), so \(o.name) was never on the silent side of one."
                : "\(silent.count) \(silent.count == 1 ? "story is a blindspot" : "stories are blindspots") for the \(o.side.label) (the \(o.side.label.lowercased()) barely covered them); \(o.name) covered \(covered) of them and was silent on \(silent.count - covered).")
        }
        card["blindspot_href"] = .string(link(path, SitePaths.blindspot))
        if !dates.isEmpty {
            card.merge(Self.responsiveTimeline(Timeline.make(dates: dates, hours: false), idPrefix: "outlet")) { a, _ in a }
        }
        return card
    }

    // MARK: Topics

    /// The topic index and each topic's pages; `only`: just those of these output files. With
    /// `emit`, each page is handed to it as soon as it is made and none is returned.
    public func topicPages(only wanted: Set<String>? = nil, emit: (@Sendable (OutputFile) -> Void)? = nil) -> [OutputFile] {
        var files: [OutputFile] = []
        func add(_ file: OutputFile) { if let emit { emit(file) } else { files.append(file) } }
        if wanted?.contains(SitePaths.file(for: SitePaths.topics)) ?? true {
            var index = base(path: SitePaths.topics, title: "Topics", section: "topics")
            index["topics"] = .list(model.topics.map { t in
                .object(["name": .string(t.name), "href": .string(link(SitePaths.topics, t.path)), "stories": .int(t.stories.count), "stories_label": Self.noun(t.stories.count, "story", "stories")])
            })
            add(page(SitePaths.topics, template: "topics", index))
        }
        for topic in model.topics {
            let ranges = pageRanges(topic.stories.count)
            for (k, range) in ranges.enumerated() {
                let n = k + 1
                let path = SitePaths.paged(topic.path, n)
                guard wanted?.contains(SitePaths.file(for: path)) ?? true else { continue }
                var context = base(path: path, title: n == 1 ? topic.name : "\(topic.name), page \(n)", description: "Stories about \(topic.name).", section: "topics")
                context["name"] = .string(topic.name)
                context["story_count"] = .int(topic.stories.count)
                context["stories_label"] = Self.noun(topic.stories.count, "story", "stories")
                context["feed_href"] = .string(link(path, SitePaths.feed(in: topic.path)))
                context["feeds"] = [["title": .string("\(config.title): \(topic.name)"), "href": .string(link(path, SitePaths.feed(in: topic.path)))]]
                context["cards"] = cards(topic.stories[range], from: path)
                context["pagination"] = pagination(current: n, total: ranges.count, from: path) { SitePaths.paged(topic.path, $0) }
                context["topics_href"] = .string(link(path, SitePaths.topics))
                add(page(path, template: "topic", context))
            }
        }
        return files
    }

    // MARK: Content pages and 404

    public func contentPage(_ source: ContentPage) -> OutputFile {
        let path = SitePaths.page(source.name)
        var context = base(path: path, title: source.title, description: source.description, section: source.name)
        context["title"] = .string(source.title)
        context["content_html"] = .string(markdown.html(source.body))
        return page(path, template: "page", context)
    }

    public func notFoundPage() -> OutputFile {
        var context = base(path: "", title: "Page not found", section: "none", absoluteRoot: true)
        context.removeValue(forKey: "canonical")
        // Served from any folder, or opened from the file system, it has no stylesheet to link to.
        if let css = theme.assets["site.css"] { context["inline_css"] = .string(String(decoding: css, as: UTF8.self)) }
        return OutputFile(path: "404.html", text: theme.render("404", .object(context), memoize: true))
    }
}
