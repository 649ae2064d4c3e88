import Corpus
import Foundation
@testable import Server
import SiteModel
import Support
#if !SITEGEN_FUZZ
#endif

/// Fuzz target `paths` (also compiled into Fuzz/, where `SitePaths.swift` and `StaticSite.swift`
/// are part of the fuzz module itself): the input, as text, is a title or name to slug, a
/// `base_url`, and a request path for the preview server. DESIGN.md §8: nothing the corpus
/// contains can write outside `Public/`, and `serve` never serves a file outside it.
public enum PathsFuzz {
    public static func check(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        var problems: [String] = []

        // Slugs, as stories, outlets, topics and pages make them, and the site paths built on them.
        for fallback in ["untitled", "story", "outlet", "topic", "page"] {
            let slug = Slug.make(text, fallback: fallback)
            problems += SlugProperties.problems(slug, of: text)
            if fallback == "untitled" { problems += sitePathProblems(slug) }
        }
        let short = Slug.make(text, maxLength: 12, fallback: "x")
        problems += SlugProperties.problems(short, of: text, maxLength: 12)

        // base_url: whatever it is, the base path is absolute and a folder.
        let base = SitePaths(baseURL: text)
        // Bytes, not Characters: "/" followed by a combining mark is one Character but still a "/".
        if base.baseURL.utf8.last != slash { problems.append("baseURL \(String(reflecting: base.baseURL)) does not end in /") }
        if base.basePath.utf8.first != slash || base.basePath.utf8.last != slash { problems.append("basePath \(String(reflecting: base.basePath)) is not /…/") }
        if let absolute = base.absolute("stories/x/"), absolute != base.baseURL + "stories/x/" { problems.append("absolute URL \(absolute) is not under baseURL") }

        // The preview server's request paths.
        for raw in [text, "/" + text, "/stories/" + text] {
            problems += segmentProblems(raw)
            problems += resolveProblems(raw)
        }
        return problems
    }

    /// Every path the site writes for a slug is relative, inside the output folder, and every
    /// link between two of them leads from one to the other.
    static func sitePathProblems(_ slug: String) -> [String] {
        var problems: [String] = []
        let targets = [SitePaths.story(slug), SitePaths.outlet(slug), SitePaths.topic(slug), SitePaths.page(slug),
                       SitePaths.feed(in: SitePaths.topic(slug)), SitePaths.homePage(slug.utf8.count)]
        for target in targets {
            for path in [target, SitePaths.file(for: target)] {
                if let why = escapes(path) { problems.append("site path \(String(reflecting: path)) for slug \(slug): \(why)") }
            }
        }
        for from in ["", SitePaths.outlets, SitePaths.story(slug)] {
            for to in targets {
                let link = SitePaths.link(from: from, to: to)
                guard let landed = follow(link, from: from) else {
                    problems.append("link \(link) from \(String(reflecting: from)) climbs above the site root")
                    continue
                }
                let expected = to.utf8.split(separator: slash).map { String(decoding: $0, as: UTF8.self) }.joined(separator: "/")
                if landed != expected { problems.append("link \(link) from \(String(reflecting: from)) lands on \(landed), not \(to)") }
            }
        }
        return problems
    }

    /// Why `path` would leave (or misname) a file of the output folder; nil when it is fine.
    static func escapes(_ path: String) -> String? {
        if path.utf8.first == slash { return "absolute" }
        if path.utf8.contains(backslash) || path.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return "backslash or control character" }
        let parts = path.utf8.split(separator: slash, omittingEmptySubsequences: false)
        for (i, part) in parts.enumerated() {
            if part.elementsEqual(".".utf8) || part.elementsEqual("..".utf8) { return "has a \(String(decoding: part, as: UTF8.self)) segment" }
            if part.isEmpty && i != parts.count - 1 { return "has an empty segment" }
        }
        return nil
    }

    /// The site path a relative link from the page at `from` leads to, or nil if it climbs out.
    static func follow(_ link: String, from page: String) -> String? {
        var stack = page.utf8.split(separator: slash).map { String(decoding: $0, as: UTF8.self) }
        for part in link.utf8.split(separator: slash).map({ String(decoding: $0, as: UTF8.self) }) {
            switch part {
            case ".": continue
            case "..":
                if stack.isEmpty { return nil }
                stack.removeLast()
            default: stack.append(String(part))
            }
        }
        return stack.joined(separator: "/")
    }

    static func segmentProblems(_ raw: String) -> [String] {
        guard let segments = StaticSite.segments(of: raw) else { return [] }
        var problems: [String] = []
        for s in segments {
            // Bytes, as the file system reads them (a "/" or "." followed by a combining mark is
            // one Character with it, and Character comparisons do not see it).
            if s.isEmpty || s.utf8.first == dot { problems.append("segments(of: \(String(reflecting: raw))) gave \(String(reflecting: s))") }
            if s.utf8.contains(slash) || s.utf8.contains(backslash) { problems.append("segments(of: \(String(reflecting: raw))) gave \(String(reflecting: s)) with a separator") }
            if s.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { problems.append("segments(of: \(String(reflecting: raw))) gave \(String(reflecting: s)) with NUL or a control character") }
        }
        let joined = (["/site"] + segments).joined(separator: "/")
        let standard = (joined as NSString).standardizingPath
        if !(standard == "/site" || standard.utf8.starts(with: "/site/".utf8)) { problems.append("segments(of: \(String(reflecting: raw))) lead to \(standard)") }
        return problems
    }

    static func resolveProblems(_ raw: String) -> [String] {
        let site = StaticSite(root: siteRoot)
        let realRoot = StaticSite.realPath(siteRoot) ?? siteRoot
        switch site.resolve(raw) {
        case .notFound:
            return []
        case let .file(path):
            var isDirectory: ObjCBool = false
            if !path.hasPrefix(realRoot + "/") { return ["resolve(\(String(reflecting: raw))) served \(path), outside the site"] }
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) || isDirectory.boolValue {
                return ["resolve(\(String(reflecting: raw))) served \(path), not a file"]
            }
            if path.utf8.dropFirst(realRoot.utf8.count).split(separator: slash).contains(where: { $0.first == dot }) {
                return ["resolve(\(String(reflecting: raw))) served the hidden \(path)"]
            }
            return []
        case let .redirect(location):
            // A Location of "//host/…" or "/\host/…" sends the browser to another site.
            let bytes = Array(location.utf8.prefix(2))
            if bytes.first != slash || (bytes.count == 2 && (bytes[1] == slash || bytes[1] == backslash)) {
                return ["resolve(\(String(reflecting: raw))) redirects off the site, to \(String(reflecting: location))"]
            }
            if location.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) {
                return ["resolve(\(String(reflecting: raw))) redirects to \(String(reflecting: location)), with a control character"]
            }
            return []
        }
    }

    /// A small built site (and a secret beside it, and a symlink out of it), made once per process.
    static let siteRoot: String = {
        let base = ProcessInfo.processInfo.environment["SITEGEN_FUZZ_TMP"]
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let top = URL(fileURLWithPath: base).appendingPathComponent("sitegen-fuzz-site-\(getpid())-\(UUID().uuidString.prefix(8))")
        let root = top.appendingPathComponent("Public")
        let fm = FileManager.default
        for dir in ["stories/a", "stories/b", "outlets/fox-news", "x y", "%2e%2e", "page/2"] {
            try? fm.createDirectory(at: root.appendingPathComponent(dir), withIntermediateDirectories: true)
        }
        for file in ["index.html", "404.html", "stories/a/index.html", "outlets/fox-news/index.html", ".hidden", "x y/index.html",
                     "site.0123abcd.css", "page/2/index.html", "%2e%2e/index.html"] {
            _ = fm.createFile(atPath: root.appendingPathComponent(file).path, contents: Data("ok".utf8))
        }
        _ = fm.createFile(atPath: top.appendingPathComponent("secret.txt").path, contents: Data("secret".utf8))
        try? fm.createSymbolicLink(atPath: root.appendingPathComponent("escape").path, withDestinationPath: top.path)
        try? fm.createSymbolicLink(atPath: root.appendingPathComponent("stories/up").path, withDestinationPath: "../..")
        siteFolders.append(top.path)
        atexit { for path in siteFolders { try? FileManager.default.removeItem(atPath: path) } }
        return root.path
    }()
}

nonisolated(unsafe) private var siteFolders: [String] = []
private let slash = UInt8(ascii: "/"), backslash = UInt8(ascii: "\\"), dot = UInt8(ascii: ".")
