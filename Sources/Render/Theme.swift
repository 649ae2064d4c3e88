import Corpus
import Foundation
import Support
import TemplateEngine

/// The templates and assets a site is rendered with: every `*.mustache` file below the theme
/// folder (named by its path without the extension: `story`, `partials/story-card`), and the
/// files of `assets/`. Later folders override earlier ones file by file.
public struct Theme: Sendable {
    public let library: TemplateLibrary
    public let templateNames: Set<String>
    /// Asset path (below `assets/`) → contents.
    public let assets: [String: Data]
    /// Per template, a fingerprint of every template its output depends on (`TemplateDependencies`).
    let fingerprints: [String: UInt64]
    /// In `serve`: the pages the last build rendered (see `RenderMemo`).
    public var memo: RenderMemo?

    public static let requiredTemplates = ["base", "home", "story", "outlet", "outlets", "topic", "topics", "page", "404"]

    public init(directories: [String]) throws {
        var sources: [String: (text: String, path: String)] = [:]
        var assets: [String: Data] = [:]
        let fm = FileManager.default
        for directory in directories {
            guard let enumerator = fm.enumerator(atPath: directory) else { continue }
            for case let relative as String in enumerator {
                let full = (directory as NSString).appendingPathComponent(relative)
                var isDir: ObjCBool = false
                guard fm.fileExists(atPath: full, isDirectory: &isDir), !isDir.boolValue else { continue }
                if relative.hasPrefix("assets/") {
                    assets[String(relative.dropFirst("assets/".count))] = try Data(contentsOf: URL(fileURLWithPath: full))
                } else if relative.hasSuffix(".mustache") {
                    let text = try String(contentsOfFile: full, encoding: .utf8)
                    sources[String(relative.dropLast(".mustache".count))] = (text, full)
                }
            }
        }
        let library: TemplateLibrary
        do {
            library = try TemplateLibrary(templates: sources.mapValues(\.text))
        } catch let error as TemplateError {
            throw CorpusError.invalid(
                location: SourceLocation(path: sources[error.template]?.path ?? error.template, line: error.line),
                reason: "template error at column \(error.column): \(error.message); fix the template (the last good site is kept)")
        }
        // A missing partial fails the build (an unknown one would render empty).
        if let (name, partial) = library.missingPartials.first {
            throw CorpusError.invalid(location: SourceLocation(path: sources[name]?.path ?? name), reason: "template \"\(name)\" includes \"\(partial)\", which the theme lacks; add \(partial).mustache or fix the name")
        }
        let missing = Self.requiredTemplates.filter { sources[$0] == nil }
        if !missing.isEmpty {
            throw CorpusError.missing(path: directories.last ?? "Templates", what: "the theme lacks \(missing.map { "\($0).mustache" }.joined(separator: ", "))")
        }
        self.library = library
        self.templateNames = Set(sources.keys)
        self.fingerprints = TemplateDependencies.fingerprints(of: sources.mapValues(\.text))
        self.assets = assets
    }

    /// Renders a named template; a missing one is a programming error caught by `init`.
    public func render(_ name: String, _ context: [String: Any]) -> String {
        library.render(name, TemplateValue(context: context))
    }

    /// A fingerprint of the templates the output of `name` depends on: equal when none of them
    /// changed, whatever happened to the others.
    public func fingerprint(of name: String) -> UInt64 {
        fingerprints[name] ?? 0
    }

    /// `render`, taken from the memo when the last build rendered the same template, with the
    /// same templates it depends on, from an equal context (`serve` only; without a memo it renders).
    func render(_ name: String, _ context: [String: Any], memoize: Bool) -> String {
        guard memoize, let memo, let key = RenderMemo.Key(template: name, templates: fingerprint(of: name), context: context) else { return render(name, context) }
        if let text = memo.text(for: key) { return text }
        let text = render(name, context)
        memo.keep(text, for: key)
        return text
    }
}


/// The pages `serve`'s last build rendered, by template, a fingerprint of the templates it
/// depends on, and a fingerprint of the whole context it was rendered from. A template rendered
/// with an equal context gives the same text, so a page whose context and templates did not
/// change is not rendered again: a template edit re-renders only the pages that use it. Only
/// what the last build used is kept.
public final class RenderMemo: @unchecked Sendable {
    struct Key: Hashable {
        var template: String
        /// `Theme.fingerprint(of: template)`.
        var templates: UInt64
        var fingerprint: UInt64

        /// Nil when the context holds a value the fingerprint does not know (then the page is
        /// rendered, not memoized). Strings count by their UTF-8 bytes, dictionaries whatever
        /// their order; the hash is seeded per process, so no corpus can aim at a collision.
        init?(template: String, templates: UInt64, context: [String: Any]) {
            var hasher = Hasher()
            guard Self.add(context, to: &hasher) else { return nil }
            self.template = template
            self.templates = templates
            fingerprint = UInt64(bitPattern: Int64(hasher.finalize()))
        }

        private static func add(_ value: Any, to hasher: inout Hasher) -> Bool {
            switch value {
            case let text as String:
                hasher.combine(1 as UInt8)
                hasher.combine(text.utf8.count)
                UTF8Scalars.withBytes(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            case let flag as Bool:
                hasher.combine(2 as UInt8)
                hasher.combine(flag)
            case let number as Int:
                hasher.combine(3 as UInt8)
                hasher.combine(number)
            case let number as Double:
                hasher.combine(4 as UInt8)
                hasher.combine(number.bitPattern)
            case let map as [String: Any]:
                // Order-independent: equal dictionaries iterate in different orders.
                var sum: UInt64 = 0
                for (name, item) in map {
                    var entry = Hasher()
                    UTF8Scalars.withBytes(of: name) { entry.combine(bytes: UnsafeRawBufferPointer($0)) }
                    entry.combine(0xFF as UInt8)
                    guard add(item, to: &entry) else { return false }
                    sum &+= UInt64(bitPattern: Int64(entry.finalize()))
                }
                hasher.combine(5 as UInt8)
                hasher.combine(map.count)
                hasher.combine(sum)
            case let list as [Any]:
                hasher.combine(6 as UInt8)
                hasher.combine(list.count)
                for item in list { guard add(item, to: &hasher) else { return false } }
            default:
                return false
            }
            return true
        }
    }

    private let lock = NSLock()

    public init() {}
    private var last: [Key: String] = [:]
    private var now: [Key: String] = [:]
    /// Pages taken from the memo since the last `finish`.
    public private(set) var hits = 0

    func text(for key: Key) -> String? {
        lock.lock()
        defer { lock.unlock() }
        guard let text = last[key] ?? now[key] else { return nil }
        now[key] = text
        hits += 1
        return text
    }

    func keep(_ text: String, for key: Key) {
        lock.lock()
        now[key] = text
        lock.unlock()
    }

    /// At the end of a build: its pages are the ones the next build looks up.
    public func finish() {
        lock.lock()
        last = now
        now = [:]
        hits = 0
        lock.unlock()
    }
}
