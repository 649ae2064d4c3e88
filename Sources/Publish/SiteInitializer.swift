import Corpus
import Foundation
import SiteModel

/// Starts a new site folder (`sitegen init`): a commented `site.yml`, a small example corpus of
/// real articles with the outlet rows it needs, the about and methodology pages, and the default
/// theme. The defaults come from a sitegen repository — by default the one this binary was built
/// from, found through this file's path at build time — so an installed binary whose repository
/// is gone needs `source` pointed at a checkout.
public struct SiteInitializer {
    /// The repository this file was compiled in.
    public static let builtFrom = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// A sitegen repository (or site folder) holding `Templates/` and the default `Content/`.
    public var source: URL
    /// How many days of the default corpus the example takes (its first days).
    public var days = 1

    public init(source: URL = SiteInitializer.builtFrom) {
        self.source = source
    }

    static let corpusFile = "Content/corpus/allsides-2020-04-07.jsonl.gz"
    static let copied = ["Content/pages/about.md", "Content/pages/methodology.md"]

    /// Writes the new site into `folder` and returns the paths written, relative to it. Refuses a
    /// folder that holds anything but `.git` unless `force`, which writes over same-named files.
    @discardableResult
    public func create(at folder: String, force: Bool = false) throws -> [String] {
        let fm = FileManager.default
        for needed in ["Templates/base.mustache", Self.corpusFile, "Content/outlets.csv"] + Self.copied
        where !fm.fileExists(atPath: source.appendingPathComponent(needed).path) {
            throw PublishError.defaultsMissing(source.appendingPathComponent(needed).path)
        }
        var isDir: ObjCBool = false
        if fm.fileExists(atPath: folder, isDirectory: &isDir) {
            guard isDir.boolValue else { throw PublishError.initFailed(folder, "it exists and is not a folder") }
            let entries = (try? fm.contentsOfDirectory(atPath: folder)) ?? []
            if !force && entries.contains(where: { $0 != ".git" }) { throw PublishError.initNotEmpty(folder) }
        }

        // Everything is read and made before anything is written.
        var files: [(path: String, data: Data)] = []
        do {
            let articles = try exampleArticles()
            files.append(("Content/site.yml", Data(Self.siteYML().utf8)))
            files.append(("Content/corpus/example.jsonl", Data(try articles.map(Self.jsonLine).joined().utf8)))
            files.append(("Content/outlets.csv", Data(try outletRows(for: articles).utf8)))
            for path in Self.copied { files.append((path, try Data(contentsOf: source.appendingPathComponent(path)))) }
            let templates = source.appendingPathComponent("Templates")
            for relative in ChangeSet.files(in: templates.path, ignoring: []).sorted() {
                files.append(("Templates/" + relative, try Data(contentsOf: templates.appendingPathComponent(relative))))
            }
        } catch let error as PublishError {
            throw error
        } catch {
            throw PublishError.defaultsMissing("\(source.path) (\(error))")
        }
        do {
            for file in files {
                let target = URL(fileURLWithPath: folder).appendingPathComponent(file.path)
                try fm.createDirectory(at: target.deletingLastPathComponent(), withIntermediateDirectories: true)
                try file.data.write(to: target)
            }
        } catch {
            throw PublishError.initFailed(folder, "\(error)")
        }
        return files.map(\.path)
    }

    /// The articles of the default corpus's first `days` days (it is in date order), each body
    /// cut to its first paragraphs: several outlets on the same events, grouped by their text.
    func exampleArticles() throws -> [[String: String]] {
        var records: [[String: String]] = []
        var daysSeen: [String] = []
        struct Done: Error {}
        do {
            try LineReader.forEachLine(path: source.appendingPathComponent(Self.corpusFile).path) { line, _ in
                guard let object = try? JSONSerialization.jsonObject(with: line) as? [String: Any],
                      let published = object["published"] as? String else { return }
                let day = String(published.prefix(10))
                if daysSeen.last != day {
                    guard daysSeen.count < days else { throw Done() }
                    daysSeen.append(day)
                }
                var record: [String: String] = [:]
                for key in ["id", "outlet", "url", "published", "title"] { record[key] = object[key] as? String }
                record["body"] = Self.shortened(object["body"] as? String ?? "")
                records.append(record)
            }
        } catch is Done {}
        return records
    }

    /// Whole paragraphs, as many as fit in about 1,200 characters (at least one).
    static func shortened(_ body: String) -> String {
        var kept: [Substring] = []
        var length = 0
        for paragraph in body.split(separator: "\n\n") where kept.isEmpty || length + paragraph.count <= 1200 {
            kept.append(paragraph)
            length += paragraph.count
        }
        return kept.joined(separator: "\n\n")
    }

    static func jsonLine(_ record: [String: String]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: record, options: [.sortedKeys, .withoutEscapingSlashes]), as: UTF8.self) + "\n"
    }

    /// The default `outlets.csv`'s header and every row of an outlet the articles resolve to.
    func outletRows(for articles: [[String: String]]) throws -> String {
        let path = source.appendingPathComponent("Content/outlets.csv").path
        let registry = try OutletRegistry.load(path: path).registry
        let names = Set(articles.compactMap { registry.match(name: $0["outlet"], url: $0["url"]) }.map { OutletRegistry.normalizedName($0.name) })
        let table = try CSVTable(path: path)
        let header = try String(contentsOfFile: path, encoding: .utf8).split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        guard let nameColumn = table.header.firstIndex(of: "name") else { return header + "\n" }
        let rows = table.records.filter { $0.fields.indices.contains(nameColumn) && names.contains(OutletRegistry.normalizedName($0.fields[nameColumn])) }
        return ([header] + rows.map { $0.fields.map(CSVTable.field).joined(separator: ",") }).joined(separator: "\n") + "\n"
    }

    /// A double-quoted YAML scalar (JSON's string syntax, which YAML reads the same).
    static func yaml(_ text: String) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: [text], options: [.withoutEscapingSlashes])) ?? Data("[\"\"]".utf8)
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }

    /// A commented `site.yml` whose values are the defaults of this build of sitegen.
    static func siteYML() -> String {
        let d = SiteConfig()
        return """
        # The settings of this site. Every key is optional: one left out takes the value shown here.
        # The full list is in sitegen's README ("A site folder").

        # The site's name, at the top of every page.
        title: \(yaml("My News Site"))
        # The address the site is published at. "/" works on any host; a sub-path such as
        # https://example.org/news/ works too. `--base-url` of build and publish overrides it.
        base_url: \(yaml(d.baseURL))
        # The language of the pages (the HTML lang attribute).
        language: \(yaml(d.language))
        # One sentence for the home page, feeds and search engines.
        description: \(yaml(d.description))
        # Stories on each page of the home page.
        stories_per_page: \(d.storiesPerPage)

        home:
          # The home page ranks stories by sources ÷ (1 + days old ÷ decay_days)…
          decay_days: \(d.decayDays)
          # …and charts the coverage of the last period_days days.
          period_days: \(d.periodDays)
          # Its pages at most (stories_per_page each); every story is in the archive by month.
          pages: \(d.homePages)

        coverage:
          # Below this many rated sources a story's bias distribution says "too few to judge".
          min_rated: \(d.rules.minRated)

        # A story is a blindspot for one side when it has at least min_rated rated sources, that
        # side's share s is at most max_share %, the other side's is at least 2·s + margin points,
        # and (require_high_factuality) the side that covered it has a high-factuality outlet.
        blindspot:
          min_rated: \(d.rules.blindspotMinRated)
          max_share: \(d.rules.blindspotMaxShare)
          margin: \(d.rules.blindspotMargin)
          require_high_factuality: \(d.rules.blindspotRequiresHighFactuality)

        grouping:
          # key: by the articles' `story` field only; similarity: by their text only;
          # auto: the key where an article has one, its text otherwise.
          by: \(d.grouping.mode.rawValue)
          # How alike (0–1) two groups of articles must be to become one story.
          threshold: \(d.grouping.clustering.threshold)
          # Articles further apart than this are never one story.
          window_days: \(d.grouping.clustering.windowDays)
          # Each article of a story must also be this many times the threshold alike to one
          # other article of it: a news report, a piece whose lead names no time (a feature,
          # an explainer), an opinion piece; an undated one, to a dated article, and clearly
          # more (undated_margin times) than to any article of another time.
          report_join: \(d.grouping.clustering.reportJoin)
          unpegged_join: \(d.grouping.clustering.unpeggedJoin)
          commentary_join: \(d.grouping.clustering.commentaryJoin)
          undated_join: \(d.grouping.clustering.undatedJoin)
          undated_margin: \(d.grouping.clustering.undatedMargin)
          # And, whatever the dates, this much plain text similarity (0–1) with one other article.
          member_cosine: \(d.grouping.clustering.memberCosine)
          # Related stories listed on each story page.
          related: \(d.grouping.related)

        # The summary that opens each story page: whole sentences copied from the articles.
        summary:
          max_sentences: \(d.summary.maxSentences)
          min_sentences: \(d.summary.minSentences)
          # How alike another article's sentence must be to be cited as carrying the same fact.
          cite_threshold: \(d.summary.citeThreshold)
          # Sentences more alike than this to one already chosen are left out.
          redundancy: \(d.summary.redundancy)
          # Another outlet's sentence is cited as stating the same fact only when it holds this
          # share of the summary sentence's term weight, and this share of its lower-case words'.
          fact_coverage: \(d.summary.factMatch.coverage)
          claim_coverage: \(d.summary.factMatch.claimCoverage)

        # When the corpus names its columns differently: record field: your column.
        # fields: { title: headline, body: text, published: date }

        """
    }
}
