import Corpus
import Foundation
import SiteModel
import Stories
import Support

/// schema.org JSON-LD for story pages, so search engines and link previews read the headline,
/// dates and sources without scraping.
///
/// Corpus text is hostile and the JSON goes inside a `<script>` element, which ends at the first
/// `</script` whatever JSON thinks: `JSONValue` writes `<`, `>`, `&`, U+2028 and U+2029 as `\uXXXX`
/// escapes, so no title can close the element or open a comment (`<!--`), and the text stays valid
/// JSON and JavaScript.
enum StructuredData {
    /// `<script type="application/ld+json">{…NewsArticle…}</script>` for one story.
    static func newsArticle(_ entry: StoryEntry, paths: SitePaths, siteTitle: String, links: [ArticleLink]? = nil) -> String {
        let story = entry.story
        let links = links ?? story.articles.map { ArticleLink($0.article.url) }
        var site: [String: JSONValue] = ["@type": .string("Organization"), "name": .string(siteTitle)]
        if let root = paths.absolute("") { site["url"] = .string(root) }
        var article: [String: JSONValue] = [
            "@context": .string("https://schema.org"),
            "@type": .string("NewsArticle"),
            "headline": .string(story.title),
            "author": .object(site),
            "publisher": .object(site),
        ]
        if let url = paths.absolute(entry.path) {
            article["url"] = .string(url)
            article["mainEntityOfPage"] = .object(["@type": .string("WebPage"), "@id": .string(url)])
        }
        if let d = story.firstPublished { article["datePublished"] = .string(DateText.iso(d)) }
        if let d = story.lastUpdated { article["dateModified"] = .string(DateText.iso(d)) }
        if let first = entry.summary.first?.text { article["description"] = .string(first) }
        if !story.topics.isEmpty {
            article["keywords"] = .array(story.topics.map(JSONValue.string))
            article["about"] = .array(story.topics.map { .object(["@type": .string("Thing"), "name": .string($0)]) })
        }
        // The articles the story is built from: web links only (no mailto:, no javascript:), each once.
        var seen: Set<String> = []
        var sources: [(url: String, member: SourcedArticle)] = []
        for (member, link) in zip(story.articles, links) {
            guard let url = link.url, SafeURL.isPage(url), seen.insert(url).inserted else { continue }
            sources.append((url, member))
        }
        if !sources.isEmpty {
            article["isBasedOn"] = .array(sources.map { .string($0.url) })
            article["citation"] = .array(sources.map { source in
                var work: [String: JSONValue] = ["@type": .string("NewsArticle"), "url": .string(source.url)]
                if !source.member.article.title.isEmpty { work["headline"] = .string(source.member.article.title) }
                if let d = source.member.article.published { work["datePublished"] = .string(DateText.iso(d)) }
                if let outlet = source.member.outlet {
                    work["publisher"] = .object(["@type": .string("Organization"), "name": .string(outlet.name)])
                }
                return .object(work)
            })
        }
        return "<script type=\"application/ld+json\">" + JSONValue.object(article).serialized + "</script>"
    }
}
