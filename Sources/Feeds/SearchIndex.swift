import Corpus
import Foundation
import SiteModel
import Stories
import Support

/// The compact index behind client-side search, `/search-index.json`: outlet and topic names are
/// stored once and referenced by position, and each story is one array, in home order, with no
/// article text. Version 1:
///
///     {"outlets":[name…],"stories":[[title, slug, "YYYY-MM-DD" or "", sources,
///      [outlet index…], [topic index…], left %, center %, right %]…],"topics":[name…],"v":1}
///
/// The date is the story's last update (as on the cards); the shares are of rated sources and
/// are all 0 when none is rated. Outlets are the rated and unrated ones the registry knows; an
/// article that names no outlet adds none. `StoryEntry.searchText` gives the server-rendered list on
/// `/search/` the same outlets and topics, folded as `search.js` folds a query.
enum SearchIndex {
    static let version = 1

    /// The index of every story of `model`, as deterministic JSON.
    static func document(_ model: SiteModel) -> String {
        let outletIndex = Dictionary(model.outlets.enumerated().map { ($1.outlet.slug, $0) }, uniquingKeysWith: { a, _ in a })
        let topicIndex = Dictionary(model.topics.enumerated().map { ($1.name.lowercased(), $0) }, uniquingKeysWith: { a, _ in a })
        let stories = model.stories.map { entry -> JSONValue in
            let c = entry.coverage
            let outlets = c.sources.compactMap { $0.outlet.flatMap { outletIndex[$0.slug] } }
            var topics: [Int] = []
            for t in entry.story.topics { if let i = topicIndex[t.lowercased()], !topics.contains(i) { topics.append(i) } }
            return .array([
                .string(entry.story.title), .string(entry.story.slug),
                .string(entry.story.lastUpdated.map { DateText.day($0) } ?? ""), .int(c.total),
                .array(outlets.map(JSONValue.int)), .array(topics.map(JSONValue.int)),
                .int(c.share(.left)), .int(c.share(.center)), .int(c.share(.right)),
            ])
        }
        return JSONValue.object([
            "v": .int(version),
            "outlets": .array(model.outlets.map { .string($0.outlet.name) }),
            "topics": .array(model.topics.map { .string($0.name) }),
            "stories": .array(stories),
        ]).serialized
    }
}
