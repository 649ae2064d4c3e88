import Corpus
import Feeds
import Foundation
import Markdown
import Output
import Render
import SiteModel
import Stories
import Support

/// What every page is made from besides the corpus: the config, the theme, the outlets, and the
/// fingerprints of each (empty outside `serve`) that key the later stages' results.
struct SiteInputs {
    var config: SiteConfig
    var paths: SitePaths
    var theme: Theme
    var registry: OutletRegistry
    var themeKey = ""
    var outletsKey = ""
}

/// The stories grouped from a corpus, and the fingerprint of everything that grouping read.
struct GroupedStories {
    var stories: [Story]
    var mode: GroupingOptions.Mode
    var key: String
}

/// The pipeline of DESIGN.md §1 as stage functions, each taking the previous one's typed output:
/// `readSite` → `loadCorpus` (load and clean) → `group` → `measure` → `renderStoryPages`,
/// `renderListPages`, `renderData`. `SiteBuilder` wires them; each stage keeps its result in
/// `BuildCache` (in `serve`) keyed by the fingerprint of its inputs, and laps its time on `clock`.
struct Pipeline {
    let options: BuildOptions
    var clock = StageClock()
    var report = BuildReport()
    /// What the corpus holds, for the next build's quick preview (`serve` only).
    var reading: QuickPreview.Reading?
    /// Every input but the corpus, for the quick preview of a corpus edit.
    var previewInputs = ""

    init(options: BuildOptions) {
        self.options = options
    }

    var cache: BuildCache? { options.cache }
    var progress: BuildProgress? { options.progress }
    var contentDir: String { options.contentPath }
    var templatesDir: String { options.templatesPath }

    func mark(_ name: String) -> String { cache == nil ? "" : BuildCache.mark(contentDir + "/" + name) }

    /// Any error of an input file, as the build reports it.
    func input<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let error as BuildError { throw error } catch { throw BuildError.input("\(error)") }
    }

    /// site.yml, the theme and outlets.csv.
    mutating func readSite() throws -> SiteInputs {
        progress?.stage("load", unit: "articles")
        var config = try input { try SiteConfig.load(path: contentDir + "/site.yml", display: "Content/site.yml") }
        if let base = options.baseURL { config.baseURL = base }
        let paths = SitePaths(baseURL: config.baseURL)
        if !paths.isAbsolute {
            report.notes.append("base_url \"\(config.baseURL)\" has no scheme and host: feeds, sitemap.xml and canonical links need one to be absolute (set base_url in Content/site.yml or pass --base-url https://…)")
        }
        let themeKey = cache == nil ? "" : BuildCache.mark(templatesDir)
        var theme: Theme
        if let hit = cache?.theme.value(for: themeKey) { theme = hit } else {
            theme = try input { try Theme(directories: [templatesDir]) }
            cache?.theme.store(theme, key: themeKey)
        }
        // The memo outlives a template edit: its pages are keyed by the templates they used.
        theme.memo = cache?.renders
        if let keys = options.templateKeys {
            theme.keys = keys
            keys.library = theme.library
        }
        let outletsKey = mark("outlets.csv")
        let registry = try loadOutlets(key: outletsKey)
        return SiteInputs(config: config, paths: paths, theme: theme, registry: registry, themeKey: themeKey, outletsKey: outletsKey)
    }

    private mutating func loadOutlets(key: String) throws -> OutletRegistry {
        if let hit = cache?.outlets.value(for: key) {
            report.diagnostics += hit.diagnostics
            return hit.registry
        }
        let path = contentDir + "/outlets.csv"
        guard FileManager.default.fileExists(atPath: path) else { return OutletRegistry() }
        let loaded = try input { try OutletRegistry.load(path: path) }
        let diagnostics = loaded.diagnostics.map { var d = $0; d.location.path = "Content/outlets.csv"; return d }
        report.diagnostics += diagnostics
        cache?.outlets.store((loaded.registry, diagnostics), key: key)
        return loaded.registry
    }

    /// The corpus, read and cleaned. In `serve`, files and articles an edit left alone are
    /// reused, and a quick preview of a small corpus edit is handed out before cleaning.
    mutating func loadCorpus(_ site: SiteInputs) throws -> (corpus: LoadedCorpus, key: String) {
        var cleaning = site.config.cleaning
        cleaning.jobs = options.jobs
        let key = mark("corpus") + (cache == nil ? "" : "|\(site.config.fields)|\(cleaning)")
        if cache != nil {
            previewInputs = ([site.themeKey, site.outletsKey] + ["site.yml", "corrections.yml", "stories", "pages", "outlet-ratings.csv"].map(mark)
                + ["\(site.config.fields)|\(cleaning)|\(site.config.grouping)|\(options.groupBy?.rawValue ?? "")|\(options.baseURL ?? "")"]).joined(separator: "|")
        }
        let previous = cache?.preview.latest
        // What the corpus holds, for the next preview: nil when no state matches it (after a
        // build that failed once it had read the corpus), until the corpus is read again.
        reading = previous.map(QuickPreview.Reading.init(of:))
        let corpus: LoadedCorpus
        if let hit = cache?.cleaned.value(for: key) {
            corpus = hit
            clock.lap("load+clean (unchanged)")
        } else {
            var loader = CorpusLoader(mapping: site.config.fields, cleaning: cleaning)
            loader.cache = cache?.corpus
            let read = try input { try loader.read(directory: contentDir + "/corpus", displayPrefix: "Content/corpus") }
            if let corpusCache = cache?.corpus {
                preview(read, corpusCache: corpusCache, previous: previous)
            } else {
                clock.lap("load")
            }
            progress?.advance(by: read.articleCount)
            progress?.stage("clean", unit: "articles")
            // Handed over: the raw texts go as they are cleaned.
            corpus = loader.clean(consume read)
            clock.lap("clean")
            if let c = cache?.corpus { report.corpusReused = BuildReport.CorpusReuse(files: c.filesReused, filesRead: c.filesRead, articles: c.articlesReused, articlesCleaned: c.articlesCleaned) }
            cache?.cleaned.store(corpus, key: key)
        }
        progress?.advance(by: corpus.articles.count)
        report.diagnostics += corpus.diagnostics
        report.corpus = corpus.stats
        report.articles = corpus.articles.count
        if options.strict && !report.diagnostics.isEmpty { throw BuildError.strict(report.diagnostics) }
        return (corpus, key)
    }

    /// `serve`: the pages a small corpus edit changes, from the last build's stories, before
    /// this build cleans and groups anything.
    private mutating func preview(_ read: CorpusLoader.ReadCorpus, corpusCache: CorpusCache, previous: QuickPreview.State?) {
        var now = QuickPreview.Reading(read.articles, files: corpusCache.filesOfRead, fromDisk: corpusCache.filesReadFromDisk, previous: previous, jobs: options.jobs)
        clock.lap("load")
        if let onPreview = options.onPreview, let state = previous, state.inputs == previewInputs,
           let changes = QuickPreview.changes(now, since: state),
           let made = QuickPreview.pages(for: changes, state: state, clean: corpusCache.quickClean, grouping: cache?.grouping, open: options.firstPages) {
            onPreview(made)
            clock.lap("quick preview")
        }
        now.fresh = [] // not the raw corpus's text, through the whole build
        reading = now
        // Until this build ends, no state matches the corpus: a build that fails from here on
        // leaves none, and the next one makes no preview.
        cache?.preview.clear()
    }

    /// Articles into stories (by key or by text), then the editor's corrections.
    mutating func group(_ corpus: LoadedCorpus, corpusKey: String, site: SiteInputs) throws -> GroupedStories {
        progress?.stage("group", unit: "stories")
        let corrections = try input { try CorrectionsFile.load(path: contentDir + "/corrections.yml", display: "Content/corrections.yml") }
        var grouping = site.config.grouping
        grouping.jobs = options.jobs
        if let mode = options.groupBy { grouping.mode = mode }
        let key = cache == nil ? "" : corpusKey + "|" + site.outletsKey + "|\(grouping)|" + mark("corrections.yml")
        let made: (stories: [Story], problems: [String])
        if let hit = cache?.grouped.value(for: key) { made = hit } else {
            made = StoryGrouper(registry: site.registry, options: grouping).group(corpus.articles, corrections: corrections, cache: cache?.grouping)
            cache?.grouped.store(made, key: key)
        }
        report.diagnostics += made.problems.map { Diagnostic(.warning, at: SourceLocation(path: "Content/corrections.yml"), $0, "correction skipped") }
        if options.strict && !made.problems.isEmpty { throw BuildError.strict(report.diagnostics) }
        clock.lap("group")
        progress?.advance(by: made.stories.count)
        return GroupedStories(stories: made.stories, mode: grouping.mode, key: key)
    }

    /// Every story measured and summarised, the editor's overrides applied, outlets and topics indexed.
    mutating func measure(_ grouped: GroupedStories, site: SiteInputs) throws -> SiteModel {
        progress?.stage("measure+summarise", total: grouped.stories.count, unit: "stories")
        let config = site.config
        let key = cache == nil ? "" : grouped.key + "|" + mark("stories") + "|\(config.rules)|\(config.summary)|\(config.decayDays)|\(config.tone)|\(config.singleArticlePages)"
        let model: SiteModel
        if let hit = cache?.measured.value(for: key) {
            model = hit.model
            report.diagnostics += hit.diagnostics
        } else {
            let loaded = try input { try StoryOverrides.load(directory: contentDir + "/stories", display: "Content/stories") }
            report.diagnostics += loaded.diagnostics
            model = SiteModel(stories: grouped.stories, rules: config.rules, overrides: loaded.overrides, summary: config.summary, tone: config.tone, decayDays: config.decayDays,
                              singleArticlePages: config.singleArticlePages, jobs: options.jobs, progress: progress, previous: cache?.measured.latest?.model)
            cache?.measured.store((model, loaded.diagnostics), key: key)
        }
        report.diagnostics += model.unusedOverrides.map {
            Diagnostic(.warning, at: SourceLocation(path: $0.display), "no story has the slug \"\($0.slug)\" (its articles may have been regrouped; see stories.json for the current slugs)", "override not applied")
        }
        if options.strict && !model.unusedOverrides.isEmpty { throw BuildError.strict(report.diagnostics) }
        report.stories = model.stories.count
        clock.lap("measure+summarise")
        report.unratedOutlets = model.outlets.filter { !$0.outlet.isListed }.map(\.outlet.name)
        return model
    }
}
