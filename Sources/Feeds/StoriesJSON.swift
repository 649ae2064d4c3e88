import Corpus
import SiteModel
import Stories
import Support

/// `/stories.json`, the site's machine-readable index (shape in issue #2 / DESIGN.md §5).
public enum StoriesJSON {
    /// stories.json from every story's serialized object (`story(_:paths:)`), which is also the
    /// story's own `story.json`: each is written once for both.
    public static func document(stories: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(stories.reduce(16) { $0 + $1.utf8.count + 1 })
        out.append(contentsOf: #"{"stories":["#.utf8)
        for (i, story) in stories.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: story.utf8)
        }
        out.append(contentsOf: "]}\n".utf8)
        return String(decoding: out, as: UTF8.self)
    }

    /// `{"score": -0.21, "band": "negative", "articles": 3}`, or `{"missing": "not-english"}`.
    static func tone(_ tone: Result<StoryTone, StoryTone.Missing>) -> JSONValue {
        switch tone {
        case .success(let t):
            return .object(["score": .double((t.score * 1000).rounded() / 1000), "band": .string(t.band.rawValue), "articles": .int(t.articlesRead)])
        case .failure(.notEnglish): return .object(["missing": .string("not-english")])
        case .failure(.noText): return .object(["missing": .string("no-text")])
        }
    }

    public static func story(_ entry: StoryEntry, paths: SitePaths) -> JSONValue {
        let s = entry.story
        let c = entry.coverage
        return .object([
            "slug": .string(s.slug),
            "title": .string(s.title),
            "url": .string(paths.basePath + entry.path),
            "first_published": .string(s.firstPublished.map(DateText.iso)),
            "last_updated": .string(s.lastUpdated.map(DateText.iso)),
            "topics": .array(s.topics.map(JSONValue.string)),
            "coverage": coverage(c),
            "grouped_by": .string(s.formedBySimilarity ? "similarity" : "key"),
            "related": .array(s.related.map(JSONValue.string)),
            "summary": .array(entry.summary.map { sentence in
                .object([
                    "text": .string(sentence.text),
                    "citations": .array(sentence.citations.map { c in
                        .object(["article": .string(c.articleID), "similarity": .double(c.similarity), "sentence": .string(c.sentence)])
                    }),
                ])
            }),
            "summary_by_editor": .bool(entry.override?.summary != nil),
            "tone": tone(entry.tone),
            "articles": .array(s.articles.map { m in
                var fields: [String: JSONValue] = [
                    "id": .string(m.article.id),
                    "outlet": .string(m.outlet?.name),
                    "url": .string(SafeURL.web(m.article.url)),
                    "published": .string(m.article.published.map(DateText.iso)),
                    "leaning": .string(m.side.rawValue),
                    "title": .string(m.article.title),
                ]
                if let inferred = m.article.publishedInferred {
                    // Never `published`: what the record holds the evidence for, and where from.
                    fields["published_inferred"] = .string(DateText.iso(inferred.date))
                    fields["published_source"] = .string(inferred.source.rawValue)
                }
                if let why = m.membership {
                    fields["membership"] = .object([
                        "similarity": .double(why.similarity),
                        "shared_terms": .array(why.sharedTerms.map(JSONValue.string)),
                        "borderline": .bool(why.borderline),
                    ])
                }
                return .object(fields)
            }),
        ])
    }

    static func coverage(_ c: Coverage) -> JSONValue {
        .object([
            "sources": .int(c.total),
            "left": .int(c.count(.left)), "center": .int(c.count(.center)),
            "right": .int(c.count(.right)), "unrated": .int(c.count(.unrated)),
            "left_pct": .int(c.share(.left)), "center_pct": .int(c.share(.center)), "right_pct": .int(c.share(.right)),
            "blindspot": .string(c.blindspot?.rawValue),
            "articles": .int(c.articleCount),
        ])
    }
}
