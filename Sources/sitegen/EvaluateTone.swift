import ArgumentParser
import Corpus
import Foundation
import SiteModel
import Stories
import Support

/// `sitegen evaluate-tone`: the tone of every story of a corpus as a build groups it — the spread
/// of scores and bands, and random stories to read blind, with the scores apart.
struct EvaluateTone: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "evaluate-tone",
        abstract: "Measure story tone over a corpus: the spread of scores, and samples for a blind reading.",
        discussion: """
        The stories are the build's (the outlets and settings of <root>/Content, as evaluate-grouping \
        uses them). --sample prints stories of two or more outlets with each article's headline and \
        lead and no score, for a reader to label; --answers prints the scores of the same stories.
        """)

    @Argument(help: ArgumentHelp("Corpus files or folders.", valueName: "path"))
    var paths: [String]

    @Option(name: .long, help: ArgumentHelp("The site whose outlets.csv and site.yml are used.", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: ArgumentHelp("Print this many random stories of two or more outlets to read blind.", valueName: "n"))
    var sample = 0

    @Option(name: .long, help: ArgumentHelp("The seed of --sample's random pick.", valueName: "s"))
    var seed: UInt64 = 1

    @Option(name: .customLong("sentences"), help: ArgumentHelp("Sentences of each article read, the headline's included (default 60).", valueName: "n"))
    var sentences = 60

    @Flag(name: .long, help: "With --sample: print each sampled story's score, band and weightiest words instead of its text.")
    var answers = false

    func run() throws {
        let content = (root as NSString).appendingPathComponent("Content")
        let siteYML = (content as NSString).appendingPathComponent("site.yml")
        let config = FileManager.default.fileExists(atPath: siteYML) ? try SiteConfig.load(path: siteYML, display: siteYML) : SiteConfig()
        let outletsCSV = (content as NSString).appendingPathComponent("outlets.csv")
        let registry = FileManager.default.fileExists(atPath: outletsCSV) ? try OutletRegistry.load(path: outletsCSV).registry : OutletRegistry()
        let loaded = CorpusLoader(cleaning: config.cleaning).load(paths: paths)
        Report.diagnostics(loaded.diagnostics.filter { $0.severity == .error }, verbose: false)
        let stories = StoryGrouper(registry: registry, options: config.grouping).group(loaded.articles)
        let started = Date()
        let startCPU = EvaluateGrouping.cpuSeconds()
        let tones = Parallel.map(stories, jobs: ProcessInfo.processInfo.activeProcessorCount) {
            StoryTone.measure($0.articles.map(\.article), thresholds: config.tone, sentenceLimit: sentences)
        }
        let seconds = Date().timeIntervalSince(started)
        let cpu = EvaluateGrouping.cpuSeconds() - startCPU
        let multi = stories.indices.filter { Set(stories[$0].articles.map(\.sourceKey)).count > 1 }
        if sample > 0 {
            var generator = SeededRandom(seed: seed)
            for (n, i) in multi.shuffled(using: &generator).prefix(sample).enumerated() {
                let story = stories[i]
                if answers {
                    switch tones[i] {
                    case .success(let t):
                        print(String(format: "%d\t%@\t%+.3f\t%@\t%@ | %@", n + 1, story.slug, t.score, t.band.rawValue,
                                     t.negativeWords.joined(separator: ","), t.positiveWords.joined(separator: ",")))
                    case .failure(let why): print("\(n + 1)\t\(story.slug)\tnone\t\(why)")
                    }
                    continue
                }
                print("\n## Story \(n + 1) (\(story.articles.count) articles)")
                for a in story.articles {
                    let lead = SentenceSpace.sentences(of: a.article, limit: 3).joined(separator: " ")
                    let excerpt = lead.count > 400 ? String(lead.prefix(400)) + "…" : lead
                    print("- \(a.outlet?.name ?? a.article.outlet ?? "(no outlet)") · \(a.article.title)\n  \(excerpt)")
                }
            }
            return
        }
        for (name, set) in [("all stories", Array(stories.indices)), ("stories of two or more outlets", multi)] {
            let scores = set.compactMap { try? tones[$0].get().score }.sorted()
            guard !scores.isEmpty else { continue }
            func q(_ p: Double) -> Double { scores[min(scores.count - 1, Int(p * Double(scores.count)))] }
            var bands: [ToneBand: Int] = [:]
            for i in set { if case .success(let t) = tones[i] { bands[t.band, default: 0] += 1 } }
            print(String(format: "%@: %d with a tone of %d; p10 %+.3f p25 %+.3f median %+.3f p75 %+.3f p90 %+.3f",
                         name, scores.count, set.count, q(0.1), q(0.25), q(0.5), q(0.75), q(0.9)))
            print("  " + ToneBand.allCases.map { "\($0.rawValue) \(bands[$0] ?? 0)" }.joined(separator: ", "))
        }
        print(String(format: "Tone: %.2f s wall, %.2f s CPU", seconds, cpu))
    }
}
