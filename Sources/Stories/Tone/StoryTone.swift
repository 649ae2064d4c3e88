import Corpus
import Foundation

/// Where a tone falls: the thresholds are on the mean compound score of a story's articles.
public enum ToneBand: String, Sendable, CaseIterable {
    case negative, neutral, positive

    public init(score: Double, thresholds: ToneThresholds = ToneThresholds()) {
        self = score <= thresholds.negative ? .negative : score >= thresholds.positive ? .positive : .neutral
    }
}

/// The limits of the neutral band; `site.yml` may change them (`tone: { negative:, positive: }`).
///
/// The band is not centred on zero. VADER's lexicon was rated for social media, where words that
/// are routine in news ("support", "help", "win", "agreement") read as warm, so a news story's mean
/// sits above how its readers feel it. The defaults come from three blind readings of 30 random
/// AllSides stories each (seeds 1, 3 and 4 of `sitegen evaluate-tone --sample 30`), where readers
/// called three stories in four negative: chosen on seeds 1 and 3, checked on seeds 4 and 5
/// (Cohen's kappa 0.42 and 0.32; over all 120 stories 0.35, against 0.30 for VADER's own ±0.05).
/// The methodology page gives the figures.
public struct ToneThresholds: Sendable, Equatable, CustomStringConvertible {
    public var negative: Double = 0.02
    public var positive: Double = 0.15
    public init() {}
    public init(negative: Double, positive: Double) {
        self.negative = negative
        self.positive = positive
    }
    public var description: String { "tone \(negative)…\(positive)" }
}

/// A story's tone: the mean over its English articles of each article's mean sentence score
/// (headline included), the words that weighed most, and how many articles were read.
public struct StoryTone: Sendable, Equatable {
    /// −1 (every sentence strongly negative) … +1.
    public var score: Double
    public var band: ToneBand
    /// The articles whose text was read, and those left out as not English.
    public var articlesRead: Int
    public var articlesNotEnglish: Int
    /// The lexicon words with the largest summed weight, most negative first / most positive first.
    public var negativeWords: [String]
    public var positiveWords: [String]

    /// Why a story has no tone.
    public enum Missing: Error, Sendable, Equatable {
        /// No article has text in English, the lexicon's language.
        case notEnglish
        /// No article has any text.
        case noText
    }

    /// The tone of `articles`, or why there is none. At most `sentenceLimit` sentences of each
    /// article are read (the lead and what follows: enough for its tone, bounded for speed).
    public static func measure(_ articles: [Article], thresholds: ToneThresholds = ToneThresholds(),
                               scorer: ToneScorer = .shared, sentenceLimit: Int = 60) -> Result<StoryTone, Missing> {
        var scores: [Double] = []
        var notEnglish = 0
        var scratch = ToneScorer.Scratch()
        var local: [Int32: Double] = [:]
        var entryWeights: [Int32: Double] = [:]
        for article in articles {
            if let language = article.language?.lowercased(), !language.isEmpty, !language.hasPrefix("en") {
                notEnglish += 1
                continue
            }
            var sum = 0.0
            var counted = 0
            var words = 0
            var function = 0
            local.removeAll(keepingCapacity: true)
            func read(_ text: String) {
                let found = scorer.scoreSentences(of: text, limit: sentenceLimit + 1 - counted, scratch: &scratch) { compound, weights in
                    sum += compound
                    for w in weights { local[w.entry, default: 0] += w.valence }
                }
                counted += found.sentences
                words += found.words
                function += found.function
            }
            read(article.title)
            for paragraph in article.paragraphSequence where counted <= sentenceLimit { read(paragraph) }
            guard words >= 3 else { continue }
            // Text that is not English: too few of its commonest function words.
            if words >= 20 && Double(function) < 0.15 * Double(words) {
                notEnglish += 1
                continue
            }
            scores.append(sum / Double(counted))
            // Each article weighs the same in the word list, as in the score.
            for (entry, v) in local { entryWeights[entry, default: 0] += v / Double(counted) }
        }
        // A word listed on the side its own valence is on: "fear" turned over by "no" weighs
        // toward positive, but is not listed as a positive word.
        let weights = Dictionary(uniqueKeysWithValues: entryWeights.compactMap { entry, weight -> (String, Double)? in
            let word = scorer.entries[Int(entry)]
            return (word.valence < 0) == (weight < 0) ? (word.word, weight) : nil
        })
        guard !scores.isEmpty else { return .failure(notEnglish > 0 ? .notEnglish : .noText) }
        let score = scores.reduce(0, +) / Double(scores.count)
        let ranked = weights.sorted { $0.value != $1.value ? $0.value < $1.value : $0.key < $1.key }
        let negative = ranked.prefix { $0.value < 0 }.prefix(5).map(\.key)
        let positive = ranked.reversed().prefix { $0.value > 0 }.prefix(5).map(\.key)
        return .success(StoryTone(score: score, band: ToneBand(score: score, thresholds: thresholds),
                                  articlesRead: scores.count, articlesNotEnglish: notEnglish,
                                  negativeWords: negative, positiveWords: positive))
    }
}
