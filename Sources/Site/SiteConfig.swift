import Corpus
import Foundation
import Stories
import Yams

/// `Content/site.yml`: every key optional.
///
/// ```yaml
/// title: Every Side
/// base_url: https://example.org/news/
/// language: en
/// description: One page per event, every outlet that covered it.
/// stories_per_page: 20
/// coverage: { min_rated: 3 }
/// blindspot: { min_rated: 5, max_share: 20, margin: 20, require_high_factuality: true }
/// fields: { title: headline, body: text }   # corpus column names → record fields
/// ```
public struct SiteConfig: Sendable {
    public var title = "sitegen"
    public var baseURL = "/"
    public var language = "en"
    public var description = "News coverage from every side: who reported each story, and how."
    public var storiesPerPage = 20
    public var rules = CoverageRules()
    public var fields = FieldMapping()

    public init() {}

    public static func load(path: String, display: String) throws -> SiteConfig {
        var config = SiteConfig()
        guard FileManager.default.fileExists(atPath: path) else { return config }
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CorpusError.unreadable(path: display, reason: error.localizedDescription)
        }
        let loaded: Any?
        do { loaded = try Yams.load(yaml: text) } catch {
            throw CorpusError.invalid(location: SourceLocation(path: display, line: (error as? YamlError).flatMap(FrontMatter.line(of:)).map { $0 + 1 }), reason: "invalid YAML (\(FrontMatter.summary(of: error)))")
        }
        guard let map = loaded as? [String: Any] else {
            if loaded == nil { return config }
            throw CorpusError.invalid(location: SourceLocation(path: display, line: 1), reason: "site.yml must be a mapping of keys to values")
        }
        var reader = ConfigReader(map: map, display: display)
        config.title = try reader.string("title") ?? config.title
        config.baseURL = try reader.string("base_url") ?? config.baseURL
        config.language = try reader.string("language") ?? config.language
        config.description = try reader.string("description") ?? config.description
        config.storiesPerPage = try reader.int("stories_per_page", in: 1...1000) ?? config.storiesPerPage
        if let coverage = try reader.section("coverage") {
            var r = coverage
            config.rules.minRated = try r.int("min_rated", in: 0...1000) ?? config.rules.minRated
        }
        if let blindspot = try reader.section("blindspot") {
            var r = blindspot
            config.rules.blindspotMinRated = try r.int("min_rated", in: 1...10000) ?? config.rules.blindspotMinRated
            config.rules.blindspotMaxShare = try r.int("max_share", in: 0...50) ?? config.rules.blindspotMaxShare
            config.rules.blindspotMargin = try r.int("margin", in: 0...100) ?? config.rules.blindspotMargin
            config.rules.blindspotRequiresHighFactuality = try r.bool("require_high_factuality") ?? config.rules.blindspotRequiresHighFactuality
        }
        if let fields = try reader.section("fields") {
            var mapping: [String: String] = [:]
            for (key, value) in fields.map {
                guard FieldMapping.canonicalFields.contains(key) else {
                    throw CorpusError.invalid(location: SourceLocation(path: display), reason: "fields: unknown record field \"\(key)\" (known: \(FieldMapping.canonicalFields.joined(separator: ", ")))")
                }
                guard let column = RawRecordText.scalar(value) else {
                    throw CorpusError.invalid(location: SourceLocation(path: display), reason: "fields.\(key) must be a column name")
                }
                mapping[key] = column
            }
            config.fields = FieldMapping(mapping)
        }
        return config
    }
}

/// Reads typed values from a YAML mapping, with errors that name the key and what it must be.
struct ConfigReader {
    let map: [String: Any]
    let display: String
    var prefix = ""

    init(map: [String: Any], display: String, prefix: String = "") {
        self.map = map
        self.display = display
        self.prefix = prefix
    }

    private func fail(_ key: String, _ what: String) -> CorpusError {
        .invalid(location: SourceLocation(path: display), reason: "\(prefix)\(key) must be \(what)")
    }

    mutating func string(_ key: String) throws -> String? {
        guard let v = map[key], !(v is NSNull) else { return nil }
        guard let s = RawRecordText.scalar(v) else { throw fail(key, "text") }
        return s
    }

    mutating func int(_ key: String, in range: ClosedRange<Int>) throws -> Int? {
        guard let v = map[key], !(v is NSNull) else { return nil }
        guard let n = v as? Int, range.contains(n) else { throw fail(key, "a whole number from \(range.lowerBound) to \(range.upperBound)") }
        return n
    }

    mutating func bool(_ key: String) throws -> Bool? {
        guard let v = map[key], !(v is NSNull) else { return nil }
        guard let b = v as? Bool else { throw fail(key, "true or false") }
        return b
    }

    mutating func section(_ key: String) throws -> ConfigReader? {
        guard let v = map[key], !(v is NSNull) else { return nil }
        guard let m = v as? [String: Any] else { throw fail(key, "a mapping") }
        return ConfigReader(map: m, display: display, prefix: "\(prefix)\(key).")
    }
}

/// Scalar conversion for YAML values (numbers and dates arrive typed).
enum RawRecordText {
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.trimmed.isEmpty ? nil : s
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let b as Bool: return String(b)
        default: return nil
        }
    }
}
