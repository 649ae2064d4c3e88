import Charts
import Corpus
import Foundation
import Support
import TemplateEngine

/// A page an editor wrote (`Content/pages/<name>.md`): front matter `title`, `description`, and
/// a Markdown body. The body may use `{{site.*}}`/`{{rules.*}}` values, so the methodology page
/// states the thresholds the build really used.
public struct ContentPage: Sendable {
    public var name: String
    public var title: String
    public var description: String?
    public var body: String

    public static func loadAll(directory: String, display: String, config: SiteConfig) throws -> [ContentPage] {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") && !$0.hasPrefix("_") }.sorted()
        let context: TemplateValue = [
            "site": ["title": .string(config.title), "base_url": .string(config.baseURL), "description": .string(config.description)],
            "rules": [
                "min_rated": .int(config.rules.minRated), "blindspot_min_rated": .int(config.rules.blindspotMinRated),
                "blindspot_max_share": .int(config.rules.blindspotMaxShare), "blindspot_margin": .int(config.rules.blindspotMargin),
                "blindspot_requires_high_factuality": .bool(config.rules.blindspotRequiresHighFactuality),
                "threshold": .string(String(format: "%.2f", config.grouping.clustering.threshold)),
                "window_days": .int(config.grouping.clustering.windowDays),
                "nearest_neighbours": .int(config.grouping.clustering.nearestNeighbours),
                "stray_link_factor": .string(SVG.number(config.grouping.clustering.strayLinkFactor)),
                "lead_words": .int(config.grouping.clustering.leadWords),
                "report_join": .string(SVG.number(config.grouping.clustering.reportJoin)),
                "unpegged_join": .string(SVG.number(config.grouping.clustering.unpeggedJoin)),
                "commentary_join": .string(SVG.number(config.grouping.clustering.commentaryJoin)),
                "undated_join": .string(SVG.number(config.grouping.clustering.undatedJoin)),
                "undated_margin": .string(SVG.number(config.grouping.clustering.undatedMargin)),
                "member_cosine": .string(String(format: "%.2f", config.grouping.clustering.memberCosine)),
            ],
            "home": ["decay_days": .string(SVG.number(config.decayDays)), "period_days": .int(config.periodDays)],
            "summary": [
                "min_sentences": .int(config.summary.minSentences), "max_sentences": .int(config.summary.maxSentences),
                "cite_threshold": .string(String(format: "%.2f", config.summary.citeThreshold)),
                "redundancy": .string(String(format: "%.2f", config.summary.redundancy)),
                "fact_coverage": .string(String(format: "%.2f", config.summary.factMatch.coverage)),
                "claim_coverage": .string(String(format: "%.2f", config.summary.factMatch.claimCoverage)),
                "fact_min_words": .int(config.summary.factMatch.minWords),
            ],
        ]
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
