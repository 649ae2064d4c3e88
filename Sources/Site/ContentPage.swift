import Charts
import Corpus
import Foundation
import Support
import TemplateEngine

/// A page an editor wrote (`Content/pages/<name>.md`): front matter `title`, `description`, and
/// a Markdown body. The body may use `{{site.*}}`/`{{rules.*}}` values, so the methodology page
/// states the thresholds the build really used.
struct ContentPage: Sendable {
    var name: String
    var title: String
    var description: String?
    var body: String

    static func loadAll(directory: String, display: String, config: SiteConfig) throws -> [ContentPage] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        let values: [String: Any] = [
            "site": ["title": config.title, "base_url": config.baseURL, "description": config.description],
            "rules": [
                "min_rated": config.rules.minRated, "blindspot_min_rated": config.rules.blindspotMinRated,
                "blindspot_max_share": config.rules.blindspotMaxShare, "blindspot_margin": config.rules.blindspotMargin,
                "blindspot_requires_high_factuality": config.rules.blindspotRequiresHighFactuality,
                "threshold": String(format: "%.2f", config.grouping.clustering.threshold),
                "window_days": config.grouping.clustering.windowDays,
                "nearest_neighbours": config.grouping.clustering.nearestNeighbours,
                "stray_link_factor": SVG.number(config.grouping.clustering.strayLinkFactor),
                "lead_words": config.grouping.clustering.leadWords,
                "report_join": SVG.number(config.grouping.clustering.reportJoin),
                "unpegged_join": SVG.number(config.grouping.clustering.unpeggedJoin),
                "commentary_join": SVG.number(config.grouping.clustering.commentaryJoin),
                "undated_join": SVG.number(config.grouping.clustering.undatedJoin),
                "undated_margin": SVG.number(config.grouping.clustering.undatedMargin),
            ],
            "home": ["decay_days": SVG.number(config.decayDays), "period_days": config.periodDays],
            "summary": [
                "min_sentences": config.summary.minSentences, "max_sentences": config.summary.maxSentences,
                "cite_threshold": String(format: "%.2f", config.summary.citeThreshold),
                "redundancy": String(format: "%.2f", config.summary.redundancy),
                "fact_coverage": String(format: "%.2f", config.summary.factMatch.coverage),
                "claim_coverage": String(format: "%.2f", config.summary.factMatch.claimCoverage),
                "fact_min_words": config.summary.factMatch.minWords,
            ],
        ]
        let context = TemplateValue(context: values)
        return try names.map { file in
            let path = (directory as NSString).appendingPathComponent(file)
            let shown = "\(display)/\(file)"
            let front = try FrontMatter.parse(try String(contentsOfFile: path, encoding: .utf8), path: shown)
            let name = Slug.make(String(file.dropLast(3)), fallback: "page")
            let template: TemplateLibrary
            do { template = try TemplateLibrary(templates: [name: front.body]) } catch let error as TemplateError {
                throw CorpusError.invalid(location: SourceLocation(path: shown, line: front.bodyLine + error.line - 1), reason: "template error in page at column \(error.column): \(error.message)")
            }
            let title = (front.fields["title"] as? String) ?? name.capitalized
            return ContentPage(name: name, title: title, description: front.fields["description"] as? String, body: template.render(name, context))
        }
    }
}
