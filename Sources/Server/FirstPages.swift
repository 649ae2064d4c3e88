import Foundation
import Output

/// The pages a rebuild made first — the ones open in a browser, with the assets they link to —
/// held in memory until the build's site is in place. The server answers from here before the
/// disk, so an open page reloads as soon as it is made, not when the last page is written; the
/// folder on disk is never half-written for it.
public final class FirstPages: @unchecked Sendable {
    private let lock = NSLock()
    private var files: [String: Data] = [:]
    private var heldAt: Date?
    /// The quick preview's pages, as it made them, and when; those the build has not made again.
    private var preview: [String: Data] = [:]
    private var previewAt: Date?
    private var previewOnly: Set<String> = []

    public init() {}

    /// The output path (`stories/x/index.html`) a request path (`/stories/x/`) is answered
    /// from; nil for a path the server would refuse.
    public static func outputPath(of requestPath: String) -> String? {
        guard let segments = StaticSite.segments(of: requestPath) else { return nil }
        let path = String(requestPath.unicodeScalars.prefix { $0 != "?" })
        if segments.isEmpty || path.hasSuffix("/") { return (segments + ["index.html"]).joined(separator: "/") }
        return segments.joined(separator: "/")
    }

    /// Holds `made`; returns the paths of those that replace a different page held before (the
    /// quick preview's version of a page, now made exactly). `release` tells when the first
    /// pages were held, not the preview's (`preview`).
    @discardableResult
    func hold(_ made: [OutputFile], preview: Bool = false) -> Set<String> {
        lock.lock()
        defer { lock.unlock() }
        var replaced: Set<String> = []
        for file in made {
            if let before = files[file.path], before != file.data { replaced.insert(file.path) }
            files[file.path] = file.data
        }
        if preview {
            for file in made { self.preview[file.path] = file.data }
            previewAt = previewAt ?? Date()
            previewOnly.formUnion(made.map(\.path))
        } else {
            heldAt = heldAt ?? Date()
            previewOnly.subtract(made.map(\.path))
        }
        return replaced
    }

    /// The build is over (its site in place, or failed): the disk answers again. Returns when
    /// the first pages were held, if they were.
    @discardableResult
    func release() -> Date? {
        lock.lock()
        defer { lock.unlock() }
        let at = heldAt
        files = [:]
        heldAt = nil
        preview = [:]
        previewAt = nil
        previewOnly = []
        return at
    }

    /// The quick preview of the build in progress: when it was held, and its pages (output
    /// path → the page as made); nil without one.
    var previewed: (at: Date, pages: [String: Data])? {
        lock.lock()
        defer { lock.unlock() }
        return previewAt.map { ($0, preview) }
    }

    /// `preview`: the page is the quick preview's version, not yet the build's own.
    func data(for requestPath: String) -> (path: String, data: Data, preview: Bool)? {
        guard let path = Self.outputPath(of: requestPath) else { return nil }
        lock.lock()
        defer { lock.unlock() }
        return files[path].map { (path, $0, previewOnly.contains(path)) }
    }
}
