import Corpus
import Feeds
import Foundation
import Markdown
import Output
import Render
import SiteModel
import Stories
import Support

/// What the render stages need beside the model: the renderer, the theme's assets (the
/// stylesheet fingerprinted) and the editor's pages.
struct RenderInputs {
    var renderer: PageRenderer
    var assets: [OutputFile]
    var pages: [ContentPage]
    var stylesheet: String
}

/// Every story's JSON, in the site's order, and the shards of `data/` that hold it.
struct StoryData {
    var texts: [String]
    var plan: StoryShards
}

extension Pipeline {
    /// The theme's assets, `Content/pages/`, `Content/outlet-ratings.csv`, and the renderer over them.
    mutating func prepareRender(_ model: SiteModel, site: SiteInputs) throws -> RenderInputs {
        var assets: [OutputFile] = []
        var stylesheet = "site.css"
        for name in site.theme.assets.keys.sorted() {
            let data = site.theme.assets[name]!
            if name == "site.css" {
                stylesheet = "site.\(Fingerprint.of(data).prefix(10)).css"
                assets.append(OutputFile(path: stylesheet, data: data))
            } else {
                assets.append(OutputFile(path: name, data: data))
            }
        }
        let pages = try input { try ContentPage.loadAll(directory: contentDir + "/pages", display: "Content/pages", config: site.config) }
        var ratings = OutletRatings()
        let ratingsPath = contentDir + "/outlet-ratings.csv"
        if FileManager.default.fileExists(atPath: ratingsPath) {
            let loaded = try input { try OutletRatings.load(path: ratingsPath, display: "Content/outlet-ratings.csv") }
            ratings = loaded.ratings
            report.diagnostics += loaded.diagnostics
        }
        let renderer = PageRenderer(theme: site.theme, config: site.config, paths: site.paths, model: model, stylesheet: stylesheet, ratings: ratings)
        return RenderInputs(renderer: renderer, assets: assets, pages: pages, stylesheet: stylesheet)
    }

    /// `serve`: the pages open in a browser, made before all others (`BuildOptions.firstPages`).
    func renderFirstPages(_ inputs: RenderInputs, model: SiteModel) {
        guard let onFirstPages = options.onFirstPages, !options.firstPages.isEmpty else { return }
        let wanted = options.firstPages, renderer = inputs.renderer
        let stories = model.stories.filter { $0.hasPage && wanted.contains(SitePaths.file(for: $0.path)) }
        // (In `serve`, a page made here comes from the render memo when its turn comes.)
        var first = stories.map { renderer.storyPage($0, document: renderer.storyDocument($0)) }
        first += renderer.homePages(only: wanted) + renderer.outletPages(only: wanted) + renderer.topicPages(only: wanted) + renderer.archivePages(only: wanted)
        if wanted.contains(SitePaths.file(for: SitePaths.blindspot)) { first.append(renderer.blindspotPage()) }
        first += inputs.pages.filter { wanted.contains(SitePaths.file(for: SitePaths.page($0.name))) }.map(renderer.contentPage)
        if !first.isEmpty { onFirstPages(inputs.assets + first) }
    }

    /// `serve`: the story pages and stories' JSON of the last build, kept while their inputs are the same.
    func storyPageCache(_ inputs: RenderInputs, sink: FileSink) -> StoryPageCache? {
        guard let cache, options.exportMarkdown == nil, sink.canKeep else { return nil }
        // The templates a story page is rendered with, not the whole theme: an edit to another
        // template keeps the story pages.
        let site = mark("site.yml") + "|" + String(inputs.renderer.theme.fingerprint(of: "story"), radix: 16) + "|" + inputs.stylesheet + "|" + (options.baseURL ?? "")
        if let old = cache.storyPages.latest, old.site == site { return old }
        let fresh = StoryPageCache(site: site)
        cache.storyPages.store(fresh, key: site)
        return fresh
    }

    /// Markdown for every story page (DESIGN.md §1), then the pages rendered from it, a batch of
    /// stories at a time: the pages go to the sink (to disk, in a build) as they are made.
    mutating func renderStoryPages(_ inputs: RenderInputs, model: SiteModel, pageCache: StoryPageCache?, sink: FileSink) throws {
        let export: OutputSession?
        do { export = try options.exportMarkdown.map { try OutputSession(output: $0) } } catch {
            throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(error)")
        }
        // Stories without a page (one article, linked to where it was published) have no
        // Markdown either.
        let withPages = model.stories.indices.filter { model.stories[$0].hasPage }
        var start = 0
        while start < withPages.count {
            let batch = Array(withPages[start..<min(start + 1024, withPages.count)])
            start += batch.count
            let documents = storyDocuments(batch, inputs: inputs, model: model, pageCache: pageCache, sink: sink)
            if let export {
                let markdown = batch.indices.map { k in OutputFile(path: "stories/\(model.stories[batch[k]].story.slug).md", text: documents[k].document!.markdown) }
                if let failure = export.add(all: markdown, jobs: options.jobs) {
                    export.abandon()
                    throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(failure)")
                }
            }
            clock.lap("markdown")
            let renderer = inputs.renderer, progress = progress
            let pages = Parallel.map(Array(batch.indices), jobs: options.jobs) { k -> OutputFile? in
                guard let document = documents[k].document else { return nil }
                defer { progress?.advance() }
                let page = renderer.storyPage(model.stories[batch[k]], document: document)
                if let pageCache, let key = documents[k].inputs { pageCache.record(page.path, inputs: key, size: page.data.count) }
                return sink.putOne(page)
            }
            sink.put(pages.compactMap { $0 })
            let lap = clock.lap("render")
            report.storyPagesRendered += documents.filter { $0.document != nil }.count
            var time = report.storyPagesTime ?? StageTime(name: "story pages", wall: 0, cpu: 0, peakBytes: 0)
            time.wall += lap.wall
            time.cpu += lap.cpu
            time.peakBytes = max(time.peakBytes, lap.peakBytes)
            report.storyPagesTime = time
        }
        if let export {
            do { _ = try export.commit() } catch { throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(error)") }
        }
    }

    /// The Markdown documents of a batch of stories; none for a page `serve` keeps as it is
    /// (same inputs as last time), which counts as made.
    private mutating func storyDocuments(_ batch: [Int], inputs: RenderInputs, model: SiteModel, pageCache: StoryPageCache?,
                                         sink: FileSink) -> [(document: StoryDocument?, inputs: StoryPageCache.Inputs?)] {
        let shards = inputs.renderer.dataShards
        let keys = pageCache.map { _ in
            Parallel.map(batch, jobs: options.jobs) { StoryPageCache.Inputs(model.stories[$0], in: model, dataShard: shards[model.stories[$0].story.slug]) }
        }
        let kept: [Bool] = batch.indices.map { k in
            guard let pageCache, let keys else { return false }
            let path = SitePaths.file(for: model.stories[batch[k]].path)
            guard let size = pageCache.size(of: path, inputs: keys[k]), sink.keepOne(path, size: size) else { return false }
            pageCache.record(path, inputs: keys[k], size: size)
            progress?.advance()
            return true
        }
        report.storyPagesKept += kept.filter { $0 }.count
        let renderer = inputs.renderer
        let documents = Parallel.map(Array(batch.indices), jobs: options.jobs) { k in kept[k] ? nil : renderer.storyDocument(model.stories[batch[k]]) }
        return batch.indices.map { (documents[$0], keys?[$0]) }
    }

    /// Every story's JSON and the shards of `data/` that hold it (stories.json is their index),
    /// made before the story pages, which link to their shard. The renderer learns each story's
    /// shard.
    func planData(_ inputs: inout RenderInputs, model: SiteModel, paths: SitePaths, pageCache: StoryPageCache?) -> StoryData {
        let texts = Parallel.map(model.stories, jobs: options.jobs) { entry -> String in
            if let text = pageCache?.json(for: entry) {
                pageCache?.recordJSON(text, for: entry)
                return text
            }
            let text = StoriesJSON.story(entry, paths: paths).serialized
            pageCache?.recordJSON(text, for: entry)
            return text
        }
        let plan = StoryShards(keys: model.stories.map { StoryShards.key($0.story.firstPublished) },
                               slugs: model.stories.map(\.story.slug), sizes: texts.map(\.utf8.count))
        var shards: [String: String] = [:]
        shards.reserveCapacity(model.stories.count)
        for shard in plan.shards { for m in shard.members { shards[model.stories[m].story.slug] = shard.path } }
        inputs.renderer.dataShards = shards
        return StoryData(texts: texts, plan: plan)
    }

    /// The pages around the stories, side by side (each list is independent of the others), and
    /// stories.json with its shards.
    mutating func renderListPages(_ inputs: RenderInputs, model: SiteModel, feeds: SiteFeeds, data: StoryData, sink: FileSink) {
        let lists = inputs.renderer.withCardCharts(jobs: options.jobs)
        let pages = inputs.pages
        // Written as each list is made when the sink writes (a build): the lists and shards of a
        // large corpus are hundreds of megabytes, never all needed in memory at once (the outlet
        // and topic pages go one by one). Kept in memory, they keep their order.
        let streams = sink.canKeep
        let write: @Sendable (OutputFile) -> Void = { _ = sink.putOne($0) }
        let emit = streams ? write : nil
        let sections: [@Sendable () -> [OutputFile]] = [
            { lists.homePages() }, { [lists.blindspotPage()] }, { (lists.searchPage().map { [$0] } ?? []) + feeds.searchFiles() }, { lists.archivePages() },
            { lists.outletPages(emit: emit) }, { lists.topicPages(emit: emit) }, { pages.map(lists.contentPage) + [lists.notFoundPage()] },
        ]
        sink.put(inputs.assets)
        let made = Parallel.map(Array(sections.indices), jobs: options.jobs) { k -> [OutputFile] in
            let files = sections[k]()
            guard streams else { return files }
            sink.put(files)
            return []
        }
        sink.put(made.flatMap { $0 })
        sink.put([OutputFile(path: "stories.json", text: StoriesJSON.index(data.plan, model: model, paths: feeds.paths, top: inputs.renderer.config.storiesPerPage))])
        let shards = data.plan.shards
        let batch = streams ? max(1, options.jobs) * 4 : max(1, shards.count)
        for start in stride(from: 0, to: shards.count, by: batch) {
            let part = Array(shards[start..<min(start + batch, shards.count)])
            sink.put(Parallel.map(part, jobs: options.jobs) { OutputFile(path: $0.path, text: StoriesJSON.shard($0, stories: data.texts)) })
        }
    }

    /// Feeds, OPML, the sitemap of every HTML page made, robots.txt.
    mutating func renderData(feeds: SiteFeeds, sink: FileSink) {
        let htmlPaths = sink.paths.filter { $0.hasSuffix(".html") }
        report.pages = htmlPaths.count
        sink.put(feeds.files(htmlPaths: htmlPaths, jobs: options.jobs))
        report.files = sink.paths.count
    }
}
