import Corpus
import Foundation
import SiteModel
import Support

/// `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`.
///
/// The sitemap lists every HTML page but the 404 page, by its pretty URL, in path order; story
/// pages carry `<lastmod>` (the day of the story's last update), other pages none, since their
/// content has no date of its own. The protocol wants absolute URLs: without a host in `base_url`
/// the locations are server-root paths ("/stories/x/"), well-formed but not valid for crawlers
/// (the build warns). One file holds at most 50,000 URLs; a larger site would need a sitemap index.
enum Sitemap {
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"

    /// The site path an output file serves: "stories/x/index.html" → "stories/x/",
    /// "index.html" → "", "a.html" → "a.html"; nil for the 404 page and for anything not HTML.
    static func sitePath(forFile file: String) -> String? {
        guard file.hasSuffix(".html"), file != "404.html" else { return nil }
        if file == "index.html" { return "" }
        if file.hasSuffix("/index.html") { return String(file.dropLast("index.html".count)) }
        return file
    }

    static func document(htmlPaths: [String], model: SiteModel, paths: SitePaths) -> String {
        var lastmod: [String: String] = [:]
        for entry in model.stories {
            if let d = entry.story.lastUpdated, lastmod[entry.path] == nil { lastmod[entry.path] = DateText.day(d) }
        }
        let pages = Set(htmlPaths.compactMap(sitePath(forFile:))).sorted()
        var out = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"\(namespace)\">\n"
        for page in pages {
            out += "  <url><loc>\(Escape.markup(paths.externalURL(page)))</loc>"
            if let day = lastmod[page] { out += "<lastmod>\(day)</lastmod>" }
            out += "</url>\n"
        }
        return out + "</urlset>\n"
    }

    /// Allows everything and names the sitemap when its absolute URL is known. (Crawlers read
    /// robots.txt only at the root of a host: under a sub-path `base_url` this file is a template
    /// for the host's own.)
    static func robots(paths: SitePaths) -> String {
        var out = "User-agent: *\nAllow: /\n"
        if let sitemap = paths.absolute("sitemap.xml") { out += "\nSitemap: \(sitemap)\n" }
        return out
    }
}
