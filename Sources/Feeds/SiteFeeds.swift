import Corpus
import Foundation
import Output
import SiteModel
import Support

/// The site's machine-readable files, made from the model alone.
public struct SiteFeeds: Sendable {
    public let config: SiteConfig
    public let paths: SitePaths
    public let model: SiteModel

    public init(config: SiteConfig, paths: SitePaths, model: SiteModel) {
        self.config = config
        self.paths = paths
        self.model = model
    }

    /// The search data in `search/`: its meta, word chunks and story chunks (`SearchIndex`).
    public func searchFiles() -> [OutputFile] {
        SearchIndex.files(model)
    }

    /// Every machine-readable file of the site (DESIGN.md §5), from the model alone:
    /// `feed.xml` (newest stories), `topics/<slug>/feed.xml`, `outlets/<slug>/feed.xml`,
    /// `blindspot/feed.xml` (Atom; see `AtomFeed` for which stories and dates), `outlets.opml`,
    /// `sitemap.xml` of `htmlPaths` (the HTML files of the build, as output paths) and
    /// `robots.txt`. (Each story's JSON is in the shards of `data/`, `StoriesJSON`.)
    public func files(htmlPaths: [String], jobs: Int = 1) -> [OutputFile] {
        let fallback = model.stories.compactMap(\.story.lastUpdated).max() ?? Date(timeIntervalSince1970: 0)
        func stories(_ indices: [Int]) -> [StoryEntry] {
            indices.compactMap { model.stories.indices.contains($0) ? model.stories[$0] : nil }
        }
        var feeds = [AtomFeed(title: config.title, subtitle: config.description, path: SitePaths.feed, pagePath: "", stories: model.stories)]
        feeds += model.topics.map { topic in
            AtomFeed(title: "\(topic.name) · \(config.title)", subtitle: "Stories about \(topic.name).",
                     path: SitePaths.feed(in: topic.path), pagePath: topic.path, stories: stories(topic.stories))
        }
        feeds += model.outlets.map { outlet in
            AtomFeed(title: "\(outlet.outlet.name) · \(config.title)", subtitle: "Stories covered by \(outlet.outlet.name), with every other outlet that covered them.",
                     path: SitePaths.feed(in: outlet.path), pagePath: outlet.path, stories: stories(outlet.stories))
        }
        feeds.append(AtomFeed(title: "Blindspots · \(config.title)", subtitle: "Stories that outlets of one side barely cover.",
                              path: SitePaths.feed(in: SitePaths.blindspot), pagePath: SitePaths.blindspot,
                              stories: model.stories.filter { $0.coverage.blindspot != nil }))

        var files = Parallel.map(feeds, jobs: jobs) { feed in
            OutputFile(path: feed.path, text: feed.xml(paths: paths, siteTitle: config.title, language: config.language, fallbackUpdated: fallback))
        }
        files.append(OutputFile(path: "outlets.opml", text: OPML.document(outlets: model.outlets, paths: paths, siteTitle: config.title)))
        files += Sitemap.files(htmlPaths: htmlPaths, model: model, paths: paths)
        files.append(OutputFile(path: "robots.txt", text: Sitemap.robots(paths: paths)))
        return files
    }
}
