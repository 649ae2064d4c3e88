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
    /// In `sitegen check`: the names every page's values hold, by template (see `ContextKeys`).
    public var keys: ContextKeys?

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
            do {
                library = try TemplateLibrary(templates: sources.mapValues { Self.unindented($0.text) })
            } catch let unindented as TemplateError {
                // Report the error where the author's own file has it (its columns count the
                // indentation); the same templates fail the same way.
                _ = try TemplateLibrary(templates: sources.mapValues(\.text))
                throw unindented
            }
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

    /// A template without the indentation of its lines: HTML does not show it (the line break
    /// before it stays, so spacing between words does too), and on the pages of a large site it
    /// is a tenth of the bytes. Kept: lines inside `<pre>` and `<textarea>`, the first line, and
    /// a line after a line that is one Mustache tag alone (that line goes with its break, so
    /// the spaces after it may be the first text a partial writes: " <span>").
    static func unindented(_ text: String) -> String {
        var out = ""
        out.reserveCapacity(text.utf8.count)
        var kept = 0 // inside how many <pre>/<textarea> elements
        var afterStandalone = true
        for (i, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            if i > 0 { out += "\n" }
            out += kept > 0 || afterStandalone ? line : line.drop { $0 == " " || $0 == "\t" }
            let bare = line.trimmingCharacters(in: .whitespaces)
            afterStandalone = bare.hasPrefix("{{") && bare.hasSuffix("}}") && !bare.dropFirst(2).dropLast(2).contains("}}")
            let lower = line.lowercased()
            for tag in ["pre", "textarea"] {
                kept += lower.components(separatedBy: "<\(tag)").count - 1
                kept = max(0, kept - (lower.components(separatedBy: "</\(tag)>").count - 1))
            }
        }
        return out
    }

    /// Renders a named template; a missing one is a programming error caught by `init`.
    public func render(_ name: String, _ value: TemplateValue) -> String {
        keys?.record(name, value)
        return library.render(name, value)
    }

    /// A fingerprint of the templates the output of `name` depends on: equal when none of them
    /// changed, whatever happened to the others.
    public func fingerprint(of name: String) -> UInt64 {
        fingerprints[name] ?? 0
    }

    /// `render`, taken from the memo when the last build rendered the same template, with the
    /// same templates it depends on, from an equal context (`serve` only; without a memo it renders).
    func render(_ name: String, _ value: TemplateValue, memoize: Bool) -> String {
        guard memoize, let memo else { return render(name, value) }
        let key = RenderMemo.Key(template: name, templates: fingerprint(of: name), value: value)
        if let text = memo.text(for: key) { return text }
        let text = render(name, value)
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

        /// Strings count by their UTF-8 bytes, objects whatever their order; the hash is seeded
        /// per process, so no corpus can aim at a collision.
        init(template: String, templates: UInt64, value: TemplateValue) {
            var hasher = Hasher()
            Self.add(value, to: &hasher)
            self.template = template
            self.templates = templates
            fingerprint = UInt64(bitPattern: Int64(hasher.finalize()))
        }

        private static func add(_ value: TemplateValue, to hasher: inout Hasher) {
            switch value {
            case .null:
                hasher.combine(0 as UInt8)
            case .string(let text):
                hasher.combine(1 as UInt8)
                hasher.combine(text.utf8.count)
                UTF8Scalars.withBytes(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
            case .bool(let flag):
                hasher.combine(2 as UInt8)
                hasher.combine(flag)
            case .number(let number):
                hasher.combine(4 as UInt8)
                hasher.combine(number.bitPattern)
            case .object(let map):
                // Order-independent: equal dictionaries iterate in different orders.
                var sum: UInt64 = 0
                for (name, item) in map {
                    var entry = Hasher()
                    UTF8Scalars.withBytes(of: name) { entry.combine(bytes: UnsafeRawBufferPointer($0)) }
                    entry.combine(0xFF as UInt8)
                    add(item, to: &entry)
                    sum &+= UInt64(bitPattern: Int64(entry.finalize()))
                }
                hasher.combine(5 as UInt8)
                hasher.combine(map.count)
                hasher.combine(sum)
            case .list(let list):
                hasher.combine(6 as UInt8)
                hasher.combine(list.count)
                for item in list { add(item, to: &hasher) }
            }
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

/// The names the values of every page held, by the template that rendered them (any depth: a
/// section's items are looked up in too), for `sitegen check` to list the names a theme uses
/// that no page provides.
public final class ContextKeys: @unchecked Sendable {
    private let lock = NSLock()
    /// Every name some page's values held, and the templates pages were rendered with.
    private var provided: Set<String> = []
    private var rendered: Set<String> = []
    /// The theme's templates (set when the build loads the theme).
    public var library: TemplateLibrary?

    public init() {}

    /// The names the templates pages were rendered with (and the partials and parents they
    /// include) use that no page of the build held at all: a misspelt name renders empty,
    /// silently. A layout shared by every page may read a name only some pages give
    /// (`section_home`): held by any page, a name counts as provided, as do the names pages
    /// hold only for some content or settings (`PageRenderer.conditionalNames`).
    public func unknownNames() -> [(name: String, in: String)] {
        guard let library else { return [] }
        lock.lock()
        let provided = self.provided.union(PageRenderer.conditionalNames), templates = rendered.sorted()
        lock.unlock()
        var seen: Set<String> = []
        var out: [(String, String)] = []
        for template in templates {
            for used in library.names(usedBy: template) where !provided.contains(used.name) && seen.insert(used.in + "\u{0}" + used.name).inserted {
                out.append((used.name, used.in))
            }
        }
        return out
    }

    func record(_ template: String, _ value: TemplateValue) {
        var names: Set<String> = []
        func collect(_ value: TemplateValue) {
            switch value {
            case .object(let fields):
                for (key, item) in fields {
                    names.insert(key)
                    collect(item)
                }
            case .list(let items): for item in items { collect(item) }
            case .null, .bool, .number, .string: break
            }
        }
        collect(value)
        lock.lock()
        provided.formUnion(names)
        rendered.insert(template)
        lock.unlock()
    }
}
