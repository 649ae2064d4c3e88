import Corpus
import Foundation
import Stories
import Support

/// Where the story page's links to other pages of the site point (relative to the story page).
public struct StoryLinks: Sendable {
    public var outletPage: @Sendable (Outlet) -> String?

    public init(outletPage: @escaping @Sendable (Outlet) -> String?) {
        self.outletPage = outletPage
    }
}

/// The Markdown of a story page, in sections the templates place, and as one document with
/// front matter (what `sitegen` exports and what the benchmark feeds to other generators).
///
/// Every piece of corpus text goes through `MarkdownText.escape`, and only http(s) URLs become
/// links, so nothing an article contains can become markup.
public struct StoryDocument: Sendable {
    public var frontMatter: String
    /// Summary sentences, each with footnote citations, and the footnote definitions.
    public var summary: String
    /// Headlines grouped by side (Left, Center, Right, then Unrated when there are any).
    public var headlines: [(side: Side, markdown: String)]
    /// A GFM table of every article.
    public var sources: String

    /// The whole page as one Markdown document.
    public var markdown: String {
        var parts = [frontMatter, "# \(MarkdownText.escape(title))"]
        if !summary.isEmpty { parts.append("## Summary\n\n" + summary) }
        parts.append("## How each side headlined it")
        for (side, md) in headlines { parts.append("### \(side.label)\n\n" + md) }
        parts.append("## Sources\n\n" + sources)
        return parts.joined(separator: "\n\n") + "\n"
    }

    private var title: String

    /// The anchor of an article's entry in the page's source list: "source-3" for the third
    /// article in reading order.
    public static func anchor(_ number: Int) -> String { "source-\(number)" }

    /// - Parameter editorSummary: Markdown an editor wrote to replace the generated summary.
    public init(story: Story, coverage: Coverage, summary sentences: [SummarySentence], editorSummary: String? = nil, links: StoryLinks) {
        title = story.title
        let number = Dictionary(story.articles.enumerated().map { ($1.article.id, $0 + 1) }, uniquingKeysWith: { a, _ in a })

        var fm = "---\n"
        fm += "title: \(MarkdownText.yamlString(story.title))\n"
        fm += "slug: \(MarkdownText.yamlString(story.slug))\n"
        if let d = story.firstPublished { fm += "date: \(DateText.iso(d))\n" }
        if let d = story.lastUpdated { fm += "lastmod: \(DateText.iso(d))\n" }
        fm += "topics: [\(story.topics.map(MarkdownText.yamlString).joined(separator: ", "))]\n"
        fm += "sources: \(coverage.total)\n"
        fm += "coverage: {left: \(coverage.count(.left)), center: \(coverage.count(.center)), right: \(coverage.count(.right)), unrated: \(coverage.count(.unrated))}\n"
        fm += "---"
        frontMatter = fm

        // Summary: one paragraph per sentence, each followed by a footnote per article carrying it;
        // each footnote links to the article's entry in the source list.
        if let editorSummary {
            summary = editorSummary
        } else {
            var paragraphs: [String] = []
            var cited: [Int] = []
            for sentence in sentences {
                // Ascending, so the rendered footnote numbers read 1, 2, 3 and not 3, 2, 1.
                let refs = sentence.articleIDs.compactMap { number[$0] }.sorted()
                cited += refs.filter { !cited.contains($0) }
                paragraphs.append(MarkdownText.escape(sentence.text) + refs.map { "[^\($0)]" }.joined())
            }
            var summary = paragraphs.joined(separator: "\n\n")
            if !cited.isEmpty {
                summary += "\n\n" + cited.compactMap { n in
                    let m = story.articles[n - 1]
                    let outlet = m.outlet.map { MarkdownText.escape($0.name) + ": " } ?? ""
                    var text = "[^\(n)]: [\(outlet)“\(MarkdownText.escape(m.article.title))”](#\(Self.anchor(n)))"
                    if let d = m.article.published { text += " (\(DateText.display(d, withTime: m.article.publishedHasTime)))" }
                    return text
                }.joined(separator: "\n")
            }
            self.summary = summary
        }

        // Headlines by side.
        var headlines: [(Side, String)] = []
        for side in Side.allCases {
            let members = story.articles.filter { $0.side == side }
            if members.isEmpty && side == .unrated { continue }
            if members.isEmpty {
                headlines.append((side, "*No \(side.label.lowercased())-rated source covered this story.*"))
                continue
            }
            headlines.append((side, members.map { m in
                "- " + (m.outlet.map { "**\(MarkdownText.escape($0.name))**: " } ?? "") + Self.headlineLink(m.article)
            }.joined(separator: "\n")))
        }
        self.headlines = headlines

        // Sources table: side, then reading order.
        var rows = ["| Outlet | Leaning | Factuality | Headline | Published |", "|---|---|---|---|---|"]
        let ordered = story.articles.enumerated().sorted { a, b in
            a.element.side != b.element.side ? a.element.side < b.element.side : a.offset < b.offset
        }
        for (_, m) in ordered {
            let outlet: String
            if let o = m.outlet, let href = links.outletPage(o) {
                outlet = "[\(MarkdownText.escape(o.name))](\(MarkdownText.destination(href)))"
            } else {
                outlet = m.outlet.map { MarkdownText.escape($0.name) } ?? "—"
            }
            let leaning = m.outlet?.bias?.label ?? "Unrated"
            let factuality = m.outlet.map { $0.factuality.label } ?? Factuality.unknown.label
            let date = m.article.published.map { DateText.display($0, withTime: m.article.publishedHasTime) }
                ?? m.article.publishedInferred.map { "undated (\($0.display), \($0.source.phrase))" } ?? "undated"
            rows.append("| \(outlet) | \(leaning) | \(factuality) | \(Self.headlineLink(m.article)) | \(date) |")
        }
        sources = rows.joined(separator: "\n")
    }

    /// The headline, linked to the original article when its URL is a safe web URL.
    static func headlineLink(_ article: Article) -> String {
        let text = MarkdownText.escape(article.title)
        guard let url = SafeURL.web(article.url) else { return text }
        return "[\(text)](\(MarkdownText.destination(url)))"
    }
}
