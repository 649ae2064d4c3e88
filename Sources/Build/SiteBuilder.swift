import Corpus
import Dispatch
import Feeds
import Foundation
import Markdown
import Output
import Render
import SiteModel
import Stories
import Support

/// What `sitegen build` is asked to do.
public struct BuildOptions: Sendable {
    /// The site folder: `Content/` (site.yml, corpus/, outlets.csv, pages/) and `Templates/`.
    public var root: String
    public var output: String?
    public var baseURL: String?
    public var strict = false
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Overrides `grouping.by` of site.yml.
    public var groupBy: GroupingOptions.Mode?
    /// Also write every story page's Markdown, with front matter, into this folder (for other
    /// generators and the benchmark).
    public var exportMarkdown: String?
    /// Run the pipeline even when nothing changed since the last build (see `BuildStamp`).
    public var force = false
    /// Stage results kept from earlier builds of this process (`sitegen serve`).
    public var cache: BuildCache?
    /// Where the stages report how far they have got (nil: nowhere).
    public var progress: BuildProgress?
    /// Pages to make first (output paths such as `stories/<slug>/index.html` or `index.html`):
    /// `serve` passes the pages open in a browser, so that they reload before the rest is
    /// rendered. Story, home, outlet, topic, blindspot and content pages can be made first; the
    /// search page and the 404 page are made in their turn.
    public var firstPages: Set<String> = []
    /// Receives the first pages of this build, with the theme's assets they link to, as soon as
    /// they are made and long before the build ends; they are the files the build will write
    /// (nil: not asked for). Not called when none of them is a page of this build that can be.
    public var onFirstPages: (@Sendable ([OutputFile]) -> Void)?
    /// Receives `QuickPreview`'s pages when the corpus alone changed, by a few articles, since
    /// the last build of this process (`serve`): made from that build's stories, long before
    /// this build's exact ones (nil: not asked for).
    public var onPreview: (@Sendable ([OutputFile]) -> Void)?

    public init(root: String, output: String? = nil, baseURL: String? = nil, strict: Bool = false, jobs: Int? = nil) {
        self.root = root
        self.output = output
        self.baseURL = baseURL
        self.strict = strict
        if let jobs { self.jobs = max(1, jobs) }
    }

    public var outputPath: String { output ?? (root as NSString).appendingPathComponent("Public") }
}

/// What a build did, for the closing line and for `check`.
public struct BuildReport: Sendable, Codable {
    public var articles = 0
    public var stories = 0
    public var pages = 0
    public var files = 0
    public var seconds = 0.0
    public var diagnostics: [Diagnostic] = []
    public var corpus = CorpusStats()
    public var unratedOutlets: [String] = []
    public var write = WriteReport()
    public var outputPath = ""
    /// Advice that is not a problem of the input ("base_url has no host: …").
    public var notes: [String] = []
    /// Wall and CPU seconds per stage (load, group, measure, render, write).
    public var stages: [StageTime] = []
    /// True when nothing changed since the last build and the pipeline did not run.
    public var upToDate = false
    /// Files are written while the pages render: the thread time that took, summed over threads
    /// (it is inside the render stage's wall time; the write stage is the final swap).
    public var streamedWriteSeconds = 0.0
    /// The story pages rendered (not kept) and the time that took, inside the render stage:
    /// the figure to set beside another generator rendering the same pages.
    public var storyPagesRendered = 0
    public var storyPagesTime: StageTime?
    /// Story pages `serve` kept from its last build because nothing they show changed.
    public var storyPagesKept = 0
    /// Likewise the stories' `story.json` files.
    public var storyJSONKept = 0
    /// Other pages whose text `serve` took from its last build: same template, equal context.
    public var pagesReused = 0
    /// Corpus files and articles `serve` took from its last build instead of reading or
    /// cleaning them again (nil when the corpus was not loaded, or without the cache).
    public var corpusReused: CorpusReuse?

    public struct CorpusReuse: Sendable, Codable, Equatable {
        public var files: Int
        public var filesRead: Int
        public var articles: Int
        public var articlesCleaned: Int
    }

    /// "load 0.21 s (cpu 0.35) · group 0.02 s (cpu 0.02) · …".
    public var stagesLine: String {
        let line = stages.map { "\($0.name) \(String(format: "%.2f", $0.wall)) s (cpu \(String(format: "%.2f", $0.cpu)), peak \($0.peakBytes / 1_048_576) MB)" }.joined(separator: " · ")
        var kept = storyPagesKept + storyJSONKept > 0 ? "; \(storyPagesKept) story pages and \(storyJSONKept) story.json kept from the last build" : ""
        if pagesReused > 0 { kept += "; \(pagesReused) other pages reused" }
        if let r = corpusReused, r.files + r.articles > 0 {
            kept += "; corpus files reused \(r.files), read \(r.filesRead); articles' cleaning reused \(r.articles), cleaned \(r.articlesCleaned)"
        }
        var parts = line
        if let t = storyPagesTime, storyPagesRendered > 0 {
            parts += "; of render, \(storyPagesRendered) story pages " + String(format: "%.2f s (cpu %.2f)", t.wall, t.cpu)
        }
        guard streamedWriteSeconds > 0 else { return parts + kept }
        return parts + String(format: "; files compared and written during render: %.2f s of thread time", streamedWriteSeconds) + kept
    }

    /// "Built 51 stories from 155 articles: 142 pages, 150 files (12 written) in 0.41 s".
    public var summaryLine: String {
        if upToDate {
            return "Up to date: \(stories) stories from \(articles) articles, \(pages) pages, \(files) files; nothing changed since the last build (checked in \(String(format: "%.2f", seconds)) s; --force rebuilds)"
        }
        let written = write.added + write.updated
        return "Built \(stories) stories from \(articles) articles: \(pages) pages, \(files) files (\(written) written, \(write.removed) removed) in \(String(format: "%.2f", seconds)) s"
    }
}

/// Why a build stopped without touching the output.
public enum BuildError: Error, CustomStringConvertible {
    case input(String)
    case strict([Diagnostic])

    public var description: String {
        switch self {
        case let .input(message): return message
        case let .strict(list): return "--strict: \(list.count) problem\(list.count == 1 ? "" : "s") in the input (listed above); nothing was written"
        }
    }
}

/// Runs the pipeline: load → group → measure → Markdown → render → write, as DESIGN.md §1 draws it.
public struct SiteBuilder {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    var contentDir: String { (options.root as NSString).appendingPathComponent("Content") }
    var templatesDir: String { (options.root as NSString).appendingPathComponent("Templates") }

    /// Everything up to the files: the model, the files, and the report so far. Writes nothing.
    public func render() throws -> (files: [OutputFile], report: BuildReport, model: SiteModel) {
        let sink = FileSink(session: nil)
        let (report, model) = try render(into: sink)
        return (sink.files, report, model)
    }

    /// The pipeline, every file handed to `sink` as soon as it is made.
    func render(into sink: FileSink) throws -> (report: BuildReport, model: SiteModel) {
        let started = Date()
        var clock = StageClock()
        let progress = options.progress
        progress?.stage("load", unit: "articles")
        var report = BuildReport()
        var config: SiteConfig
        do {
            config = try SiteConfig.load(path: contentDir + "/site.yml", display: "Content/site.yml")
        } catch { throw BuildError.input("\(error)") }
        if let base = options.baseURL { config.baseURL = base }
        let paths = SitePaths(baseURL: config.baseURL)
        if !paths.isAbsolute {
            report.notes.append("base_url \"\(config.baseURL)\" has no scheme and host: feeds, sitemap.xml and canonical links need one to be absolute (set base_url in Content/site.yml or pass --base-url https://…)")
        }

        let cache = options.cache
        let themeKey = cache == nil ? "" : BuildCache.mark(templatesDir)
        var theme: Theme
        if let hit: Theme = cache?.value("theme", key: themeKey) { theme = hit } else {
            do { theme = try Theme(directories: [templatesDir]) } catch { throw BuildError.input("\(error)") }
            cache?.store("theme", key: themeKey, theme)
        }
        // The memo outlives a template edit: its pages are keyed by the templates they used.
        theme.memo = cache?.renders
        defer { theme.memo?.finish() }

        // Outlets.
        let outletsPath = contentDir + "/outlets.csv"
        let outletsKey = cache == nil ? "" : BuildCache.mark(outletsPath)
        var registry = OutletRegistry()
        if let hit: (OutletRegistry, [Diagnostic]) = cache?.value("outlets", key: outletsKey) {
            registry = hit.0
            report.diagnostics += hit.1
        } else if FileManager.default.fileExists(atPath: outletsPath) {
            do {
                let loaded = try OutletRegistry.load(path: outletsPath)
                registry = loaded.registry
                let diagnostics = loaded.diagnostics.map { var d = $0; d.location.path = "Content/outlets.csv"; return d }
                report.diagnostics += diagnostics
                cache?.store("outlets", key: outletsKey, (registry, diagnostics))
            } catch { throw BuildError.input("\(error)") }
        }

        // Corpus.
        var cleaning = config.cleaning
        cleaning.jobs = options.jobs
        let corpusKey = cache == nil ? "" : BuildCache.mark(contentDir + "/corpus") + "|\(config.fields)|\(cleaning)"
        // Every input but the corpus, for the quick preview of a corpus edit (`QuickPreview`).
        let previewInputs = cache == nil ? "" : ([themeKey, outletsKey] + ["site.yml", "corrections.yml", "stories", "pages", "outlet-ratings.csv"].map { BuildCache.mark(contentDir + "/" + $0) }
            + ["\(config.fields)|\(cleaning)|\(config.grouping)|\(options.groupBy?.rawValue ?? "")|\(options.baseURL ?? "")"]).joined(separator: "|")
        var previewBefore: QuickPreview.State? = cache?.latest("preview")
        // What the corpus holds, for the next preview: nil when no state matches it (after a
        // build that failed once it had read the corpus), until the corpus is read again.
        var reading = previewBefore.map(QuickPreview.Reading.init(of:))
        let corpus: LoadedCorpus
        if let hit: LoadedCorpus = cache?.value("corpus", key: corpusKey) {
            corpus = hit
            clock.lap("load+clean (unchanged)")
        } else {
            var loader = CorpusLoader(mapping: config.fields, cleaning: cleaning)
            loader.cache = cache?.corpus
            let read: CorpusLoader.ReadCorpus
            do { read = try loader.read(directory: contentDir + "/corpus", displayPrefix: "Content/corpus") } catch { throw BuildError.input("\(error)") }
            if let corpusCache = cache?.corpus {
                let files = corpusCache.filesOfRead, fromDisk = corpusCache.filesReadFromDisk
                var now = QuickPreview.Reading(read.articles, files: files, fromDisk: fromDisk, previous: previewBefore, jobs: options.jobs)
                clock.lap("load")
                if let onPreview = options.onPreview, let state = previewBefore, state.inputs == previewInputs,
                   let changes = QuickPreview.changes(now, since: state),
                   let made = QuickPreview.pages(for: changes, state: state, clean: corpusCache.quickClean, grouping: cache?.grouping, open: options.firstPages) {
                    onPreview(made)
                    clock.lap("quick preview")
                }
                now.fresh = [] // not the raw corpus's text, through the whole build
                reading = now
                // Until this build ends, no state matches the corpus: a build that fails from
                // here on leaves none, and the next one makes no preview.
                cache?.remove("preview")
            } else {
                clock.lap("load")
            }
            progress?.advance(by: read.articleCount)
            progress?.stage("clean", unit: "articles")
            corpus = loader.clean(read)
            clock.lap("clean")
            if let c = cache?.corpus { report.corpusReused = BuildReport.CorpusReuse(files: c.filesReused, filesRead: c.filesRead, articles: c.articlesReused, articlesCleaned: c.articlesCleaned) }
            cache?.store("corpus", key: corpusKey, corpus)
        }
        previewBefore = nil // not the last model beside this build's
        progress?.advance(by: corpus.articles.count)
        progress?.stage("group", unit: "stories")
        report.diagnostics += corpus.diagnostics
        report.corpus = corpus.stats
        report.articles = corpus.articles.count
        if options.strict && !report.diagnostics.isEmpty { throw BuildError.strict(report.diagnostics) }

        // Group (then the editor's corrections) and measure.
        let corrections: GroupingCorrections
        do { corrections = try CorrectionsFile.load(path: contentDir + "/corrections.yml", display: "Content/corrections.yml") } catch {
            throw BuildError.input("\(error)")
        }
        var grouping = config.grouping
        grouping.jobs = options.jobs
        if let mode = options.groupBy { grouping.mode = mode }
        let groupingKey = cache == nil ? "" : corpusKey + "|" + outletsKey + "|\(grouping)|" + BuildCache.mark(contentDir + "/corrections.yml")
        let stories: [Story], problems: [String]
        if let hit: ([Story], [String]) = cache?.value("group", key: groupingKey) {
            (stories, problems) = hit
        } else {
            (stories, problems) = StoryGrouper(registry: registry, options: grouping).group(corpus.articles, corrections: corrections, cache: cache?.grouping)
            cache?.store("group", key: groupingKey, (stories, problems))
        }
        report.diagnostics += problems.map { Diagnostic(.warning, at: SourceLocation(path: "Content/corrections.yml"), $0, "correction skipped") }
        if options.strict && !problems.isEmpty { throw BuildError.strict(report.diagnostics) }
        clock.lap("group")
        progress?.advance(by: stories.count)
        progress?.stage("measure+summarise", total: stories.count, unit: "stories")
        let modelKey = cache == nil ? "" : groupingKey + "|" + BuildCache.mark(contentDir + "/stories") + "|\(config.rules)|\(config.summary)|\(config.decayDays)"
        let model: SiteModel
        if let hit: (SiteModel, [Diagnostic]) = cache?.value("model", key: modelKey) {
            model = hit.0
            report.diagnostics += hit.1
        } else {
            let overrides: [String: StoryOverride]
            let loaded: (overrides: [String: StoryOverride], diagnostics: [Diagnostic])
            do { loaded = try StoryOverrides.load(directory: contentDir + "/stories", display: "Content/stories") } catch { throw BuildError.input("\(error)") }
            overrides = loaded.overrides
            report.diagnostics += loaded.diagnostics
            let previous: (SiteModel, [Diagnostic])? = cache?.latest("model")
            model = SiteModel(stories: stories, rules: config.rules, overrides: overrides, summary: config.summary, decayDays: config.decayDays,
                              jobs: options.jobs, progress: progress, previous: previous?.0)
            cache?.store("model", key: modelKey, (model, loaded.diagnostics))
        }
        report.diagnostics += model.unusedOverrides.map {
            Diagnostic(.warning, at: SourceLocation(path: $0.display), "no story has the slug \"\($0.slug)\" (its articles may have been regrouped; see stories.json for the current slugs)", "override not applied")
        }
        if options.strict && !model.unusedOverrides.isEmpty { throw BuildError.strict(report.diagnostics) }
        report.stories = model.stories.count
        clock.lap("measure+summarise")
        report.unratedOutlets = model.outlets.filter { !$0.outlet.isListed }.map(\.outlet.name)

        // Render.
        var files: [OutputFile] = []
        defer { sink.put(files) }
        var stylesheet = "site.css"
        for name in theme.assets.keys.sorted() {
            let data = theme.assets[name]!
            if name == "site.css" {
                stylesheet = "site.\(Fingerprint.of(data).prefix(10)).css"
                files.append(OutputFile(path: stylesheet, data: data))
            } else {
                files.append(OutputFile(path: name, data: data))
            }
        }
        let pages: [ContentPage]
        do { pages = try ContentPage.loadAll(directory: contentDir + "/pages", display: "Content/pages", config: config) } catch {
            throw BuildError.input("\(error)")
        }
        var outletRatings = OutletRatings()
        let ratingsPath = contentDir + "/outlet-ratings.csv"
        if FileManager.default.fileExists(atPath: ratingsPath) {
            do {
                let loaded = try OutletRatings.load(path: ratingsPath, display: "Content/outlet-ratings.csv")
                outletRatings = loaded.ratings
                report.diagnostics += loaded.diagnostics
            } catch { throw BuildError.input("\(error)") }
        }
        let renderer = PageRenderer(theme: theme, config: config, paths: paths, model: model, stylesheet: stylesheet, ratings: outletRatings)

        // Markdown for every story page (DESIGN.md §1), then the pages rendered from it, a batch
        // of stories at a time: the pages go to the sink (to disk, in a build) as they are made.
        progress?.stage("render", total: model.stories.count, unit: "story pages")
        let exportSession: OutputSession?
        do { exportSession = try options.exportMarkdown.map { try OutputSession(output: $0) } } catch {
            throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(error)")
        }
        // In `serve`, a story page made from the same inputs as last time stays as it is.
        let pageCache: StoryPageCache? = {
            guard let cache, exportSession == nil, sink.canKeep else { return nil }
            // The templates a story page is rendered with, not the whole theme: an edit to
            // another template keeps the story pages.
            let site = BuildCache.mark(contentDir + "/site.yml") + "|" + String(theme.fingerprint(of: "story"), radix: 16) + "|" + stylesheet + "|" + (options.baseURL ?? "")
            if let old: StoryPageCache = cache.latest("story-pages"), old.site == site { return old }
            let fresh = StoryPageCache(site: site)
            cache.store("story-pages", key: site, fresh)
            return fresh
        }()
        if let onFirstPages = options.onFirstPages, !options.firstPages.isEmpty {
            let wanted = options.firstPages
            let stories = model.stories.filter { wanted.contains(SitePaths.file(for: $0.path)) }
            // (In `serve`, a page made here comes from the render memo when its turn comes.)
            var first = stories.map { renderer.storyPage($0, document: renderer.storyDocument($0)) }
            first += renderer.homePages(only: wanted) + renderer.outletPages(only: wanted) + renderer.topicPages(only: wanted)
            if wanted.contains(SitePaths.file(for: SitePaths.blindspot)) { first.append(renderer.blindspotPage()) }
            first += pages.filter { wanted.contains(SitePaths.file(for: SitePaths.page($0.name))) }.map(renderer.contentPage)
            if !first.isEmpty { onFirstPages(files + first) }
        }
        var start = 0
        while start < model.stories.count {
            let batch = Array(start..<min(start + 1024, model.stories.count))
            start = batch.last! + 1
            let inputs = pageCache.map { _ in Parallel.map(batch, jobs: options.jobs) { StoryPageCache.Inputs(model.stories[$0], in: model) } }
            let kept: [Bool] = batch.indices.map { k in
                guard let pageCache, let inputs else { return false }
                let path = SitePaths.file(for: model.stories[batch[k]].path)
                guard let size = pageCache.size(of: path, inputs: inputs[k]), sink.keepOne(path, size: size) else { return false }
                pageCache.record(path, inputs: inputs[k], size: size)
                progress?.advance()
                return true
            }
            report.storyPagesKept += kept.filter { $0 }.count
            let documents = Parallel.map(Array(batch.indices), jobs: options.jobs) { k in kept[k] ? nil : renderer.storyDocument(model.stories[batch[k]]) }
            if let exportSession {
                let markdown = batch.indices.map { k in OutputFile(path: "stories/\(model.stories[batch[k]].story.slug).md", text: documents[k]!.markdown) }
                if let failure = exportSession.add(all: markdown, jobs: options.jobs) {
                    exportSession.abandon()
                    throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(failure)")
                }
            }
            clock.lap("markdown")
            let pages = Parallel.map(Array(batch.indices), jobs: options.jobs) { k -> OutputFile? in
                guard let document = documents[k] else { return nil }
                defer { progress?.advance() }
                let page = renderer.storyPage(model.stories[batch[k]], document: document)
                if let pageCache, let inputs { pageCache.record(page.path, inputs: inputs[k], size: page.data.count) }
                return sink.putOne(page)
            }
            sink.put(pages.compactMap { $0 })
            let lap = clock.lap("render")
            report.storyPagesRendered += documents.filter { $0 != nil }.count
            var time = report.storyPagesTime ?? StageTime(name: "story pages", wall: 0, cpu: 0, peakBytes: 0)
            time.wall += lap.wall
            time.cpu += lap.cpu
            time.peakBytes = max(time.peakBytes, lap.peakBytes)
            report.storyPagesTime = time
        }
        if let exportSession {
            do { _ = try exportSession.commit() } catch { throw BuildError.input("writing Markdown to \(options.exportMarkdown ?? ""): \(error)") }
        }
        // The pages around the stories, side by side: each list is independent of the others.
        let lists = renderer.withCardCharts(jobs: options.jobs)
        let feeds = SiteFeeds(config: config, paths: paths, model: model)
        let sections: [@Sendable () -> [OutputFile]] = [
            { lists.homePages() }, { [lists.blindspotPage()] }, { (lists.searchPage().map { [$0] } ?? []) + [feeds.searchIndex()] },
            { lists.outletPages() }, { lists.topicPages() }, { pages.map(lists.contentPage) + [lists.notFoundPage()] },
        ]
        files += Parallel.map(Array(sections.indices), jobs: options.jobs) { sections[$0]() }.flatMap { $0 }
        // Each story's JSON, for stories.json and its own story.json. In `serve`, a story whose
        // entry did not change keeps its JSON, and its story.json stays on disk.
        let madeJSON = Parallel.map(model.stories, jobs: options.jobs) { entry -> (text: String, kept: Bool) in
            if let text = pageCache?.json(for: entry) {
                pageCache?.recordJSON(text, for: entry)
                return (text, sink.keepOne(SitePaths.storyJSON(entry.story.slug), size: text.utf8.count + 1))
            }
            let text = StoriesJSON.story(entry, paths: paths).serialized
            pageCache?.recordJSON(text, for: entry)
            return (text, false)
        }
        let storyJSON = madeJSON.map(\.text)
        report.storyJSONKept = madeJSON.filter(\.kept).count
        files.append(OutputFile(path: "stories.json", text: StoriesJSON.document(stories: storyJSON)))
        sink.put(files)
        files = []
        let htmlPaths = sink.paths.filter { $0.hasSuffix(".html") }
        report.pages = htmlPaths.count
        sink.put(feeds.files(htmlPaths: htmlPaths, jobs: options.jobs, storyJSON: storyJSON, storyJSONKept: madeJSON.map(\.kept)))
        report.files = sink.paths.count
        report.pagesReused = theme.memo?.hits ?? 0
        if let cache, let reading {
            cache.store("preview", key: "", QuickPreview.state(inputs: previewInputs, renderer: renderer, registry: registry, mode: grouping.mode, reading: reading))
        }
        clock.lap("render")
        progress?.finish()
        if let failure = sink.failure { throw failure }
        report.stages = clock.stages
        report.seconds = Date().timeIntervalSince(started)
        return (report, model)
    }

    /// Builds and replaces the output folder atomically. Files are written as they are rendered
    /// (into a staging folder, see `OutputSession`), so the site is never held in memory whole.
    public func build() throws -> BuildReport {
        let started = Date()
        var clock = StageClock()
        // Nothing changed since the last build: the site in the output folder is this build's.
        // (Not for the rebuilds of `serve`: they follow an edit, and would only pay for the check.)
        let stamped = options.exportMarkdown == nil && !(options.cache?.isWarm ?? false)
        let key = stamped ? BuildStamp.key(options: options, contentDir: contentDir, templatesDir: templatesDir) : nil
        if !options.force, let key, let stamp = BuildStamp.load(root: options.root), stamp.key == key,
           stamp.outputs == BuildStamp.outputs(at: options.outputPath) {
            var report = stamp.report
            clock.lap("up-to-date check")
            report.upToDate = true
            report.streamedWriteSeconds = 0
            report.storyPagesRendered = 0
            report.storyPagesTime = nil
            report.write = WriteReport(unchanged: report.files)
            report.stages = clock.stages
            report.outputPath = options.outputPath
            report.seconds = Date().timeIntervalSince(started)
            return report
        }
        BuildStamp.remove(root: options.root)
        let session: OutputSession
        do { session = try OutputSession(output: options.outputPath, mode: options.cache != nil ? .overlay : .swap) } catch {
            throw BuildError.input("writing \(options.outputPath): \(error); the previous site is unchanged")
        }
        let sink = FileSink(session: session)
        var report: BuildReport
        // The story pages `serve` keeps count from the next build on only if this one lands.
        func pageCache() -> StoryPageCache? { options.cache?.latest("story-pages") }
        do { report = try render(into: sink).report } catch {
            session.abandon()
            pageCache()?.discard()
            if let failure = sink.failure { throw BuildError.input("writing \(options.outputPath): \(failure); the previous site is unchanged") }
            throw error
        }
        clock = StageClock()
        options.progress?.stage("write", total: report.files, unit: "files")
        do { report.write = try session.commit() } catch {
            session.abandon()
            pageCache()?.discard()
            // An overlay (`serve`) that fails midway has said so in its error: the site is partly updated.
            throw BuildError.input("writing \(options.outputPath): \(error)" + (options.cache == nil ? "; the previous site is unchanged" : ""))
        }
        pageCache()?.finish()
        options.progress?.advance(by: report.files)
        clock.lap("write")
        report.streamedWriteSeconds = session.threadSeconds
        options.progress?.finish()
        report.stages += clock.stages
        report.outputPath = options.outputPath
        report.seconds = Date().timeIntervalSince(started)
        if let key { BuildStamp(key: key, outputs: BuildStamp.outputs(at: options.outputPath), report: report).save(root: options.root) }
        return report
    }
}

/// Where the pipeline's files go: kept in memory for the caller (`render()`), or handed to an
/// `OutputSession` at once (`build()`), from any thread.
final class FileSink: @unchecked Sendable {
    private let session: OutputSession?
    private let lock = NSLock()
    private(set) var files: [OutputFile] = []
    private(set) var paths: [String] = []
    private(set) var failure: Error?

    init(session: OutputSession?) {
        self.session = session
    }

    /// Takes a file from a worker thread: written now (nil returned), or given back to be kept,
    /// in order, by `put`.
    func putOne(_ file: OutputFile) -> OutputFile? {
        guard let session else { return file }
        do { try session.add(file) } catch { record(error) }
        lock.lock()
        paths.append(file.path)
        lock.unlock()
        return nil
    }

    /// Whether `keepOne` can keep files already in the output folder (a build writing to disk).
    var canKeep: Bool { session != nil }

    /// Keeps the output folder's file at `path` (see `OutputSession.keep`); false when it cannot.
    func keepOne(_ path: String, size: Int) -> Bool {
        guard let session else { return false }
        do {
            guard try session.keep(path, size: size) else { return false }
        } catch {
            record(error)
            return false
        }
        lock.lock()
        paths.append(path)
        lock.unlock()
        return true
    }

    /// Takes files in order: kept, or written in parallel.
    func put(_ batch: [OutputFile]) {
        guard !batch.isEmpty else { return }
        guard let session else {
            lock.lock()
            files += batch
            paths += batch.map(\.path)
            lock.unlock()
            return
        }
        if let first = session.add(all: batch) { record(OutputError.io(session.description, first)) }
        lock.lock()
        paths += batch.map(\.path)
        lock.unlock()
    }

    private func record(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
}
