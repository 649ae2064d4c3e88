import Corpus
import Foundation
import Stories
import Support
import Yams

/// `Content/site.yml`: every key optional.
///
/// ```yaml
/// title: Every Side
/// base_url: https://example.org/news/
/// language: en
/// description: One page per event, every outlet that covered it.
/// stories_per_page: 20
/// home: { decay_days: 2, period_days: 7, pages: 10 }
/// cleaning: { deduplicate: true, learn_boilerplate: true }    # ranking: sources ÷ (1 + days old ÷ decay_days)
/// coverage: { min_rated: 3 }
/// blindspot: { min_rated: 5, max_share: 20, margin: 20, require_high_factuality: true }
/// fields: { title: headline, body: text }   # corpus column names → record fields
/// grouping: { by: auto, threshold: 0.09, window_days: 7, nearest_neighbours: 2, stray_link_factor: 0.5, related: 5 }
/// summary: { max_sentences: 5, min_sentences: 3, cite_threshold: 0.42, redundancy: 0.45 }
/// tone: { negative: 0.02, positive: 0.15 }   # a story's tone is neutral between these
/// stories: { single_article_pages: false }   # true: a page for every story, one article or more
/// ```
public struct SiteConfig: Sendable {
    public var title = "sitegen"
    public var baseURL = "/"
    public var language = "en"
    public var description = "News coverage from every side: who reported each story, and how."
    public var storiesPerPage = 20
    /// Home ranking: sources ÷ (1 + days old ÷ this).
    public var decayDays = 2.0
    /// The home page's "this period" chart covers this many days up to the newest article.
    public var periodDays = 7
    /// The home page's pages at most; older stories are reached through the archive by month
    /// (`/search/`), which lists every story.
    public var homePages = 10
    public var rules = CoverageRules()
    public var fields = FieldMapping()
    public var grouping = GroupingOptions()
    public var summary = SummaryOptions()
    public var cleaning = CleaningOptions()
    public var tone = ToneThresholds()
    /// Whether a story of one article gets a page of its own. Off by default: such a page shows
    /// nothing the article does not (one source, one bar, one dot), and on a news corpus most
    /// stories are such (74% of the AllSides site's), so the pages would be most of the site's
    /// files and bytes. The story still has its card in every list, its feed entries, its search
    /// result and its entry in the data, all linking to the article at its outlet. A story of one
    /// article without a safe web address, or with an editor's file in `Content/stories/`,
    /// keeps its page.
    public var singleArticlePages = false

    public init() {}

    public static func load(path: String, display: String) throws -> SiteConfig {
        var config = SiteConfig()
        guard FileManager.default.fileExists(atPath: path) else { return config }
        let loaded = try YAMLFile.load(path: path, display: display)
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
        if let cleaning = try reader.section("cleaning") {
            var r = cleaning
            config.cleaning.deduplicate = try r.bool("deduplicate") ?? config.cleaning.deduplicate
            config.cleaning.learnBoilerplate = try r.bool("learn_boilerplate") ?? config.cleaning.learnBoilerplate
        }
        if let home = try reader.section("home") {
            var r = home
            config.decayDays = try r.double("decay_days", in: 0.1...365) ?? config.decayDays
            config.periodDays = try r.int("period_days", in: 1...3650) ?? config.periodDays
            config.homePages = try r.int("pages", in: 1...100_000) ?? config.homePages
        }
        if let stories = try reader.section("stories") {
            var r = stories
            config.singleArticlePages = try r.bool("single_article_pages") ?? config.singleArticlePages
        }
        if let coverage = try reader.section("coverage") {
            var r = coverage
            config.rules.minRated = try r.int("min_rated", in: 0...1000) ?? config.rules.minRated
        }
        if let tone = try reader.section("tone") {
            var r = tone
            config.tone.negative = try r.double("negative", in: -1...1) ?? config.tone.negative
            config.tone.positive = try r.double("positive", in: -1...1) ?? config.tone.positive
            guard config.tone.negative < config.tone.positive else {
                throw CorpusError.invalid(location: SourceLocation(path: display), reason: "tone.negative (\(config.tone.negative)) must be below tone.positive (\(config.tone.positive)): between them is the neutral band")
            }
        }
        if let blindspot = try reader.section("blindspot") {
            var r = blindspot
            config.rules.blindspotMinRated = try r.int("min_rated", in: 1...10000) ?? config.rules.blindspotMinRated
            config.rules.blindspotMaxShare = try r.int("max_share", in: 0...50) ?? config.rules.blindspotMaxShare
            config.rules.blindspotMargin = try r.int("margin", in: 0...100) ?? config.rules.blindspotMargin
            config.rules.blindspotRequiresHighFactuality = try r.bool("require_high_factuality") ?? config.rules.blindspotRequiresHighFactuality
        }
        if let grouping = try reader.section("grouping") {
            var r = grouping
            if let by = try r.string("by") {
                guard let mode = GroupingOptions.Mode(rawValue: by) else {
                    throw CorpusError.invalid(location: SourceLocation(path: display), reason: "grouping.by must be one of \(GroupingOptions.Mode.allCases.map(\.rawValue).joined(separator: ", "))")
                }
                config.grouping.mode = mode
            }
            config.grouping.clustering.threshold = try r.double("threshold", in: 0.01...1) ?? config.grouping.clustering.threshold
            config.grouping.clustering.windowDays = try r.int("window_days", in: 0...3650) ?? config.grouping.clustering.windowDays
            config.grouping.clustering.nearestNeighbours = try r.int("nearest_neighbours", in: 0...20) ?? config.grouping.clustering.nearestNeighbours
            config.grouping.clustering.strayLinkFactor = try r.double("stray_link_factor", in: 0...1) ?? config.grouping.clustering.strayLinkFactor
            config.grouping.clustering.sharedOutletFactor = try r.double("shared_outlet_factor", in: 1...1_000_000) ?? config.grouping.clustering.sharedOutletFactor
            config.grouping.clustering.leadWords = try r.int("lead_words", in: 10...100_000) ?? config.grouping.clustering.leadWords
            config.grouping.clustering.reportJoin = try r.double("report_join", in: 0...100) ?? config.grouping.clustering.reportJoin
            config.grouping.clustering.unpeggedJoin = try r.double("unpegged_join", in: 0...100) ?? config.grouping.clustering.unpeggedJoin
            config.grouping.clustering.commentaryJoin = try r.double("commentary_join", in: 0...100) ?? config.grouping.clustering.commentaryJoin
            config.grouping.clustering.undatedJoin = try r.double("undated_join", in: 0...100) ?? config.grouping.clustering.undatedJoin
            config.grouping.clustering.undatedMargin = try r.double("undated_margin", in: 0...100) ?? config.grouping.clustering.undatedMargin
            config.grouping.clustering.memberCosine = try r.double("member_cosine", in: 0...1) ?? config.grouping.clustering.memberCosine
            config.grouping.related = try r.int("related", in: 0...20) ?? config.grouping.related
        }
        if let summary = try reader.section("summary") {
            var r = summary
            config.summary.maxSentences = try r.int("max_sentences", in: 1...10) ?? config.summary.maxSentences
            config.summary.minSentences = min(config.summary.maxSentences, try r.int("min_sentences", in: 1...10) ?? config.summary.minSentences)
            config.summary.citeThreshold = try r.double("cite_threshold", in: 0.05...1) ?? config.summary.citeThreshold
            config.summary.redundancy = try r.double("redundancy", in: 0.05...1) ?? config.summary.redundancy
            config.summary.factMatch.coverage = try r.double("fact_coverage", in: 0...1) ?? config.summary.factMatch.coverage
            config.summary.factMatch.claimCoverage = try r.double("claim_coverage", in: 0...1) ?? config.summary.factMatch.claimCoverage
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

    mutating func double(_ key: String, in range: ClosedRange<Double>) throws -> Double? {
        guard let v = map[key], !(v is NSNull) else { return nil }
        let n = (v as? Double) ?? (v as? Int).map(Double.init)
        guard let n, range.contains(n) else { throw fail(key, "a number from \(range.lowerBound) to \(range.upperBound)") }
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

/// `Content/corrections.yml`: the editor's fixes to the grouping (see `GroupingCorrections`).
///
/// ```yaml
/// merge: [[story-slug, other-story-slug]]
/// split: { story-slug: [article-id, article-id] }
/// move: { article-id: story-slug }
/// ```
public enum CorrectionsFile {
    public static func load(path: String, display: String) throws -> GroupingCorrections {
        guard FileManager.default.fileExists(atPath: path) else { return GroupingCorrections() }
        let loaded = try YAMLFile.load(path: path, display: display)
        guard let loaded else { return GroupingCorrections() }
        func fail(_ what: String) -> CorpusError { .invalid(location: SourceLocation(path: display), reason: what) }
        guard let map = loaded as? [String: Any] else { throw fail("must be a mapping with merge, split and move") }
        var corrections = GroupingCorrections()
        for key in map.keys where !["merge", "split", "move"].contains(key) {
            throw fail("unknown key \"\(key)\" (known: merge, split, move)")
        }
        if let merge = map["merge"], !(merge is NSNull) {
            guard let groups = merge as? [Any] else { throw fail("merge must be a list of lists of story slugs, e.g. merge: [[slug-a, slug-b]]") }
            corrections.merge = try groups.map { group in
                guard let slugs = group as? [Any], slugs.count >= 2 else { throw fail("each merge entry must list two or more story slugs") }
                return try slugs.map { guard let s = RawRecordText.scalar($0) else { throw fail("merge: story slugs must be text") }; return s }
            }
        }
        if let split = map["split"], !(split is NSNull) {
            guard let entries = split as? [String: Any] else { throw fail("split must map a story slug to a list of article ids") }
            for (slug, ids) in entries {
                guard let list = ids as? [Any] else { throw fail("split.\(slug) must be a list of article ids") }
                corrections.split[slug] = try list.map { guard let s = RawRecordText.scalar($0) else { throw fail("split.\(slug): article ids must be text") }; return s }
            }
        }
        if let move = map["move"], !(move is NSNull) {
            guard let entries = move as? [String: Any] else { throw fail("move must map an article id to a story slug") }
            for (id, slug) in entries {
                guard let s = RawRecordText.scalar(slug) else { throw fail("move.\(id) must be a story slug") }
                corrections.move[id] = s
            }
        }
        return corrections
    }
}

/// A YAML file of the site folder, parsed, with errors that name the file and line.
enum YAMLFile {
    static func load(path: String, display: String) throws -> Any? {
        let text: String
        do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
            throw CorpusError.unreadable(path: display, reason: error.localizedDescription)
        }
        do { return try FrontMatter.load(yaml: text) } catch {
            throw CorpusError.invalid(location: SourceLocation(path: display, line: (error as? YamlError).flatMap(FrontMatter.line(of:)).map { $0 + 1 }), reason: "invalid YAML (\(FrontMatter.summary(of: error)))")
        }
    }
}
