import Corpus
import Foundation
import Output
import SiteModel
import Stories
import Support

/// The search behind `/search/`, split so that a query downloads only what it needs (as Pagefind
/// splits its word index): a small `search/meta.json`, the words in sorted chunks, and the stories
/// to show in chunks of `storiesPerChunk`. A query fetches the meta, the chunk of each of its
/// words, then the story chunks of the first results shown. Version 3:
///
///     search/meta.json   {"v":3,"stories":N,"per":40,"terms":[[first word, name]…],
///                         "docs":[name…],"stop":[word…]}
///     search/terms/<hash>.json   {"word":[Δstory × 16 + weight, …]…}
///     search/docs/<hash>.json    [[title, path (or the article's http(s) address for a story
///                                  without a page), "YYYY-MM-DD" or "", sources,
///                                  [first 3 outlets' names], outlets, left %, center %, right %]…]
///
/// A story is its number in `order` (undated, then oldest first); a word's stories are ascending,
/// each given as the difference from the one before, times 16, plus the word's weight in it
/// (at most 9). A story's words: its title (weight 4), its
/// articles' headlines (1 each, at most 3), its outlets' and topics' names (2); folded as
/// `search.js` folds a query (`SearchIndex.words`). Chunk files are named by a hash of their
/// content, so a host may cache them for ever; `meta.json` keeps its name.
public enum SearchIndex {
    /// 3: a story without a page has its article's http(s) address where a page path was.
    public static let version = 3
    public static let storiesPerChunk = 40
    /// A chunk of words closes once past this many bytes (a single word's list may be larger).
    public static let termChunkBytes = 24_000
    public static let metaPath = "search/meta.json"
    /// Words too common to tell stories apart: neither indexed nor required of a result.
    public static let stopWords: [String] = [
        "a", "an", "and", "are", "as", "at", "be", "by", "for", "from", "has", "have", "he", "her", "his", "in", "is", "it",
        "its", "of", "on", "or", "that", "the", "their", "this", "to", "was", "were", "will", "with",
    ]
    static let stopSet = Set(stopWords)

    /// The folded words of `text` that are indexed: runs of letters and digits, two characters
    /// or more, stop words left out. search.js splits a folded query by the same rule
    /// (`/[^\p{L}\p{N}]+/u`).
    public static func words(_ text: String) -> [String] {
        let folded = StoryEntry.fold(text)
        var out: [String] = []
        var current = String.UnicodeScalarView()
        func close() {
            if current.count >= 2 {
                let w = String(current)
                if !stopSet.contains(w) { out.append(w) }
            }
            current = String.UnicodeScalarView()
        }
        for scalar in folded.unicodeScalars {
            switch scalar.properties.generalCategory {
            case .uppercaseLetter, .lowercaseLetter, .titlecaseLetter, .modifierLetter, .otherLetter,
                 .decimalNumber, .letterNumber, .otherNumber:
                current.append(scalar)
            default:
                close()
            }
        }
        close()
        return out
    }

    /// Every search file of `model`, deterministic (the chunk sizes are settable for tests).
    public static func files(_ model: SiteModel, termChunkBytes: Int = termChunkBytes, storiesPerChunk: Int = storiesPerChunk) -> [OutputFile] {
        // Each story's words and their weights.
        var postings: [String: [(doc: Int, weight: Int)]] = [:]
        // Outlets and topics recur across stories: their words are worked out once.
        var names: [String: [String]] = [:]
        func nameWords(_ name: String) -> [String] {
            if let known = names[name] { return known }
            let w = words(name)
            names[name] = w
            return w
        }
        let stories = order(model)
        for (doc, entry) in stories.enumerated() {
            var weights: [String: Int] = [:]
            for w in Set(words(entry.story.title)) { weights[w, default: 0] += 4 }
            var headline: [String: Int] = [:]
            for member in entry.story.articles where member.article.title != entry.story.title {
                for w in Set(words(member.article.title)) { headline[w, default: 0] += 1 }
            }
            for (w, n) in headline { weights[w, default: 0] += min(n, 3) }
            var named = Set<String>()
            for source in entry.coverage.sources { if let o = source.outlet { named.formUnion(nameWords(o.name)) } }
            for topic in entry.story.topics { named.formUnion(nameWords(topic)) }
            for w in named { weights[w, default: 0] += 2 }
            for (w, weight) in weights { postings[w, default: []].append((doc, weight)) }
        }
        // Words in the order search.js compares strings (UTF-16 code units).
        let sorted = postings.keys.sorted { $0.utf16.lexicographicallyPrecedes($1.utf16) }
        var termFiles: [OutputFile] = []
        var termRanges: [JSONValue] = []
        var chunk: [String: JSONValue] = [:]
        var first: String?
        var bytes = 0
        func flush() {
            guard let start = first else { return }
            let text = JSONValue.object(chunk).serialized
            let name = hashName(text)
            termFiles.append(OutputFile(path: "search/terms/\(name).json", text: text))
            termRanges.append(.array([.string(start), .string(name)]))
            chunk = [:]
            first = nil
            bytes = 0
        }
        for word in sorted {
            var list: [JSONValue] = []
            var last = 0
            for p in postings[word]! {
                list.append(.int((p.doc - last) * 16 + min(p.weight, 15)))
                last = p.doc
            }
            let value = JSONValue.array(list)
            if first == nil { first = word }
            chunk[word] = value
            bytes += word.utf8.count + 4 + list.count * 4
            if bytes >= termChunkBytes { flush() }
        }
        flush()

        var docFiles: [OutputFile] = []
        var docNames: [JSONValue] = []
        var start = 0
        while start < stories.count {
            let end = min(start + storiesPerChunk, stories.count)
            let docs = stories[start..<end].map { entry -> JSONValue in
                let c = entry.coverage
                let outlets = c.sources.compactMap { $0.outlet?.name }
                return .array([
                    .string(entry.story.title), .string(entry.articleLink ?? entry.path),
                    .string(entry.story.lastUpdated.map { DateText.day($0) } ?? ""), .int(c.total),
                    .array(outlets.prefix(3).map(JSONValue.string)), .int(outlets.count),
                    .int(c.share(.left)), .int(c.share(.center)), .int(c.share(.right)),
                ])
            }
            let text = JSONValue.array(docs).serialized
            let name = hashName(text)
            docFiles.append(OutputFile(path: "search/docs/\(name).json", text: text))
            docNames.append(.string(name))
            start = end
        }
        let meta = JSONValue.object([
            "v": .int(version),
            "stories": .int(model.stories.count),
            "per": .int(storiesPerChunk),
            "terms": .array(termRanges),
            "docs": .array(docNames),
            "stop": .array(stopWords.map(JSONValue.string)),
        ]).serialized
        return [OutputFile(path: metaPath, text: meta)] + termFiles + docFiles
    }

    /// The stories in the order of their numbers: undated first, then by first report, oldest
    /// first (then slug). A day's new stories come last, so a rebuild leaves the earlier story
    /// chunks as they were (the home page's ranking changes every day).
    static func order(_ model: SiteModel) -> [StoryEntry] {
        model.stories.sorted { a, b in
            switch (a.story.firstPublished, b.story.firstPublished) {
            case (nil, nil): return a.story.slug < b.story.slug
            case (nil, _): return true
            case (_, nil): return false
            case let (x?, y?): return x != y ? x < y : a.story.slug < b.story.slug
            }
        }
    }

    /// 10 hex digits of the content's hash: a chunk's file is `terms/<name>.json` or
    /// `docs/<name>.json` under `search/`.
    static func hashName(_ text: String) -> String {
        let h = String(FNV1a.hash(text.utf8), radix: 16)
        return String((String(repeating: "0", count: max(0, 16 - h.count)) + h).prefix(10))
    }
}
