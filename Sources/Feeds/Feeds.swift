import Charts
import Corpus
import Foundation
import SiteModel
import Stories
import Support

extension SitePaths {
    /// What feeds, OPML and the sitemap link to: the absolute URL of a site path when `base_url`
    /// names a host, else the path from the server root ("/news/stories/x/"), which is still a
    /// valid (relative) reference; the build warns that feeds want a host.
    func externalURL(_ target: String) -> String { absolute(target) ?? basePath + target }

    /// An Atom id (a permanent, absolute IRI): the absolute URL when `base_url` names a host.
    /// Without one there is no URL to use, so the id is a `tag:` URI (RFC 4151) made from the site
    /// path alone, with a fixed authority and date ("tag:sitegen,2000:stories/<slug>/") so that it
    /// is the same in every build. (Ids change once a host is configured: readers then see every
    /// entry as new, once.)
    func atomID(_ target: String) -> String { absolute(target) ?? "tag:sitegen,2000:" + target }
}

/// One Atom feed (RFC 4287) of stories: the site's, a topic's, an outlet's or the blindspots'.
///
/// Entries are the `limit` newest *dated* stories by last update. An undated story cannot be
/// placed in time (Atom requires `updated`, and a made-up date would be a lie), so it is left out
/// of every feed; it still has its page, its entry in the data shards and its sitemap entry. Nothing here reads
/// the clock: the feed's `updated` is its newest entry's, and an empty feed uses `fallbackUpdated`
/// (the newest story of the whole site), so two builds of the same input give the same bytes.
struct AtomFeed: Sendable {
    var title: String
    var subtitle: String
    /// The feed's site path ("topics/x/feed.xml") and the page it belongs to ("topics/x/").
    var path: String
    var pagePath: String
    var stories: [StoryEntry]

    static let limit = 50
    /// How many summary sentences open an entry's summary.
    static let summarySentences = 2

    /// The dated stories, newest last update first (ties: slug), at most `limit`.
    var entries: [(entry: StoryEntry, updated: Date)] {
        let dated = stories.compactMap { e in e.story.lastUpdated.map { (entry: e, updated: $0) } }
        let sorted = dated.sorted { a, b in
            a.updated != b.updated ? a.updated > b.updated : a.entry.story.slug < b.entry.story.slug
        }
        return Array(sorted.prefix(Self.limit))
    }

    func xml(paths: SitePaths, siteTitle: String, language: String, fallbackUpdated: Date) -> String {
        let x = Escape.markup
        let items = entries
        let author = "<author><name>\(x(siteTitle))</name></author>"
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n"
        out += "<feed xmlns=\"http://www.w3.org/2005/Atom\" xml:lang=\"\(x(language))\">\n"
        out += "  <title type=\"text\">\(x(title))</title>\n"
        out += "  <subtitle type=\"text\">\(x(subtitle))</subtitle>\n"
        out += "  <id>\(x(paths.atomID(path)))</id>\n"
        out += "  <link rel=\"self\" type=\"application/atom+xml\" href=\"\(x(paths.externalURL(path)))\"/>\n"
        out += "  <link rel=\"alternate\" type=\"text/html\" href=\"\(x(paths.externalURL(pagePath)))\"/>\n"
        out += "  <updated>\(DateText.iso(items.first?.updated ?? fallbackUpdated))</updated>\n"
        out += "  \(author)\n"
        out += "  <generator>sitegen</generator>\n"
        for (entry, updated) in items {
            let story = entry.story
            out += "  <entry>\n"
            out += "    <id>\(x(paths.atomID(entry.path)))</id>\n"
            out += "    <title type=\"text\">\(x(story.title))</title>\n"
            out += "    <link rel=\"alternate\" type=\"text/html\" href=\"\(x(entry.articleLink ?? paths.externalURL(entry.path)))\"/>\n"
            if let published = story.firstPublished { out += "    <published>\(DateText.iso(published))</published>\n" }
            out += "    <updated>\(DateText.iso(updated))</updated>\n"
            out += "    \(author)\n"
            for topic in story.topics { out += "    <category term=\"\(x(topic))\"/>\n" }
            out += "    <summary type=\"text\">\(x(Self.summary(entry)))</summary>\n"
            out += "  </entry>\n"
        }
        return out + "</feed>\n"
    }

    /// The first generated summary sentences, then the coverage line. (An editor's summary is
    /// Markdown, not plain text, so a story with one gets the coverage line alone, as its page's
    /// meta description gets nothing.)
    static func summary(_ entry: StoryEntry) -> String {
        let sentences = entry.summary.prefix(summarySentences).map(\.text).joined(separator: " ")
        let line = coverageLine(entry.coverage)
        return sentences.isEmpty ? line : sentences + "\n\n" + line
    }

    /// "12 sources: Left 33% (4) · Center 50% (6) · Right 17% (2) · 0 unrated", then
    /// " · Blindspot for the Right" when there is one.
    static func coverageLine(_ c: Coverage) -> String {
        var parts = Side.rated.map { "\($0.label) \(c.share($0))% (\(c.count($0)))" }
        parts.append("\(c.count(.unrated)) unrated")
        if let side = c.blindspot { parts.append("Blindspot for the \(side.label)") }
        return "\(c.total) \(c.total == 1 ? "source" : "sources"): " + parts.joined(separator: " · ")
    }
}

/// `outlets.opml` (OPML 2.0): a subscription list of this site's feed for every rated outlet,
/// grouped by leaning (Left … Right), so a reader can follow one side's coverage in one click.
/// No `dateCreated`: the file must not change between builds of the same input.
enum OPML {
    static func document(outlets: [OutletEntry], paths: SitePaths, siteTitle: String) -> String {
        let x = Escape.markup
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<opml version=\"2.0\">\n"
        out += "  <head>\n    <title>\(x(siteTitle)): outlets by leaning</title>\n"
        out += "    <ownerName>\(x(siteTitle))</ownerName>\n  </head>\n  <body>\n"
        for leaning in Leaning.allCases {
            let members = outlets.filter { $0.outlet.bias == leaning }
            guard !members.isEmpty else { continue }
            out += "    <outline text=\"\(x(leaning.label))\" title=\"\(x(leaning.label))\">\n"
            for entry in members {
                let o = entry.outlet
                out += "      <outline type=\"rss\" text=\"\(x(o.name))\" title=\"\(x(o.name))\""
                out += " category=\"\(leaning.rawValue)\" leaning=\"\(x(leaning.label))\""
                out += " xmlUrl=\"\(x(paths.externalURL(SitePaths.feed(in: entry.path))))\" htmlUrl=\"\(x(paths.externalURL(entry.path)))\"/>\n"
            }
            out += "    </outline>\n"
        }
        return out + "  </body>\n</opml>\n"
    }
}
