import Corpus
import Foundation
import Output
import SiteModel
import Support
import TemplateEngine

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
        context["index_href"] = .string(link(path, SitePaths.searchIndex))
        context["story_count"] = .int(model.stories.count)
        context["stories_label"] = .string(model.stories.count == 1 ? "story" : "stories")
        // Short keys: this list has one item per story of the corpus.
        context["items"] = .list(model.stories.map { entry in
            let c = entry.coverage
            var meta = entry.story.lastUpdated.map { [DateText.display($0)] } ?? []
            meta.append("\(c.total) \(c.total == 1 ? "source" : "sources")")
            if !entry.story.topics.isEmpty { meta.append(entry.story.topics.joined(separator: ", ")) }
            return .object(["s": .string(entry.searchText), "h": .string(link(path, entry.path)), "t": .string(entry.story.title), "m": .string(meta.joined(separator: " · "))])
        })
        return page(path, template: "search", context)
    }
}
