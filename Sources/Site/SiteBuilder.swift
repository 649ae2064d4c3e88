import Corpus
import Dispatch
import Foundation
import Markdown
import Stories

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
    /// Where the stages report how far they have got (nil: nowhere).
    public var progress: BuildProgress?

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
public struct BuildReport: Sendable {
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

    /// "load 0.21 s (cpu 0.35) · group 0.02 s (cpu 0.02) · …".
    public var stagesLine: String {
        stages.map { "\($0.name) \(String(format: "%.2f", $0.wall)) s (cpu \(String(format: "%.2f", $0.cpu)), peak \($0.peakBytes / 1_048_576) MB)" }.joined(separator: " · ")
    }

    /// "Built 51 stories from 155 articles: 142 pages, 150 files (12 written) in 0.41 s".
    public var summaryLine: String {
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

        let theme: Theme
        do { theme = try Theme(directories: [templatesDir]) } catch { throw BuildError.input("\(error)") }

        // Outlets.
        var registry = OutletRegistry()
        let outletsPath = contentDir + "/outlets.csv"
        if FileManager.default.fileExists(atPath: outletsPath) {
            do {
                let loaded = try OutletRegistry.load(path: outletsPath)
                registry = loaded.registry
                report.diagnostics += loaded.diagnostics.map { var d = $0; d.location.path = "Content/outlets.csv"; return d }
            } catch { throw BuildError.input("\(error)") }
        }

        // Corpus.
        var cleaning = config.cleaning
        cleaning.jobs = options.jobs
        let loader = CorpusLoader(mapping: config.fields, cleaning: cleaning)
        let read: CorpusLoader.ReadCorpus
        do { read = try loader.read(directory: contentDir + "/corpus", displayPrefix: "Content/corpus") } catch { throw BuildError.input("\(error)") }
        clock.lap("load")
        progress?.advance(by: read.articleCount)
        progress?.stage("clean", unit: "articles")
        let corpus = loader.clean(read)
        clock.lap("clean")
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
        let (stories, problems) = StoryGrouper(registry: registry, options: grouping).group(corpus.articles, corrections: corrections)
        report.diagnostics += problems.map { Diagnostic(.warning, at: SourceLocation(path: "Content/corrections.yml"), $0, "correction skipped") }
        if options.strict && !problems.isEmpty { throw BuildError.strict(report.diagnostics) }
        clock.lap("group")
        progress?.advance(by: stories.count)
        progress?.stage("measure+summarise", total: stories.count, unit: "stories")
        let overrides: [String: StoryOverride]
        do {
            let loaded = try StoryOverrides.load(directory: contentDir + "/stories", display: "Content/stories")
            overrides = loaded.overrides
            report.diagnostics += loaded.diagnostics
        } catch { throw BuildError.input("\(error)") }
        let model = SiteModel(stories: stories, rules: config.rules, overrides: overrides, summary: config.summary, decayDays: config.decayDays, jobs: options.jobs, progress: progress)
        report.diagnostics += model.unusedOverrides.map {
            Diagnostic(.warning, at: SourceLocation(path: $0.display), "no story has the slug \"\($0.slug)\" (its articles may have been regrouped; see stories.json for the current slugs)", "override not applied")
        }
        if options.strict && !model.unusedOverrides.isEmpty { throw BuildError.strict(report.diagnostics) }
        report.stories = model.stories.count
        clock.lap("measure+summarise")
        progress?.stage("markdown", total: model.stories.count, unit: "story pages")
        report.unratedOutlets = model.outlets.filter { !$0.outlet.isListed }.map(\.outlet.name)

        // Render.
        var files: [OutputFile] = []
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

        // Markdown for every story page (DESIGN.md §1), then the pages rendered from it.
        let documents = Parallel.map(model.stories, jobs: options.jobs) { story in
            defer { progress?.advance() }
            return renderer.storyDocument(story)
        }
        clock.lap("markdown")
        progress?.stage("render", total: model.stories.count, unit: "story pages")
        files += Parallel.map(Array(model.stories.indices), jobs: options.jobs) { i in
            defer { progress?.advance() }
            return renderer.storyPage(model.stories[i], document: documents[i])
        }
        if let export = options.exportMarkdown {
            let documents = zip(model.stories, documents).map { OutputFile(path: "stories/\($0.story.slug).md", text: $1.markdown) }
            do { _ = try OutputWriter.write(documents, to: export) } catch { throw BuildError.input("writing Markdown to \(export): \(error)") }
        }
        // The pages around the stories, side by side: each list is independent of the others.
        let sections: [@Sendable () -> [OutputFile]] = [
            { renderer.homePages() }, { [renderer.blindspotPage()] }, { renderer.searchFiles() },
            { renderer.outletPages() }, { renderer.topicPages() }, { pages.map(renderer.contentPage) + [renderer.notFoundPage()] },
        ]
        files += Parallel.map(Array(sections.indices), jobs: options.jobs) { sections[$0]() }.flatMap { $0 }
        report.pages = files.filter { $0.path.hasSuffix(".html") }.count
        files.append(OutputFile(path: "stories.json", text: StoriesJSON.document(model, paths: paths)))
        files += renderer.feedAndDataFiles(htmlPaths: files.map(\.path).filter { $0.hasSuffix(".html") }, jobs: options.jobs)
        report.files = files.count
        clock.lap("render")
        progress?.finish()
        report.stages = clock.stages
        report.seconds = Date().timeIntervalSince(started)
        return (files, report, model)
    }

    /// Builds and replaces the output folder atomically.
    public func build() throws -> BuildReport {
        let started = Date()
        var (files, report, _) = try render()
        var clock = StageClock()
        options.progress?.stage("write", total: files.count, unit: "files")
        do { report.write = try OutputWriter.write(files, to: options.outputPath, progress: options.progress) } catch {
            throw BuildError.input("writing \(options.outputPath): \(error); the previous site is unchanged")
        }
        clock.lap("write")
        options.progress?.finish()
        report.stages += clock.stages
        report.outputPath = options.outputPath
        report.seconds = Date().timeIntervalSince(started)
        return report
    }
}
