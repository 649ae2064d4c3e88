import Corpus
import Foundation
import Output
import SiteModel
import Support

/// `sitemap.xml` (sitemaps.org protocol 0.9) and `robots.txt`.
///
/// The sitemap lists every HTML page but the 404 page, by its pretty URL, in path order; story
/// pages carry `<lastmod>` (the day of the story's last update), other pages none, since their
/// content has no date of its own. The protocol wants absolute URLs: without a host in `base_url`
/// the locations are server-root paths ("/stories/x/"), well-formed but not valid for crawlers
/// (the build warns). One file holds at most 50,000 URLs (the protocol's limit) and 5 MB (what
/// static hosts take comfortably); a site with more has `sitemap-1.xml`, `sitemap-2.xml`, … and a
/// sitemap index at `sitemap.xml` naming them, so robots.txt and crawlers find it at one address.
enum Sitemap {
    static let namespace = "http://www.sitemaps.org/schemas/sitemap/0.9"
    static let maxURLs = 50_000
    static let maxBytes = 5_000_000

    /// The site path an output file serves: "stories/x/index.html" → "stories/x/",
    /// "index.html" → "", "a.html" → "a.html"; nil for the 404 page and for anything not HTML.
    static func sitePath(forFile file: String) -> String? {
        guard file.hasSuffix(".html"), file != "404.html" else { return nil }
        if file == "index.html" { return "" }
        if file.hasSuffix("/index.html") { return String(file.dropLast("index.html".count)) }
        return file
    }

    /// `sitemap.xml`, and the files it names when one file would hold too much (`maxURLs`,
    /// `maxBytes`).
    static func files(htmlPaths: [String], model: SiteModel, paths: SitePaths, maxURLs: Int = maxURLs, maxBytes: Int = maxBytes) -> [OutputFile] {
        var lastmod: [String: String] = [:]
        for entry in model.stories {
            if let d = entry.story.lastUpdated, lastmod[entry.path] == nil { lastmod[entry.path] = DateText.day(d) }
        }
        let head = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<urlset xmlns=\"\(namespace)\">\n", tail = "</urlset>\n"
        // Each page's entry, in path order, then as many to a file as fit.
        var parts: [(text: String, lastmod: String?)] = []
        var text = head, count = 0, newest: String?
        for page in Set(htmlPaths.compactMap(sitePath(forFile:))).sorted() {
            var entry = "  <url><loc>\(Escape.markup(paths.externalURL(page)))</loc>"
            if let day = lastmod[page] { entry += "<lastmod>\(day)</lastmod>" }
            entry += "</url>\n"
            if count > 0 && (count == maxURLs || text.utf8.count + entry.utf8.count + tail.utf8.count > maxBytes) {
                parts.append((text + tail, newest))
                (text, count, newest) = (head, 0, nil)
            }
            text += entry
            count += 1
            if let day = lastmod[page], day > (newest ?? "") { newest = day }
        }
        parts.append((text + tail, newest))
        guard parts.count > 1 else { return [OutputFile(path: "sitemap.xml", text: parts[0].text)] }
        var index = "<?xml version=\"1.0\" encoding=\"utf-8\"?>\n<sitemapindex xmlns=\"\(namespace)\">\n"
        for (i, part) in parts.enumerated() {
            index += "  <sitemap><loc>\(Escape.markup(paths.externalURL("sitemap-\(i + 1).xml")))</loc>"
            if let day = part.lastmod { index += "<lastmod>\(day)</lastmod>" }
            index += "</sitemap>\n"
        }
        return [OutputFile(path: "sitemap.xml", text: index + "</sitemapindex>\n")]
            + parts.enumerated().map { OutputFile(path: "sitemap-\($0.offset + 1).xml", text: $0.element.text) }
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
