import Cleaning
import Foundation
import Support

/// How the corpus is cleaned. Everything is on by default; `sitegen extract --diff` keeps the
/// removed lines for display.
public struct CleaningOptions: Sendable {
    /// Keep each article's removed lines in the report (costs memory on a large corpus).
    public var keepRemovals = false
    /// Learn each outlet's boilerplate from its repeated lines.
    public var learnBoilerplate = true
    public var deduplicate = true
    public var limits = ArticleCleaner.Limits()
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Load only, without cleaning (titles may then be empty): for measuring the cleaner itself.
    public var skip = false
    public init() {}
}

/// What cleaning did to the corpus.
public struct CleaningReport: Sendable {
    public var articles = 0
    public var linesIn = 0
    public var linesRemoved = 0
    public var articlesChanged = 0
    public var titlesFound = 0
    /// Articles whose record named no outlet and no URL, named by their page's own furniture.
    public var outletsFound = 0
    public var duplicates: [DuplicateArticle] = []
    /// Every line of every article, kept or removed, by article id (only with
    /// `CleaningOptions.keepRemovals`).
    public var traces: [String: [TracedLine]] = [:]
    public var seconds = 0.0
    public init() {}
}

/// Runs every loaded article through `ArticleCleaner` (with the boilerplate each outlet repeats,
/// learned from the corpus itself), then drops articles loaded twice.
public enum CorpusCleaner {
    /// Cleans `articles`. With a `cache` (`sitegen serve`), an article cleaned by the last call
    /// with the same title, text and outlet, whose line keys the boilerplate index still judges
    /// the same, keeps that cleaning; the result is the same as without the cache.
    ///
    /// Articles are cleaned `batchSize` at a time and each replaced by its cleaned self: when
    /// the caller hands the array over (keeps no copy), a raw text is let go as soon as its
    /// batch is cleaned, so the raw and the cleaned corpus are never held whole at once.
    public static func clean(_ articles: consuming [Article], options: CleaningOptions = CleaningOptions(), cache: CorpusCache? = nil,
                             batchSize: Int = batchSize) -> (articles: [Article], report: CleaningReport) {
        let started = Date()
        var report = CleaningReport()
        report.articles = articles.count
        if options.skip { return (articles, report) }

        // The cache keeps no removal reasons: `keepRemovals` (extract --diff) cleans everything.
        let cache = options.keepRemovals ? nil : cache
        var memo = cache?.cleaningMemo(settings: "\(options.limits)|\(options.learnBoilerplate)|\(options.deduplicate)|\(BoilerplateIndex.Thresholds())")
        // The next memo is this one plus what is made now. Entries of texts gone are dropped
        // once they outnumber the corpus: then the memo starts again from this corpus.
        if let old = memo, old.cleaned.count > 2 * articles.count + 1_024 {
            memo = CleaningMemo(settings: old.settings)
        }
        let known = memo
        var next = memo ?? CleaningMemo()

        let (index, articleKeys) = options.learnBoilerplate ? learnIndex(articles, known: known, next: &next, jobs: options.jobs) : (nil, [])

        let cleaner = ArticleCleaner(limits: options.limits, index: index)
        let keepRemovals = options.keepRemovals
        var reused = 0, made = 0
        var start = 0
        while start < articles.count {
            let range = start..<min(start + max(1, batchSize), articles.count)
            start = range.upperBound
            let batch = Array(articles[range])
            // Each article comes back cleaned, with what the report counts: no second copy of
            // the batch's text in between.
            let results = Parallel.map(Array(batch.indices), jobs: options.jobs) { k -> (Article, Counts?, CleaningInput?, CleaningOutcome?) in
                var article = batch[k]
                var counts: Counts?
                var input: CleaningInput?
                var outcome: CleaningOutcome?
                if let body = article.body {
                    let outlet = outletKey(article) ?? ""
                    let keys = articleKeys.isEmpty ? [] : articleKeys[range.lowerBound + k] ?? []
                    let verdicts = known == nil ? [] : index.map { $0.verdicts(keys: keys, outlet: outlet) } ?? []
                    if known != nil { input = CleaningInput(title: ExactText(article.title), body: ExactText(body), outlet: ExactText(outlet)) }
                    var trace: [TracedLine]?
                    var reused = false
                    if let input, let before = known?.cleaned[input], before.verdicts == verdicts {
                        outcome = before
                        reused = true
                    } else if let made = CorpusCleaner.outcome(of: article, cleaner: cleaner, verdicts: verdicts, keepTrace: keepRemovals) {
                        outcome = made.outcome
                        trace = made.trace
                    }
                    if let outcome {
                        article.title = outcome.title
                        article.body = outcome.body
                        let named = (article.outlet ?? "").isEmpty ? outcome.siteName : nil
                        if let named { article.outlet = named }
                        counts = Counts(linesIn: outcome.linesIn, removed: outcome.removed, titleFound: outcome.titleFound, outletFound: named != nil, trace: trace, reused: reused)
                    }
                }
                if article.title.isEmpty { article.title = article.id }
                return (article, counts, input, input == nil ? nil : outcome)
            }
            for (k, (article, counts, input, outcome)) in results.enumerated() {
                if let counts {
                    report.linesIn += counts.linesIn
                    report.linesRemoved += counts.removed
                    if counts.removed > 0 { report.articlesChanged += 1 }
                    if counts.titleFound { report.titlesFound += 1 }
                    if counts.outletFound { report.outletsFound += 1 }
                    if let trace = counts.trace { report.traces[article.id] = trace }
                    if counts.reused { reused += 1 } else { made += 1 }
                }
                if let input, let outcome, counts?.reused != true { next.cleaned[input] = outcome }
                articles[range.lowerBound + k] = article
            }
        }

        var cleaned = articles
        if options.deduplicate { cleaned = dropDuplicates(cleaned, report: &report, known: known, next: &next, jobs: options.jobs) }
        cache?.keep(next, reused: reused, cleaned: made, cleaner: cleaner)
        report.seconds = Date().timeIntervalSince(started)
        return (cleaned, report)
    }

    /// How many articles are cleaned at a time (in parallel) before their raw texts are let go.
    public static let batchSize = 2_048

    /// Each outlet's boilerplate, learned from the line keys of every article (taken from the
    /// memo for a text cleaned before); the keys of new texts go into `next`.
    private static func learnIndex(_ articles: [Article], known: CleaningMemo?, next: inout CleaningMemo, jobs: Int) -> (BoilerplateIndex?, [[UInt64]?]) {
        // Lines are measured twice, for the index and then for the cleaning: the measures of a
        // whole corpus at once took more memory (800 MB for AllSides) than all the rest.
        var built = BoilerplateIndex()
        let template = built
        let measured = Parallel.map(articles, jobs: jobs) { article -> (keys: [UInt64], new: Bool)? in
            guard let body = article.body else { return nil }
            if let keys = known?.lineKeys[ExactText(body)] { return (keys, false) }
            return (template.keys(of: measure(body)), true)
        }
        var counted: [(keys: [UInt64], outlet: String, day: Int32)] = []
        counted.reserveCapacity(articles.count)
        for (article, measure) in zip(articles, measured) {
            guard let (keys, new) = measure else { continue }
            if new, known != nil { next.lineKeys[ExactText(article.body!)] = keys }
            guard let outlet = outletKey(article) else { continue }
            counted.append((keys, outlet, day(article)))
        }
        built.add(all: counted, jobs: jobs)
        return (built, measured.map { $0?.keys })
    }

    /// `articles` without the copies of an article loaded twice, each reported.
    private static func dropDuplicates(_ articles: [Article], report: inout CleaningReport, known: CleaningMemo?, next: inout CleaningMemo, jobs: Int) -> [Article] {
        var dedup = Deduplicator()
        dedup.jobs = jobs
        var sketches: [ExactText: [UInt64]] = [:]
        let found = dedup.duplicates(in: articles, known: known?.sketches, keep: known == nil ? nil : { made in sketches = made })
        for (text, sketch) in sketches { next.sketches[text] = sketch }
        report.duplicates = found.map {
            DuplicateArticle(dropped: articles[$0.dropped].id, droppedAt: articles[$0.dropped].origin,
                             kept: articles[$0.kept].id, keptAt: articles[$0.kept].origin, why: $0.why)
        }
        let drop = Set(found.map(\.dropped))
        guard !drop.isEmpty else { return articles }
        return articles.enumerated().filter { !drop.contains($0.offset) }.map(\.element)
    }

    /// A body's lines, measured as the cleaner reads them.
    static func measure(_ body: String) -> [LineShape] { ArticleCleaner.joinBrokenLines(ArticleCleaner.lines(of: body)) }

    /// One article through `cleaner` (nil when it has no body). `verdicts` are what the memo
    /// keeps with it.
    static func outcome(of article: Article, cleaner: ArticleCleaner, verdicts: [UInt8], keepTrace: Bool) -> (outcome: CleaningOutcome, trace: [TracedLine]?)? {
        guard let body = article.body else { return nil }
        let result = cleaner.clean(title: article.title.isEmpty ? nil : article.title, lines: measure(body), outlet: outletKey(article) ?? "")
        let anonymous = (article.outlet ?? "").isEmpty && (article.url ?? "").isEmpty
        let outcome = CleaningOutcome(verdicts: verdicts, title: result.title, body: result.paragraphs.isEmpty ? nil : result.paragraphs.joined(separator: "\n\n"),
                                      linesIn: result.linesIn, removed: result.removals.count, titleFound: result.titleFound,
                                      siteName: anonymous ? SiteNameInText.find(in: result.removals) : nil)
        return (outcome, keepTrace ? result.trace : nil)
    }

    /// What the report keeps of one article's cleaning.
    private struct Counts: Sendable {
        var linesIn: Int
        var removed: Int
        var titleFound: Bool
        var outletFound: Bool
        var trace: [TracedLine]?
        /// Taken from the cache rather than cleaned again.
        var reused: Bool
    }

    /// The outlet as the boilerplate index knows it: its name, else its URL's host; nil when the
    /// article names neither (then only the generic rules apply to it).
    static func outletKey(_ article: Article) -> String? {
        if let outlet = article.outlet, !outlet.isEmpty { return outlet.lowercased() }
        return article.url.flatMap { URLComponents(string: $0)?.host?.lowercased() }
    }

    /// Day number of publication; undated articles each get a day of their own.
    static func day(_ article: Article) -> Int32 {
        if let published = article.published { return Int32(clamping: DateText.dayNumber(published)) }
        return Int32(truncatingIfNeeded: BoilerplateIndex.hash(article.id)) | Int32.min
    }
}
