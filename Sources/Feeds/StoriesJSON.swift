import Corpus
import Foundation
import SiteModel
import Stories
import Support

/// The site's machine-readable stories: `/stories.json`, an index of shards, and the shards in
/// `data/`, each the stories first reported in one month (README, "Data files").
public enum StoriesJSON {
    /// Version 2: stories.json is an index of shards (version 1 held every story itself).
    /// 3: `url` is the article's address for a story without a page, `has_page` says which; a
    /// first citation's `sentence` is left out when it is the summary sentence itself.
    public static let version = 3

    /// `stories.json`: the shards, newest month first, each with its key, path, URL and number
    /// of stories; and `ranked`, the slugs of the home page's first `top` stories in order.
    public static func index(_ plan: StoryShards, model: SiteModel, paths: SitePaths, top: Int) -> String {
        JSONValue.object([
            "version": .int(version),
            "stories": .int(model.stories.count),
            "shards": .array(plan.shards.map { shard in
                .object([
                    "key": .string(shard.key), "part": .int(shard.part), "parts": .int(shard.parts),
                    "path": .string(shard.path), "url": .string(paths.basePath + shard.path),
                    "stories": .int(shard.members.count),
                ])
            }),
            "ranked": .array(model.homeRanking().prefix(top).map { .string(model.stories[$0].story.slug) }),
        ]).serialized + "\n"
    }

    /// One shard: `{"key": "2020-04", "part": 1, "parts": 1, "stories": [...]}`, its stories in the
    /// site's order, each the object `story(_:paths:)` makes.
    public static func shard(_ shard: StoryShards.Shard, stories: [String]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity(shard.members.reduce(64) { $0 + stories[$1].utf8.count + 1 })
        out.append(contentsOf: "{\"key\":\(JSONValue.string(shard.key).serialized),\"part\":\(shard.part),\"parts\":\(shard.parts),\"stories\":[".utf8)
        for (i, member) in shard.members.enumerated() {
            if i > 0 { out.append(0x2C) }
            out.append(contentsOf: stories[member].utf8)
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
            // Where the story is read: its page, or for a story without one, its article.
            "url": .string(entry.articleLink ?? paths.basePath + entry.path),
            "has_page": .bool(entry.hasPage),
            "first_published": .string(s.firstPublished.map(DateText.iso)),
            "last_updated": .string(s.lastUpdated.map(DateText.iso)),
            "topics": .array(s.topics.map(JSONValue.string)),
            "coverage": coverage(c),
            "grouped_by": .string(s.formedBySimilarity ? "similarity" : "key"),
            "related": .array(s.related.map(JSONValue.string)),
            "summary": .array(entry.summary.map { sentence in
                .object([
                    "text": .string(sentence.text),
                    // The first citation is the article the sentence is quoted from: its sentence,
                    // the summary's text word for word, is not written twice.
                    "citations": .array(sentence.citations.enumerated().map { k, c in
                        var fields: [String: JSONValue] = ["article": .string(c.articleID), "similarity": .double(c.similarity)]
                        if k > 0 || c.sentence != sentence.text { fields["sentence"] = .string(c.sentence) }
                        return .object(fields)
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

/// Which shard of `data/` holds each story: the stories first reported in one month (UTC) share
/// a key ("2020-04"; "undated" for stories without a date). A key whose stories would make a file
/// larger than `maxBytes` is split into parts by a hash of each slug, so a story's part changes
/// only when its month's number of parts does: `data/stories-2020-04.json`, or
/// `data/stories-2020-04-1.json`, `-2`, … A static host takes each file whole (Cloudflare Pages
/// refuses files over 25 MiB; the hosting aim is 5 MB).
public struct StoryShards: Sendable, Equatable {
    public struct Shard: Sendable, Equatable {
        public var key: String
        public var part: Int, parts: Int
        public var path: String
        /// Indices of the stories, in the site's order.
        public var members: [Int]
    }

    public static let maxBytes = 4_000_000
    /// Newest key first, "undated" last; parts in order.
    public var shards: [Shard]

    /// - Parameters: `keys`, `slugs` and `sizes` (bytes of each story's JSON) in the site's order.
    public init(keys: [String], slugs: [String], sizes: [Int], maxBytes: Int = maxBytes) {
        var byKey: [String: [Int]] = [:]
        for (i, key) in keys.enumerated() { byKey[key, default: []].append(i) }
        let order = byKey.keys.sorted { a, b in a == "undated" ? false : b == "undated" ? true : a > b }
        shards = order.flatMap { key -> [Shard] in
            let members = byKey[key]!
            let total = members.reduce(0) { $0 + sizes[$1] + 1 }
            var parts = max(1, (total + maxBytes - 1) / maxBytes)
            while true {
                var split = [[Int]](repeating: [], count: parts)
                var bytes = [Int](repeating: 0, count: parts)
                for m in members {
                    let p = Int(FNV1a.hash(slugs[m].utf8) % UInt64(parts))
                    split[p].append(m)
                    bytes[p] += sizes[m] + 1
                }
                // One story larger than the limit has a file of its own; it cannot be split.
                if parts >= members.count || bytes.indices.allSatisfy({ bytes[$0] <= maxBytes || split[$0].count == 1 }) {
                    return split.enumerated().compactMap { p, list in
                        list.isEmpty ? nil : Shard(key: key, part: p + 1, parts: parts,
                                                   path: "data/stories-\(key)\(parts > 1 ? "-\(p + 1)" : "").json", members: list)
                    }
                }
                parts += 1
            }
        }
    }

    /// The key of a story first reported at `date`: its month, "2020-04", or "undated".
    public static func key(_ date: Date?) -> String { SitePaths.monthKey(date) }
}

