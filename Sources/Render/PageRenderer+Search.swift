import Corpus
import Foundation
import Output
import SiteModel
import Support

/// `/search/` (DESIGN.md §5); its index, `/search-index.json`, is `SiteFeeds.searchIndex()`.
///
/// The page lists every story as a plain `<ol>`, so it works without JavaScript; each item
/// carries the folded names of its outlets and topics (`data-s`), so `search.js` filters the list
/// by title, outlet and topic without fetching anything (and from file:// URLs). The index is for
/// other readers, and for `search.js` on a page whose theme leaves the list out.
extension PageRenderer {
    /// The search page; none for a theme made before the search page existed (its readers get
    /// the index alone, not an empty page).
    public func searchPage() -> OutputFile? {
        guard theme.templateNames.contains("search") else { return nil }
        let path = SitePaths.search
        var context = base(path: path, title: "Search", description: "Search every story by its title, the outlets that covered it, or its topics.", section: "search")
        context["index_href"] = link(path, SitePaths.searchIndex)
        context["story_count"] = model.stories.count
        context["stories_label"] = model.stories.count == 1 ? "story" : "stories"
        // Short keys: this list has one item per story of the corpus.
        context["items"] = model.stories.map { entry -> [String: Any] in
            let c = entry.coverage
            var meta = entry.story.lastUpdated.map { [DateText.display($0)] } ?? []
            meta.append("\(c.total) \(c.total == 1 ? "source" : "sources")")
            if !entry.story.topics.isEmpty { meta.append(entry.story.topics.joined(separator: ", ")) }
            return ["s": entry.searchText, "h": link(path, entry.path), "t": entry.story.title, "m": meta.joined(separator: " · ")]
        }
        return page(path, template: "search", context)
    }
}
