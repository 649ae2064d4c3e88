import ArgumentParser
import Corpus
import Foundation
import SiteModel
import Stories
import Support

/// `sitegen evaluate-grouping`: groups a labelled corpus by similarity with its labels hidden and
/// scores the result against them.
struct EvaluateGrouping: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-grouping",
        abstract: "Score the similarity grouping against known stories (B-cubed precision, recall, F1).",
        discussion: """
        The corpus's `story` field is the truth; it is hidden from the grouping. With --labels, the \
        truth comes from a CSV (id, story) instead and the other articles act as distractors. With \
        --undated, publication dates are removed too, so that text alone must tell events apart. \
        The grouping is the build's: the outlets of <root>/Content/outlets.csv and the grouping and \
        cleaning settings of <root>/Content/site.yml, when they exist (the options below override them).
        """)

    @Argument(help: ArgumentHelp("Corpus files or folders.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("The site whose outlets.csv and site.yml the grouping uses, as a build of it does.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("CSV with columns id and story giving the true stories.", valueName: "csv"))
    var labels: String?

    @Flag(name: .long, help: "Remove publication dates before grouping.")
    var undated = false

    @Flag(name: .customLong("no-dedup"), help: "Keep articles loaded twice (as a corpus built with `cleaning: { deduplicate: false }` does).")
    var noDedup = false

    @Option(name: .long, help: ArgumentHelp("Merge threshold (default 0.08, with links outside both articles' nearest neighbours counted half).", valueName: "x"))
    var threshold: Double?

    @Option(name: .customLong("window-days"), help: ArgumentHelp("Date window (default 7).", valueName: "days"))
    var windowDays: Int?

    @Option(name: .customLong("undated-factor"), help: ArgumentHelp("Scale of a similarity involving an undated article (default 0.6).", valueName: "x"))
    var undatedFactor: Double?

    @Option(name: .customLong("same-day-boost"), help: ArgumentHelp("Scale of a similarity of two articles of the same day (default 1.8).", valueName: "x"))
    var sameDayBoost: Double?

    @Option(name: .customLong("member-cosine"), help: ArgumentHelp("Plain text similarity each member of a story needs with one other member, whatever the dates (default 0.115; 0: off).", valueName: "x"))
    var memberCosine: Double?

    @Option(name: .long, help: ArgumentHelp("Print this many stories of two or more outlets, picked at random, to read: each article's outlet, date, headline and first 300 characters.", valueName: "n"))
    var sample = 0

    @Option(name: .long, help: ArgumentHelp("The seed of --sample's random pick (the same seed, the same stories).", valueName: "s"))
    var seed: UInt64 = 2026

    @Option(name: .long, help: ArgumentHelp("Print this many of the largest predicted stories that mix true stories.", valueName: "n"))
    var mistakes = 0

    @Option(name: .customLong("write-stories"), help: ArgumentHelp("Write each article's predicted story to this CSV (id, story), to compare two groupings or study one.", valueName: "csv"))
    var writeStories: String?

    func run() throws {
        let content = (root as NSString).appendingPathComponent("Content")
        let siteYML = (content as NSString).appendingPathComponent("site.yml")
        let hasSiteYML = FileManager.default.fileExists(atPath: siteYML)
        let config = hasSiteYML ? try SiteConfig.load(path: siteYML, display: siteYML) : SiteConfig()
        let outletsCSV = (content as NSString).appendingPathComponent("outlets.csv")
        let hasOutlets = FileManager.default.fileExists(atPath: outletsCSV)
        let registry = hasOutlets ? try OutletRegistry.load(path: outletsCSV).registry : OutletRegistry()
        FileHandle.standardError.write(Data("Grouping as a build of \(root) groups: outlets from \(hasOutlets ? outletsCSV : "no outlets.csv (every outlet unrated)"), settings from \(hasSiteYML ? siteYML : "the defaults")\n".utf8))
        var cleaning = config.cleaning
        cleaning.deduplicate = !noDedup
        let loaded = CorpusLoader(cleaning: cleaning).load(paths: paths)
        Report.diagnostics(loaded.diagnostics.filter { $0.severity == .error }, verbose: false)
        var articles = loaded.articles
        var truth: [String?] = articles.map(\.storyKey)
        if let labels {
            let table = try CSVTable(path: labels)
            guard let idColumn = table.header.firstIndex(of: "id"), let storyColumn = table.header.firstIndex(of: "story") else {
                Report.error("\(labels): needs columns id and story")
                throw ExitCode.failure
            }
            var byID: [String: String] = [:]
            for row in table.records where row.fields.count > max(idColumn, storyColumn) { byID[row.fields[idColumn]] = row.fields[storyColumn] }
            truth = articles.map { byID[$0.id] }
        }
        for i in articles.indices {
            articles[i].storyKey = nil
            if undated {
                articles[i].published = nil
                articles[i].publishedInferred = nil
            }
        }
        var options = config.grouping
        options.mode = .similarity
        options.related = 0
        if let threshold { options.clustering.threshold = threshold }
        if let windowDays { options.clustering.windowDays = windowDays }
        if let undatedFactor { options.clustering.undatedFactor = undatedFactor }
        if let sameDayBoost { options.clustering.sameDayBoost = sameDayBoost }
        if let memberCosine { options.clustering.memberCosine = memberCosine }
        let started = Date()
        let startCPU = Self.cpuSeconds()
        let stories = StoryGrouper(registry: registry, options: options).group(articles)
        let seconds = Date().timeIntervalSince(started)
        let cpu = Self.cpuSeconds() - startCPU
        var predicted: [String: String] = [:]
        for story in stories { for a in story.articles { predicted[a.article.id] = story.key } }
        let score = GroupingScore(predicted: articles.map { predicted[$0.id]! }, truth: truth)
        print("\(articles.count) articles\(undated ? " (dates removed)" : "") → \(stories.count) stories, \(stories.filter { $0.articles.count > 1 }.count) with more than one article")
        print(score)
        print(String(format: "Grouping: %.2f s wall, %.2f s CPU; peak memory of the process %.0f MB", seconds, cpu, Self.peakMegabytes()))
        if let writeStories {
            var csv = "id,story\n"
            for a in articles { csv += "\(CSVTable.field(a.id)),\(CSVTable.field(predicted[a.id]!))\n" }
            try Data(csv.utf8).write(to: URL(fileURLWithPath: writeStories))
        }
        if sample > 0 { printSample(stories) }
        if mistakes > 0 { printMistakes(stories, articles: articles, truth: truth) }
    }

    /// `--sample`: random stories of more than one outlet, each article with its outlet, day,
    /// headline and lead, for a blind reading.
    func printSample(_ stories: [Story]) {
        var generator = SeededRandom(seed: seed)
        let multi = stories.filter { Set($0.articles.map(\.sourceKey)).count > 1 }
        for (n, story) in multi.shuffled(using: &generator).prefix(sample).enumerated() {
            print("\n## Story \(n + 1): \(story.slug) (\(story.articles.count) articles)")
            for a in story.articles {
                let day = a.article.published.map(DateText.day)
                    ?? a.article.publishedInferred.map { "\($0.display) (inferred \($0.source.phrase))" } ?? "undated"
                let lead = (a.article.body ?? "").replacingOccurrences(of: "\n", with: " ")
                let excerpt = lead.count > 300 ? String(lead.prefix(300)) + "…" : lead
                print("- \(a.outlet?.name ?? a.article.outlet ?? "(no outlet)") · \(day) · \(a.article.title)\n  \(excerpt)")
            }
        }
    }

    /// `--mistakes`: the largest predicted stories that mix labelled stories.
    func printMistakes(_ stories: [Story], articles: [Article], truth: [String?]) {
        let index = Dictionary(uniqueKeysWithValues: zip(articles.map(\.id), truth))
        let mixed = stories.filter { Set($0.articles.compactMap { index[$0.article.id] ?? nil }).count > 1 }
            .sorted { $0.articles.count > $1.articles.count }
        for story in mixed.prefix(mistakes) {
            print("\n\(story.slug):")
            for a in story.articles {
                print("  [\(index[a.article.id].flatMap { $0 } ?? "-")] \(a.article.outlet ?? "?"): \(a.article.title)")
            }
        }
    }

    static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_utime.tv_sec + usage.ru_stime.tv_sec) + Double(usage.ru_utime.tv_usec + usage.ru_stime.tv_usec) / 1e6
    }

    static func peakMegabytes() -> Double {
        var usage = rusage()
        getrusage(RUSAGE_SELF.rawValue, &usage)
        return Double(usage.ru_maxrss) / 1024
    }
}
