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
    /// Records the names every page's values hold (`sitegen check`).
    public var templateKeys: ContextKeys?
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
    /// `<root>/Content` and `<root>/Templates`: the site's inputs.
    public var contentPath: String { (root as NSString).appendingPathComponent("Content") }
    public var templatesPath: String { (root as NSString).appendingPathComponent("Templates") }
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
        var kept = storyPagesKept > 0 ? "; \(storyPagesKept) story pages kept from the last build" : ""
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

