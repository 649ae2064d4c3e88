import Corpus
import Foundation
import Support

/// Maps request paths to files of a built site, refusing anything that could reach outside it:
/// `..` and `.` segments (also percent-encoded), backslashes, NUL and control bytes, hidden files,
/// and symbolic links that resolve outside the site folder. What Hugo and Zola learned the hard
/// way (RECIPES.md) is here as rules, each tested.
public struct StaticSite: Sendable {
    /// Where a request path leads.
    public enum Resolution: Equatable, Sendable {
        case file(String)
        /// A directory asked for without its trailing slash: relative links need it.
        case redirect(String)
        case notFound
    }

    public let root: String

    public init(root: String) {
        self.root = (root as NSString).standardizingPath
    }

    /// The percent-decoded path segments, or nil when the path is not acceptable.
    /// Works on UTF-8 bytes, as the file system does: a "/" or "." followed by a combining mark is
    /// one `Character` with it, which Character-wise splitting and comparing do not see (found by
    /// fuzz-paths: "/a/\u{301}" gave the segment "a/\u{301}").
    static func segments(of rawPath: String) -> [String]? {
        let slash = UInt8(ascii: "/"), dot = UInt8(ascii: "."), backslash = UInt8(ascii: "\\")
        let path = String(rawPath.unicodeScalars.prefix { $0 != "?" }).utf8
        guard path.first == slash else { return nil }
        var segments: [String] = []
        for raw in path.split(separator: slash, omittingEmptySubsequences: true) {
            guard let decoded = String(decoding: raw, as: UTF8.self).removingPercentEncoding else { return nil }
            if decoded.utf8.first == dot { return nil } // ".", "..", hidden files
            if decoded.utf8.contains(slash) || decoded.utf8.contains(backslash) { return nil }
            if decoded.unicodeScalars.contains(where: { $0.value < 0x20 || $0.value == 0x7F }) { return nil }
            segments.append(decoded)
        }
        return segments
    }

    public func resolve(_ rawPath: String) -> Resolution {
        guard let segments = Self.segments(of: rawPath) else { return .notFound }
        let fm = FileManager.default
        var candidate = ([root] + segments).joined(separator: "/")
        var isDirectory: ObjCBool = false
        guard fm.fileExists(atPath: candidate, isDirectory: &isDirectory) else { return .notFound }
        if isDirectory.boolValue {
            let requested = String(rawPath.unicodeScalars.prefix { $0 != "?" })
            // One leading slash: a Location of "//stories/" would send the browser to host "stories".
            if !requested.hasSuffix("/") { return .redirect("/" + requested.drop { $0 == "/" } + "/") }
            candidate += "/index.html"
        }
        // The file's real location must be inside the site's real location (no symlink escapes).
        let realRoot = Self.realPath(root)
        let real = Self.realPath(candidate)
        guard let realRoot, let real, real.hasPrefix(realRoot + "/") else { return .notFound }
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: real, isDirectory: &isDir), !isDir.boolValue else { return .notFound }
        return .file(real)
    }

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }

    /// The Content-Type of a file, by extension; text types carry their charset.
    public static func contentType(of path: String) -> String {
        switch (path as NSString).pathExtension.lowercased() {
        case "html", "htm": return "text/html; charset=utf-8"
        case "css": return "text/css; charset=utf-8"
        case "js", "mjs": return "text/javascript; charset=utf-8"
        case "json": return "application/json"
        case "xml": return "application/xml"
        case "opml": return "text/x-opml; charset=utf-8"
        case "txt": return "text/plain; charset=utf-8"
        case "svg": return "image/svg+xml"
        case "png": return "image/png"
        case "jpg", "jpeg": return "image/jpeg"
        case "gif": return "image/gif"
        case "webp": return "image/webp"
        case "ico": return "image/x-icon"
        case "woff2": return "font/woff2"
        case "woff": return "font/woff"
        case "pdf": return "application/pdf"
        default: return "application/octet-stream"
        }
    }

    /// A strong validator of the bytes.
    public static func etag(_ data: Data) -> String {
        "\"\(String(FNV1a.hash(data), radix: 16))-\(data.count)\""
    }
}
