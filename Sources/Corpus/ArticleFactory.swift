import Foundation
import Support

/// Turns raw records into articles, checking what DESIGN.md §3 asks: an id, unique across the whole
/// corpus, and a title or a body. Everything else that is missing or impossible is kept and counted.
struct ArticleFactory: Sendable {
    var articles: [Article] = []
    var diagnostics: [Diagnostic] = []
    var stats = CorpusStats()
    private var firstSeen: [String: SourceLocation] = [:]

    mutating func add(_ raw: RawRecord, at location: SourceLocation, defaultStory: String? = nil, defaultTopics: [String] = []) {
        commit(Self.prepare(raw, at: location, defaultStory: defaultStory, defaultTopics: defaultTopics))
    }

    /// A record made into an article, every check that needs no other record done: the part of
    /// `add` that loaders run on several cores at once.
    static func prepare(_ raw: RawRecord, at location: SourceLocation, defaultStory: String? = nil, defaultTopics: [String] = []) -> PreparedRecord {
        guard let id = raw.id.map(Text.removingInvisibles)?.nonEmpty else {
            return PreparedRecord(location: location, id: nil, article: nil, date: .missing)
        }
        let title = raw.title.map { Text.singleLine(Mojibake.repaired($0)) }?.nonEmpty
        let body = raw.body.map { Text.normalizedBody(Mojibake.repaired($0)) }?.nonEmpty
        guard title != nil || body != nil else {
            return PreparedRecord(location: location, id: id, article: nil, date: .missing)
        }
        let date = PublishedDate.parse(raw.published)
        var published: Date?
        var hasTime = false
        if case let .date(value, time) = date {
            published = value
            hasTime = time
        }
        // An outlet of invisible characters only is no outlet (found by fuzz-corpus).
        let outlet = raw.outlet.map(Text.singleLine)?.nonEmpty
        let article = Article(
            id: id, outlet: outlet, url: raw.url, published: published,
            publishedHasTime: hasTime,
            title: title ?? "", // found in the text by the cleaner
            body: body, storyKey: (raw.story.map(Text.singleLine)?.nonEmpty) ?? defaultStory,
            topics: (raw.topics.isEmpty ? defaultTopics : raw.topics).map(Text.singleLine).filter { !$0.isEmpty },
            authors: raw.authors.map(Text.singleLine).filter { !$0.isEmpty }, language: raw.language, origin: location
        )
        return PreparedRecord(location: location, id: id, article: article, date: date)
    }

    /// Adds a prepared record, in corpus order: the id must be new; dates and gaps are counted.
    mutating func commit(_ record: PreparedRecord) {
        let location = record.location
        guard let id = record.id else {
            reject(location, "record has no \"id\"")
            return
        }
        if let first = firstSeen[id] {
            reject(location, "duplicate id \"\(id)\" (first seen at \(first))")
            return
        }
        guard let article = record.article else {
            reject(location, "record \"\(id)\" has neither title nor body")
            return
        }
        firstSeen[id] = location
        switch record.date {
        case let .impossible(text):
            diagnostics.append(Diagnostic(.warning, at: location, "impossible date \"\(text)\" in \"\(id)\"", "article kept as undated"))
            stats.impossibleDates += 1
        case let .unrecognized(text):
            diagnostics.append(Diagnostic(.warning, at: location, "unrecognised date \"\(text)\" in \"\(id)\" (use ISO 8601, e.g. 2016-09-20)", "article kept as undated"))
            stats.impossibleDates += 1
        case .date, .missing:
            break
        }
        if article.published == nil { stats.undated += 1 }
        if article.body == nil { stats.withoutBody += 1 }
        if article.outlet == nil && article.url == nil { stats.withoutOutlet += 1 }
        articles.append(article)
    }

    mutating func reject(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location, message, "record skipped"))
        stats.skipped += 1
    }

    mutating func fileError(_ error: Error, path: String) {
        fileSkipped(RecordLog.fileMessage(error, path: path), path: path)
    }

    private mutating func fileSkipped(_ message: String, path: String) {
        diagnostics.append(Diagnostic(.error, at: SourceLocation(path: path), message, "file skipped"))
        stats.skippedFiles += 1
    }

    /// Adds what loading one file gave, in its order.
    mutating func apply(_ log: RecordLog) {
        for entry in log.entries {
            switch entry {
            case let .record(record): commit(record)
            case let .rejected(location, message): reject(location, message)
            case let .fileSkipped(message, path): fileSkipped(message, path: path)
            }
        }
    }
}

/// What loading one corpus file gave, in file order, before `ArticleFactory` adds it to the corpus
/// (where ids are checked across files). `sitegen serve` keeps it for a file that did not change.
struct RecordLog: Sendable {
    enum Entry: Sendable {
        case record(PreparedRecord)
        case rejected(SourceLocation, String)
        case fileSkipped(String, path: String)
    }

    private(set) var entries: [Entry] = []
    /// False once the file could not be read whole: such a log is not kept for the next build.
    private(set) var isComplete = true

    mutating func add(_ raw: RawRecord, at location: SourceLocation, defaultStory: String? = nil, defaultTopics: [String] = []) {
        entries.append(.record(ArticleFactory.prepare(raw, at: location, defaultStory: defaultStory, defaultTopics: defaultTopics)))
    }

    mutating func commit(_ record: PreparedRecord) { entries.append(.record(record)) }

    mutating func reject(_ location: SourceLocation, _ message: String) { entries.append(.rejected(location, message)) }

    mutating func fileError(_ error: Error, path: String) {
        entries.append(.fileSkipped(Self.fileMessage(error, path: path), path: path))
        isComplete = false
    }

    static func fileMessage(_ error: Error, path: String) -> String {
        let message = (error as? CorpusError)?.description ?? "\(path): \(error)"
        return message.replacingOccurrences(of: "\(path): ", with: "")
    }
}

/// One record after `ArticleFactory.prepare`: no id, no title or body (`article` nil), or an
/// article with how its date read.
struct PreparedRecord: Sendable {
    var location: SourceLocation
    var id: String?
    var article: Article?
    var date: PublishedDate
}

/// Counts for the build report: what was kept without a part, what was skipped.
public struct CorpusStats: Sendable, Equatable, Codable {
    public var files = 0
    public var skipped = 0
    public var skippedFiles = 0
    public var undated = 0
    public var impossibleDates = 0
    public var withoutBody = 0
    /// Articles naming no outlet and no URL (after cleaning: those whose page names none either).
    public var withoutOutlet = 0
    /// Articles whose record named no outlet, named by their page's own furniture.
    public var outletsFromText = 0
    /// Undated articles given an inferred date (`InferredDate`).
    public var datesInferred = 0
    public init() {}
}
