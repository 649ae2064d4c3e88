import Charts
import Foundation
import SiteModel
import Stories
import Support
import TemplateEngine

extension PageRenderer {
    /// A day needs this many stories with a tone for the home page's daily index.
    static let dailyIndexMinStories = 3

    /// A tone band as a heading word.
    static func label(_ band: ToneBand) -> String {
        switch band {
        case .negative: return "Negative"
        case .neutral: return "Neutral"
        case .positive: return "Positive"
        }
    }

    /// The gauge's accessible name: says "tone", the band and the value.
    static func toneName(_ what: String, score: Double, band: ToneBand) -> String {
        "\(what) tone: \(label(band).lowercased()), \(ToneGauge.number(score)) on a scale from \u{2212}1 (negative) to +1 (positive)"
    }

    /// The story page's tone: `tone` (gauge, value, band, the words that weighed most, the day's
    /// index) or `no_tone` (why there is none).
    func toneValues(_ entry: StoryEntry) -> [String: TemplateValue] {
        let thresholds = model.toneThresholds
        switch entry.tone {
        case .failure(.notEnglish):
            return ["no_tone": "No tone is shown: it is measured with an English word list, and this story's articles are not in English."]
        case .failure(.noText):
            return ["no_tone": "No tone is shown: these articles carry no text to read."]
        case .success(let tone):
            let day = model.dayIndex(of: entry)
            var v: [String: TemplateValue] = [
                "score": .string(ToneGauge.number(tone.score)),
                "band": .string(tone.band.rawValue),
                "band_label": .string(Self.label(tone.band)),
                "articles_read": .int(tone.articlesRead),
                "articles_label": Self.noun(tone.articlesRead, "article", "articles"),
                "gauge_svg": .string(ToneGauge.svg(score: tone.score, label: Self.toneName("Coverage", score: tone.score, band: tone.band),
                                                   neutral: (thresholds.negative, thresholds.positive), day: day.map(\.score))),
                "negative_words": .list(tone.negativeWords.map { .string($0) }),
                "positive_words": .list(tone.positiveWords.map { .string($0) }),
                "has_words": .bool(!tone.negativeWords.isEmpty || !tone.positiveWords.isEmpty),
                "has_negative": .bool(!tone.negativeWords.isEmpty), "has_positive": .bool(!tone.positiveWords.isEmpty),
            ]
            if let day {
                v["day"] = .object([
                    "date": .string(DateText.display(day.day)),
                    "score": .string(ToneGauge.number(day.score)),
                    "band_label": .string(Self.label(ToneBand(score: day.score, thresholds: thresholds)).lowercased()),
                    "stories": .int(day.stories), "stories_label": Self.noun(day.stories, "story", "stories"),
                ])
            }
            if tone.articlesNotEnglish > 0 {
                v["not_english"] = .string("\(tone.articlesNotEnglish) \(tone.articlesNotEnglish == 1 ? "article" : "articles") not in English left out.")
            }
            return ["tone": .object(v)]
        }
    }

    /// The home page's daily index: the mean tone of the stories first reported on the newest day
    /// with at least `dailyIndexMinStories` of them (a day of one story is that story's tone).
    func dailyTone() -> TemplateValue? {
        guard let index = model.toneByDay.filter({ $0.value.stories >= Self.dailyIndexMinStories }).max(by: { $0.key < $1.key })?.value else { return nil }
        let band = ToneBand(score: index.score, thresholds: model.toneThresholds)
        return .object([
            "date": .string(DateText.display(index.day)),
            "score": .string(ToneGauge.number(index.score)),
            "band_label": .string(Self.label(band)),
            "stories": .int(index.stories), "stories_label": Self.noun(index.stories, "story", "stories"),
            "gauge_svg": .string(ToneGauge.svg(score: index.score, label: Self.toneName("Daily index", score: index.score, band: band),
                                               neutral: (model.toneThresholds.negative, model.toneThresholds.positive))),
        ])
    }
}
