import Foundation
import Support

/// The URL scheme of DESIGN.md §5, and links between pages.
///
/// Pages link to each other with *relative* URLs ("../../outlets/fox-news/"), so a site works
/// under any `base_url` sub-path and from the file system. Only what must be absolute (canonical
/// links, feeds, sitemap, the 404 page that is served at any depth) uses `base_url`.
public struct SitePaths: Sendable {
    /// The base URL with a trailing slash ("https://example.org/news/" or "/").
    public let baseURL: String
    /// The path part of the base URL ("/news/").
    public let basePath: String
    /// True when `base_url` names a host, so absolute URLs can be made.
    public let isAbsolute: Bool

    public init(baseURL: String) {
        var base = baseURL.trimmed
        if base.isEmpty { base = "/" }
        if !base.hasSuffix("/") { base += "/" }
        self.baseURL = base
        let components = URLComponents(string: base)
        isAbsolute = components?.host != nil
        if let components, isAbsolute {
            let path = components.path.isEmpty ? "/" : components.path
            basePath = path.hasSuffix("/") ? path : path + "/"
        } else {
            basePath = base.hasPrefix("/") ? base : "/" + base
        }
    }

    /// The search data's entry point, which names its chunks (`SearchIndex` in Feeds).
    public static let searchIndex = "search/meta.json"
    /// One month of the archive by first report ("2020-07", or "undated").
    public static func archive(_ key: String) -> String { "archive/\(key)/" }
    /// The month a story first reported at `date` belongs to, for its data shard and its archive
    /// page: "2020-04" (UTC), or "undated".
    public static func monthKey(_ date: Date?) -> String {
        guard let date else { return "undated" }
        return String(DateText.iso(date).prefix(7))
    }
    public static func story(_ slug: String) -> String { "stories/\(slug)/" }
    public static func outlet(_ slug: String) -> String { "outlets/\(slug)/" }
    public static func topic(_ slug: String) -> String { "topics/\(slug)/" }
    public static func page(_ name: String) -> String { "\(name)/" }
    public static func homePage(_ n: Int) -> String { paged("", n) }
    /// Page `n` of a paginated list at `first` (its page 1): "topics/x/" → "topics/x/page/3/".
    public static func paged(_ first: String, _ n: Int) -> String { n <= 1 ? first : first + "page/\(n)/" }
    public static let outlets = "outlets/"
    public static let topics = "topics/"
    public static let blindspot = "blindspot/"
    public static let search = "search/"
    /// Feeds: the site's, and one beside each topic, outlet and the blindspot page.
    public static let feed = "feed.xml"
    public static func feed(in section: String) -> String { section + "feed.xml" }

    /// The prefix that leads from a page at `pagePath` (a site path such as "stories/x/") back to
    /// the site root: "../../".
    public static func rootPrefix(from pagePath: String) -> String {
        let depth = depth(of: pagePath)
        return depth == 0 ? "./" : String(repeating: "../", count: depth)
    }

    /// How many non-empty components `path` has (`path.split(separator: "/").count`), counted over
    /// bytes when the path is ASCII, as every slug is: a story page makes a link for each source.
    static func depth(of path: String) -> Int {
        var count = 0, inComponent = false
        for byte in path.utf8 {
            guard byte < 0x80 else { return path.split(separator: "/").count }
            if byte == 0x2F {
                inComponent = false
            } else if !inComponent {
                inComponent = true
                count += 1
            }
        }
        return count
    }

    /// A link from the page at `pagePath` to the site path `target`.
    public static func link(from pagePath: String, to target: String) -> String {
        let prefix = rootPrefix(from: pagePath)
        if target.isEmpty { return prefix }
        return (prefix == "./" ? "" : prefix) + target
    }

    /// The absolute URL of a site path, when `base_url` has a host.
    public func absolute(_ target: String) -> String? {
        isAbsolute ? baseURL + target : nil
    }

    /// The file in the output folder that serves a site path: "stories/x/" → "stories/x/index.html".
    public static func file(for target: String) -> String {
        target.isEmpty || target.hasSuffix("/") ? target + "index.html" : target
    }
}
