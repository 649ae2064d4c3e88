import Foundation
import SiteModel

/// Follows every link of a built site: a link to a file that is not there, a fragment with no
/// element of that id, a link that leaves the site's base path, and a page no other page links to
/// are problems. What `sitegen check` reports and what the tests demand be empty.
public struct LinkChecker {
    public struct Problem: Sendable, CustomStringConvertible, Equatable {
        public var page: String
        public var link: String
        public var why: String
        public var description: String { link.isEmpty ? "\(page): \(why)" : "\(page): \(link): \(why)" }
    }

    /// The site folder.
    public var root: String
    /// The path part of base_url ("/" or "/news/").
    public var basePath: String
    /// The absolute base URL when base_url has a host: links starting with it are internal.
    public var absoluteBase: String?

    public init(root: String, paths: SitePaths) {
        self.root = (root as NSString).standardizingPath
        self.basePath = paths.basePath
        self.absoluteBase = paths.isAbsolute ? paths.baseURL : nil
    }

    public init(root: String, basePath: String, absoluteBase: String?) {
        self.root = (root as NSString).standardizingPath
        self.basePath = basePath
        self.absoluteBase = absoluteBase
    }

    /// href/src values of a page (our templates write attributes double-quoted).
    static func links(in html: String) -> [String] {
        var out: [String] = []
        for attribute in [" href=\"", " src=\""] {
            var rest = html[...]
            while let start = rest.range(of: attribute) {
                rest = rest[start.upperBound...]
                guard let end = rest.firstIndex(of: "\"") else { break }
                out.append(String(rest[..<end]).replacingOccurrences(of: "&amp;", with: "&"))
                rest = rest[end...]
            }
        }
        return out
    }

    static func ids(in html: String) -> Set<String> {
        var ids: Set<String> = []
        var rest = html[...]
        while let start = rest.range(of: " id=\"") {
            rest = rest[start.upperBound...]
            guard let end = rest.firstIndex(of: "\"") else { break }
            ids.insert(String(rest[..<end]))
        }
        return ids
    }

    /// Every problem, in page order; and how many pages were read.
    public func run() -> (problems: [Problem], pages: Int) {
        let fm = FileManager.default
        var pages: [String] = []
        if let walker = fm.enumerator(atPath: root) {
            while let rel = walker.nextObject() as? String { if rel.hasSuffix(".html") { pages.append(rel) } }
        }
        pages.sort()
        var problems: [Problem] = []
        var linkedTo: Set<String> = []
        var idCache: [String: Set<String>] = [:]
        func ids(_ page: String) -> Set<String> {
            if let known = idCache[page] { return known }
            let found = Self.ids(in: (try? String(contentsOfFile: root + "/" + page, encoding: .utf8)) ?? "")
            idCache[page] = found
            return found
        }
        for page in pages {
            guard let html = try? String(contentsOfFile: root + "/" + page, encoding: .utf8) else {
                problems.append(Problem(page: page, link: "", why: "not readable as UTF-8"))
                continue
            }
            // The 404 page is served at any depth: its links are absolute from the base path.
            guard let pageURL = URL(string: "http://site.invalid" + (page == "404.html" ? basePath : basePath + page)) else { continue }
            for raw in Self.links(in: html) {
                if raw.hasPrefix("mailto:") { continue }
                var target = raw
                if let absoluteBase, raw.hasPrefix(absoluteBase) { target = basePath + raw.dropFirst(absoluteBase.count) }
                guard let resolved = URL(string: target, relativeTo: pageURL)?.absoluteURL else {
                    problems.append(Problem(page: page, link: raw, why: "not a URL"))
                    continue
                }
                if resolved.host != "site.invalid" {
                    if raw.hasPrefix("http://") || raw.hasPrefix("https://") { continue } // the outside world
                    problems.append(Problem(page: page, link: raw, why: "unexpected scheme"))
                    continue
                }
                var path = resolved.path
                guard path.hasPrefix(basePath) || path + "/" == basePath else {
                    problems.append(Problem(page: page, link: raw, why: "leaves the site's base path \(basePath)"))
                    continue
                }
                path = String(path.dropFirst(min(path.count, basePath.count)))
                if path.isEmpty || resolved.absoluteString.hasSuffix("/") || raw.hasSuffix("/") {
                    path = path.isEmpty ? "index.html" : (path.hasSuffix("/") ? path : path + "/") + "index.html"
                }
                var isDirectory: ObjCBool = false
                if fm.fileExists(atPath: root + "/" + path, isDirectory: &isDirectory), isDirectory.boolValue { path += "/index.html" }
                guard fm.fileExists(atPath: root + "/" + path) else {
                    problems.append(Problem(page: page, link: raw, why: "no file \(path)"))
                    continue
                }
                if path != page { linkedTo.insert(path) }
                if let fragment = resolved.fragment, !fragment.isEmpty, path.hasSuffix(".html"), !ids(path).contains(fragment) {
                    problems.append(Problem(page: page, link: raw, why: "no element with id \"\(fragment)\" in \(path)"))
                }
            }
        }
        for page in pages where page != "index.html" && page != "404.html" && !linkedTo.contains(page) {
            problems.append(Problem(page: page, link: "", why: "orphan: no other page links here"))
        }
        return (problems, pages.count)
    }
}
