import Foundation

/// The fields of one corpus record before validation, whatever file format it came from.
struct RawRecord {
    var id: String?
    var outlet: String?
    var url: String?
    var published: String?
    var title: String?
    var body: String?
    var story: String?
    var topics: [String] = []
    var authors: [String] = []
    var language: String?

    /// Reads the canonical fields (or the names `mapping` gives them) from a decoded JSON/YAML object.
    init(object: [String: Any], mapping: FieldMapping) {
        func value(_ field: String) -> Any? { object[mapping.column(for: field)] }
        id = Self.scalar(value("id"))
        outlet = Self.scalar(value("outlet"))
        url = Self.scalar(value("url"))
        published = Self.scalar(value("published"))
        title = Self.scalar(value("title"))
        body = Self.scalar(value("body"))
        story = Self.scalar(value("story"))
        topics = Self.list(value("topics"))
        authors = Self.list(value("authors"))
        language = Self.scalar(value("language"))
    }

    init() {}

    /// A string, number or date as text; nil for null, empty, or a container.
    static func scalar(_ value: Any?) -> String? {
        switch value {
        case let s as String: return s.nonEmpty
        case let n as NSNumber: return n.stringValue
        case let i as Int: return String(i)
        case let d as Double: return String(d)
        case let date as Date: return ISO8601DateFormatter().string(from: date)
        default: return nil
        }
    }

    /// An array of strings, or a single string split on `,`/`;`/`|`.
    static func list(_ value: Any?) -> [String] {
        if let array = value as? [Any] { return array.compactMap { scalar($0) } }
        guard let text = scalar(value) else { return [] }
        return text.split(whereSeparator: { $0 == "," || $0 == ";" || $0 == "|" }).compactMap { String($0).nonEmpty }
    }
}

/// Maps the canonical record fields to the names a corpus uses for them (`site.yml` → `fields:`).
public struct FieldMapping: Sendable, Equatable {
    public static let canonicalFields = ["id", "outlet", "url", "published", "title", "body", "story", "topics", "authors", "language"]
    private var columns: [String: String]

    public init(_ columns: [String: String] = [:]) {
        self.columns = columns
    }

    public func column(for field: String) -> String { columns[field] ?? field }

    /// Common alternative column names, tried when the canonical one is absent from a CSV header.
    static let synonyms: [String: [String]] = [
        "id": ["article_id", "guid"], "outlet": ["source", "publisher", "site", "outlet_name"],
        "url": ["link", "href"], "published": ["date", "published_at", "pubdate", "timestamp", "time"],
        "title": ["headline"], "body": ["text", "content", "article"], "story": ["story_id", "cluster", "event_id"],
        "topics": ["topic", "tags", "category"], "authors": ["author", "byline"], "language": ["lang"],
    ]
}
