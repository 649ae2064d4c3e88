import Foundation

/// Turns raw records into articles, checking what DESIGN.md §3 asks: an id, unique across the whole
/// corpus, and a title or a body. Everything else that is missing or impossible is kept and counted.
struct ArticleFactory {
    var articles: [Article] = []
    var diagnostics: [Diagnostic] = []
    var stats = CorpusStats()
    private var firstSeen: [String: SourceLocation] = [:]

    mutating func add(_ raw: RawRecord, at location: SourceLocation, defaultStory: String? = nil, defaultTopics: [String] = []) {
        guard let id = raw.id.map(Text.removingInvisibles)?.nonEmpty else {
            reject(location, "record has no \"id\"")
            return
        }
        if let first = firstSeen[id] {
            reject(location, "duplicate id \"\(id)\" (first seen at \(first))")
            return
        }
        let title = raw.title.map(Text.singleLine)?.nonEmpty
        let body = raw.body.map(Text.normalizedBody)?.nonEmpty
        guard title != nil || body != nil else {
            reject(location, "record \"\(id)\" has neither title nor body")
            return
        }
        firstSeen[id] = location

        var published: Date?
        var hasTime = false
        switch PublishedDate.parse(raw.published) {
        case let .date(date, time):
            published = date
            hasTime = time
        case let .impossible(text):
            diagnostics.append(Diagnostic(.warning, at: location, "impossible date \"\(text)\" in \"\(id)\"", "article kept as undated"))
            stats.impossibleDates += 1
        case let .unrecognized(text):
            diagnostics.append(Diagnostic(.warning, at: location, "unrecognised date \"\(text)\" in \"\(id)\" (use ISO 8601, e.g. 2016-09-20)", "article kept as undated"))
            stats.impossibleDates += 1
        case .missing:
            break
        }
        if published == nil { stats.undated += 1 }
        if body == nil { stats.withoutBody += 1 }
        // An outlet of invisible characters only is no outlet (found by fuzz-corpus).
        let outlet = raw.outlet.map(Text.singleLine)?.nonEmpty
        if outlet == nil && raw.url == nil { stats.withoutOutlet += 1 }

        articles.append(Article(
            id: id, outlet: outlet, url: raw.url, published: published,
            publishedHasTime: hasTime,
            title: title ?? "", // found in the text by the cleaner
            body: body, storyKey: (raw.story.map(Text.singleLine)?.nonEmpty) ?? defaultStory,
            topics: (raw.topics.isEmpty ? defaultTopics : raw.topics).map(Text.singleLine).filter { !$0.isEmpty },
            authors: raw.authors.map(Text.singleLine).filter { !$0.isEmpty }, language: raw.language, origin: location
        ))
    }

    mutating func reject(_ location: SourceLocation, _ message: String) {
        diagnostics.append(Diagnostic(.error, at: location, message, "record skipped"))
        stats.skipped += 1
    }

    mutating func fileError(_ error: Error, path: String) {
        let message = (error as? CorpusError)?.description ?? "\(path): \(error)"
        diagnostics.append(Diagnostic(.error, at: SourceLocation(path: path), message.replacingOccurrences(of: "\(path): ", with: ""), "file skipped"))
        stats.skippedFiles += 1
    }
}

/// Counts for the build report: what was kept without a part, what was skipped.
public struct CorpusStats: Sendable, Equatable {
    public var files = 0
    public var skipped = 0
    public var skippedFiles = 0
    public var undated = 0
    public var impossibleDates = 0
    public var withoutBody = 0
    public var withoutOutlet = 0
    public init() {}
}

/// Small text normalisations shared by the loaders.
enum Text {
    /// Collapses all whitespace (newlines included) to single spaces.
    static func singleLine(_ s: String) -> String {
        removingInvisibles(s).split(whereSeparator: { $0.isWhitespace || $0.isNewline }).joined(separator: " ")
    }

    /// Without control characters (tab and line breaks aside), bidirectional embeddings, overrides
    /// and isolates (U+202A–E, U+2066–9: they can make "exe.txt" read as "txt.exe"), and
    /// noncharacters. Corpus text never needs them on a page, in a feed or in a file name.
    static func removingInvisibles(_ s: String) -> String {
        guard s.utf8.contains(where: { $0 < 0x20 || $0 == 0x7F || $0 == 0xC2 || $0 == 0xE2 || $0 == 0xEF }) else { return s }
        var out = String.UnicodeScalarView()
        for scalar in s.unicodeScalars {
            let v = scalar.value
            if v < 0x20 && v != 0x09 && v != 0x0A && v != 0x0D { continue }
            if (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v) || v == 0xFFFE || v == 0xFFFF { continue }
            out.append(scalar)
        }
        return String(out)
    }

    /// Unifies line endings and trims each paragraph; paragraphs are separated by one blank line.
    static func normalizedBody(_ s: String) -> String {
        var paragraphs: [String] = []
        var current: [String] = []
        // "\r\n" is one Character in Swift, so splitting on isNewline handles \n, \r\n and \r alike.
        for line in removingInvisibles(s).split(omittingEmptySubsequences: false, whereSeparator: \.isNewline) {
            let trimmed = line.trimmed
            if trimmed.isEmpty {
                if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")); current = [] }
            } else {
                current.append(trimmed)
            }
        }
        if !current.isEmpty { paragraphs.append(current.joined(separator: "\n")) }
        return paragraphs.joined(separator: "\n\n")
    }

    /// A stand-in headline for a record with a body but no title: its first sentence, shortened.
    static func headline(fromBody body: String) -> String {
        let firstLine = body.split(separator: "\n").first.map(String.init) ?? ""
        var sentence = firstLine
        if let end = firstLine.range(of: ". ") { sentence = String(firstLine[..<end.lowerBound]) }
        if sentence.count > 120 {
            sentence = String(sentence.prefix(117))
            if let space = sentence.lastIndex(of: " ") { sentence = String(sentence[..<space]) }
            sentence += "…"
        }
        return singleLine(sentence)
    }
}
