import Corpus
import Foundation
import Output
import SiteModel
import Stories
import Support
import TemplateEngine

/// `/search/` and the archive by month (DESIGN.md §5). The search data is `SearchIndex` in
/// `search/`: `search.js` fetches its meta, then only the chunks a query needs. Without
/// JavaScript the page is the way into the archive: every month with its number of stories, and
/// the topics.
extension PageRenderer {
    /// Stories on one archive page at most (a month with more gets `page/N/`).
    static let archivePerPage = 400
    static let monthNames = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December"]

    /// The months of the archive, newest first, "undated" last: each month's key ("2020-07") and
    /// its stories in the site's order. A story's month is that of its first report
    /// (`SitePaths.monthKey`), as its data shard's.
    var archiveMonths: [(key: String, stories: [Int])] {
        var byKey: [String: [Int]] = [:]
        for (i, entry) in model.stories.enumerated() { byKey[SitePaths.monthKey(entry.story.firstPublished), default: []].append(i) }
        return byKey.keys.sorted { a, b in a == "undated" ? false : b == "undated" ? true : a > b }.map { ($0, byKey[$0]!) }
    }

    /// "July 2020", or "Undated".
    static func monthLabel(_ key: String) -> String {
        guard key != "undated", let month = Int(key.suffix(2)), (1...12).contains(month) else { return "Undated" }
        return "\(monthNames[month - 1]) \(key.prefix(4))"
    }

    /// The search page; none for a theme made before the search page existed.
    public func searchPage() -> OutputFile? {
        guard theme.templateNames.contains("search") else { return nil }
        let path = SitePaths.search
        var context = base(path: path, title: "Search", description: "Search every story by its title, its headlines, the outlets that covered it, or its topics.", section: "search")
        context["index_href"] = .string(link(path, SitePaths.searchIndex))
        context["story_count"] = .int(model.stories.count)
        context["stories_label"] = Self.noun(model.stories.count, "story", "stories")
        context["topics_href"] = .string(link(path, SitePaths.topics))
        context["topic_count"] = .int(model.topics.count)
        context["outlets_href"] = .string(link(path, SitePaths.outlets))
        if theme.templateNames.contains("archive") {
            // Years, newest first, each with its months; undated stories after them.
            var years: [(year: String, months: [TemplateValue])] = []
            var undated: TemplateValue?
            for (key, stories) in archiveMonths {
                let item: TemplateValue = .object(["label": .string(Self.monthLabel(key)), "short": .string(key == "undated" ? "Undated" : String(Self.monthLabel(key).prefix(3))),
                                                   "href": .string(link(path, SitePaths.archive(key))), "stories": .int(stories.count),
                                                   "stories_label": Self.noun(stories.count, "story", "stories")])
                if key == "undated" { undated = item; continue }
                let year = String(key.prefix(4))
                if years.last?.year == year { years[years.count - 1].months.append(item) } else { years.append((year, [item])) }
            }
            context["years"] = .list(years.map { .object(["year": .string($0.year), "months": .list($0.months)]) })
            if let undated { context["undated"] = undated }
            context["has_archive"] = true
        }
        return page(path, template: "search", context)
    }

    /// `archive/<YYYY-MM>/` for every month (and `archive/undated/`): its stories, newest first
    /// report first, as a plain list; `archivePerPage` to a page.
    public func archivePages(only wanted: Set<String>? = nil) -> [OutputFile] {
        guard theme.templateNames.contains("archive") else { return [] }
        let months = archiveMonths
        var files: [OutputFile] = []
        for (m, (key, members)) in months.enumerated() {
            let first = SitePaths.archive(key)
            let stories = members.sorted { a, b in
                let da = model.stories[a].story.firstPublished ?? .distantPast, db = model.stories[b].story.firstPublished ?? .distantPast
                return da != db ? da > db : a < b
            }
            let per = Self.archivePerPage
            let ranges = stride(from: 0, to: max(stories.count, 1), by: per).map { $0..<min(stories.count, $0 + per) }
            for (k, range) in ranges.enumerated() {
                let n = k + 1
                let path = SitePaths.paged(first, n)
                guard wanted?.contains(SitePaths.file(for: path)) ?? true else { continue }
                let label = Self.monthLabel(key)
                var context = base(path: path, title: n == 1 ? label : "\(label), page \(n)", description: key == "undated" ? "Stories whose articles carry no date." : "Stories first reported in \(label).", section: "search")
                context["label"] = .string(label)
                context["undated"] = .bool(key == "undated")
                context["story_count"] = .int(stories.count)
                context["stories_label"] = Self.noun(stories.count, "story", "stories")
                context["search_href"] = .string(link(path, SitePaths.search))
                // (The undated come last: a month is not "newer" than them.)
                if m > 0, key != "undated" { context["newer"] = .object(["label": .string(Self.monthLabel(months[m - 1].key)), "href": .string(link(path, SitePaths.archive(months[m - 1].key)))]) }
                if m + 1 < months.count { context["older"] = .object(["label": .string(Self.monthLabel(months[m + 1].key)), "href": .string(link(path, SitePaths.archive(months[m + 1].key)))]) }
                context["items"] = .list(stories[range].map { i in
                    let entry = model.stories[i]
                    var meta = entry.story.firstPublished.map { [DateText.display($0)] } ?? []
                    meta.append("\(entry.coverage.total) \(entry.coverage.total == 1 ? "source" : "sources")")
                    if let outlets = Self.outletsLine(entry) { meta.append(outlets) }
                    var item: [String: TemplateValue] = ["title": .string(entry.story.title), "href": .string(entry.href(from: path)), "meta": .string(meta.joined(separator: " · "))]
                    if let external = Self.external(entry) { item["external"] = external }
                    return .object(item)
                })
                context["pagination"] = pagination(current: n, total: ranges.count, from: path) { SitePaths.paged(first, $0) }
                files.append(page(path, template: "archive", context))
            }
        }
        return files
    }
}
