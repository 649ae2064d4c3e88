import Corpus
import Feeds
import Foundation
import Markdown
import Output
import SiteModel
import Stories
import Support

/// Runs the pipeline: load → group → measure → Markdown → render → write, as DESIGN.md §1 draws it.
public struct SiteBuilder {
    public var options: BuildOptions

    public init(options: BuildOptions) {
        self.options = options
    }

    /// Everything up to the files, kept in memory: the files, the report, the model, and the
    /// URL scheme the pages were made for. Writes nothing.
    public func render() throws -> (files: [OutputFile], report: BuildReport, model: SiteModel, paths: SitePaths) {
        let sink = FileSink(session: nil)
        let (report, model, paths) = try render(into: sink)
        return (sink.files, report, model, paths)
    }

    /// The pipeline, every file handed to `sink` as soon as it is made.
    func render(into sink: FileSink) throws -> (report: BuildReport, model: SiteModel, paths: SitePaths) {
        let started = Date()
        var run = Pipeline(options: options)
        let site = try run.readSite()
        defer { site.theme.memo?.finish() }
        let (corpus, corpusKey) = try run.loadCorpus(site)
        let grouped = try run.group(corpus, corpusKey: corpusKey, site: site)
        let model = try run.measure(grouped, site: site)

        var inputs = try run.prepareRender(model, site: site)
        options.progress?.stage("render", total: model.stories.count { $0.hasPage }, unit: "story pages")
        let pageCache = run.storyPageCache(inputs, sink: sink)
        let data = run.planData(&inputs, model: model, paths: site.paths, pageCache: pageCache)
        run.renderFirstPages(inputs, model: model)
        try run.renderStoryPages(inputs, model: model, pageCache: pageCache, sink: sink)
        let feeds = SiteFeeds(config: site.config, paths: site.paths, model: model)
        run.renderListPages(inputs, model: model, feeds: feeds, data: data, sink: sink)
        run.renderData(feeds: feeds, sink: sink)
        run.report.pagesReused = site.theme.memo?.hits ?? 0
        if let cache = options.cache, let reading = run.reading {
            cache.preview.store(QuickPreview.state(inputs: run.previewInputs, renderer: inputs.renderer, registry: site.registry, mode: grouped.mode, reading: reading), key: "")
        }
        run.clock.lap("render")
        options.progress?.finish()
        if let failure = sink.failure { throw failure }
        run.report.stages = run.clock.stages
        run.report.seconds = Date().timeIntervalSince(started)
        return (run.report, model, site.paths)
    }

    /// Builds and replaces the output folder atomically. Files are written as they are rendered
    /// (into a staging folder, see `OutputSession`), so the site is never held in memory whole.
    public func build() throws -> BuildReport {
        let started = Date()
        var clock = StageClock()
        // Nothing changed since the last build: the site in the output folder is this build's.
        // (Not for the rebuilds of `serve`: they follow an edit, and would only pay for the check.)
        let stamped = options.exportMarkdown == nil && !(options.cache?.isWarm ?? false)
        let stamp = stamped && !options.force ? BuildStamp.load(root: options.root) : nil
        // The inputs' fingerprint (kept for the next build) and the output folder's, side by side.
        let options = self.options
        // (The input key reads only files changed since the last one; the output folder's
        // fingerprint walks on every core.)
        let made = stamped ? BuildStamp.key(options: options, previous: stamp) : nil
        let key = made?.key
        if let key, let stamp, stamp.key == key, stamp.outputs == BuildStamp.outputs(at: options.outputPath) {
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
        func pageCache() -> StoryPageCache? { options.cache?.storyPages.latest }
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
        if let made {
            BuildStamp(key: made.key, outputs: BuildStamp.outputs(at: options.outputPath), report: report, inputs: made.inputs, keyMadeAt: made.madeAt).save(root: options.root)
        }
        return report
    }
}

