import Foundation
import Support


/// One article of the corpus, as loaded (and later cleaned): the unit every other stage works on.
///
/// Missing parts are `nil` rather than errors: an article without a date stays out of the timeline,
/// one without a body (a headline-only item) out of the summary, but both still count as coverage.
public struct Article: Sendable, Hashable {
    public var id: String
    /// The outlet's name as the corpus gives it (matched against the registry later).
    public var outlet: String?
    public var url: String?
    public var published: Date?
    /// False when `published` came from a date without a time of day.
    public var publishedHasTime: Bool
    /// For an article that states no date, the date its record holds the evidence for
    /// (`InferredDate`): it bounds the grouping and is shown as inferred, never as `published`.
    public var publishedInferred: InferredDate?
    public var title: String
    /// Plain text, paragraphs separated by blank lines.
    public var body: String?
    /// The grouping key, from the record or from a folder's `_story.yml`.
    public var storyKey: String?
    public var topics: [String]
    public var authors: [String]
    public var language: String?
    public var origin: SourceLocation

    public init(
        id: String, outlet: String? = nil, url: String? = nil, published: Date? = nil,
        publishedHasTime: Bool = false, title: String, body: String? = nil, storyKey: String? = nil,
        topics: [String] = [], authors: [String] = [], language: String? = nil,
        origin: SourceLocation = SourceLocation(path: "<memory>")
    ) {
        self.id = id
        self.outlet = outlet
        self.url = url
        self.published = published
        self.publishedHasTime = publishedHasTime
        self.title = title
        self.body = body
        self.storyKey = storyKey
        self.topics = topics
        self.authors = authors
        self.language = language
        self.origin = origin
    }

    /// The body's paragraphs (non-empty, trimmed).
    public var paragraphs: [String] { Array(paragraphSequence) }

    /// The body's paragraphs, found one at a time: for readers that stop after the first few.
    public var paragraphSequence: ParagraphSequence { ParagraphSequence(body ?? "") }
}

/// The paragraphs of a text whose paragraphs are separated by blank lines (`"\n\n"`), each
/// trimmed, empty ones skipped; found by a byte scan, so asking for the first is cheap.
public struct ParagraphSequence: Sequence, IteratorProtocol {
    private let text: String
    private var offset = 0

    public init(_ text: String) {
        var text = text
        text.makeContiguousUTF8()
        self.text = text
    }

    public mutating func next() -> String? {
        let utf8 = text.utf8
        let count = utf8.count
        while offset < count {
            let start = offset
            // The end of this paragraph: the next "\n\n", or the end of the text.
            let (end, following) = utf8.withContiguousStorageIfAvailable { bytes -> (Int, Int) in
                var i = start
                while i + 1 < count {
                    if bytes[i] == 10 && bytes[i + 1] == 10 { return (i, i + 2) }
                    i += 1
                }
                return (count, count)
            }!
            offset = following
            let lower = utf8.index(utf8.startIndex, offsetBy: start)
            let upper = utf8.index(utf8.startIndex, offsetBy: end)
            let paragraph = text[lower..<upper].trimmed
            if !paragraph.isEmpty { return paragraph }
        }
        return nil
    }
}
