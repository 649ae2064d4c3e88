import ArgumentParser
import Cleaning
import Corpus
import Foundation
import Markdown
import Support

/// `sitegen extract`: the articles of corpus files as the cleaner leaves them, for editors to check.
struct Extract: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the articles of corpus files after cleaning (Markdown with front matter, or JSON Lines).",
        discussion: """
        Files and folders are loaded as one corpus, so each outlet's repeated lines are learned \
        from all of them. With --diff every line of the text is shown: kept lines as they are, \
        removed lines marked "-" with the reason.
        """)

    @Argument(help: ArgumentHelp("Corpus files or folders (.jsonl, .jsonl.gz, .csv, .txt, .md).", valueName: "path"))
    var paths: [String]

    @Flag(name: .long, help: "Print JSON Lines (one object per article) instead of Markdown.")
    var json = false

    @Flag(name: .long, help: "Show the removed lines and why each was removed.")
    var diff = false

    @Flag(name: .customLong("no-dedup"), help: "Keep articles loaded twice.")
    var noDedup = false

    @Flag(name: .long, help: "Print what the cleaner did to the whole corpus instead of the articles: lines removed, the most frequent removed and kept short lines, time per 1,000 articles.")
    var stats = false

    @Option(name: .long, help: ArgumentHelp("How many lines each --stats list shows.", valueName: "n"))
    var top = 50

    func validate() throws {
        if paths.isEmpty { throw ValidationError("give at least one corpus file or folder") }
    }

    func run() throws {
        if stats { return try runStats() }
        var options = CleaningOptions()
        options.keepRemovals = diff
        options.deduplicate = !noDedup
        let loaded = CorpusLoader(cleaning: options).load(paths: paths)
        Report.diagnostics(loaded.diagnostics, verbose: true)
        var out = ""
        for article in loaded.articles {
            let trace = diff ? loaded.cleaning.traces[article.id] : nil
            out += json ? Self.jsonLine(article, trace: trace) : Self.markdown(article, trace: trace)
            if out.utf8.count > 1 << 16 {
                FileHandle.standardOutput.write(Data(out.utf8))
                out = ""
            }
        }
        FileHandle.standardOutput.write(Data(out.utf8))
        let r = loaded.cleaning
        FileHandle.standardError.write(Data("Cleaned \(r.articles) articles: \(r.linesRemoved) of \(r.linesIn) lines removed, \(r.titlesFound) titles and \(r.outletsFound) outlets found in the text, \(r.duplicates.count) duplicates dropped.\n".utf8))
        if loaded.diagnostics.contains(where: { $0.severity == .error }) { throw ExitCode.failure }
    }

    /// `--stats`: cleans the loaded corpus on one core and on all, then once more keeping every
    /// line, and prints the figures the cleaner is judged by.
    func runStats() throws {
        var raw = CleaningOptions()
        raw.skip = true
        let loadStart = Date()
        let loaded = CorpusLoader(cleaning: raw).load(paths: paths)
        let loadSeconds = Date().timeIntervalSince(loadStart)
        Report.diagnostics(loaded.diagnostics, verbose: false)
        let articles = loaded.articles
        let perThousand = { (seconds: Double) in seconds / Double(max(articles.count, 1)) * 1000 }

        var oneCore = CleaningOptions()
        oneCore.jobs = 1
        let single = CorpusCleaner.clean(articles, options: oneCore).report
        let all = CorpusCleaner.clean(articles, options: CleaningOptions()).report
        var tracing = CleaningOptions()
        tracing.keepRemovals = true
        let traced = CorpusCleaner.clean(articles, options: tracing).report

        var removed: [String: Int] = [:]
        var keptShort: [String: Int] = [:]
        var reasons: [String: Int] = [:]
        for trace in traced.traces.values {
            for line in trace {
                if let reason = line.removed {
                    removed[line.text, default: 0] += 1
                    reasons[Self.reasonKind(reason), default: 0] += 1
                } else if line.text.count < 60 {
                    keptShort[line.text, default: 0] += 1
                }
            }
        }
        func table(_ counts: [String: Int]) -> String {
            counts.sorted { $0.value != $1.value ? $0.value > $1.value : $0.key < $1.key }.prefix(top)
                .map { String(format: "%7d  ", $0.value) + Self.shown($0.key) }.joined(separator: "\n")
        }
        let percent = Double(traced.linesRemoved) / Double(max(traced.linesIn, 1)) * 100
        print("""
        Corpus: \(articles.count) articles, \(traced.linesIn) lines (loaded in \(String(format: "%.2f", loadSeconds)) s)
        Removed: \(traced.linesRemoved) lines (\(String(format: "%.1f", percent))%) from \(traced.articlesChanged) articles; \(traced.titlesFound) titles and \(traced.outletsFound) outlets found in the text; \(traced.duplicates.count) duplicates dropped
        Time: \(String(format: "%.3f", single.seconds)) s on 1 core = \(String(format: "%.1f", perThousand(single.seconds) * 1000)) ms per 1,000 articles; \(String(format: "%.3f", all.seconds)) s on \(ProcessInfo.processInfo.activeProcessorCount) cores = \(String(format: "%.1f", perThousand(all.seconds) * 1000)) ms per 1,000 articles

        Removed lines by rule:
        \(table(reasons))

        The \(top) most frequent removed lines:
        \(table(removed))

        The \(top) most frequent kept short lines (< 60 characters):
        \(table(keptShort))
        """)
        for duplicate in traced.duplicates.prefix(top) {
            print("duplicate: \(duplicate.dropped) (\(duplicate.droppedAt)) = \(duplicate.kept): \(duplicate.why)")
        }
    }

    /// A reason without its numbers and quoted parts, to count rules rather than lines.
    static func reasonKind(_ reason: String) -> String {
        if reason.hasPrefix("after \"") { return "after an end marker: not the article" }
        if reason.hasPrefix("repeated in ") { return "repeated in N articles of this outlet" }
        if reason.hasPrefix("widget block") { return "widget block" }
        return reason
    }

    static func shown(_ text: String) -> String {
        let line = text.count > 100 ? String(text.prefix(97)) + "…" : text
        return line.debugDescription
    }

    static func markdown(_ article: Article, trace: [TracedLine]?) -> String {
        var s = "---\n"
        s += "id: \(yaml(article.id))\n"
        s += "title: \(yaml(article.title))\n"
        if let outlet = article.outlet { s += "outlet: \(yaml(outlet))\n" }
        if let url = article.url { s += "url: \(yaml(url))\n" }
        if let published = published(article) { s += "published: \(published)\n" }
        s += "source: \(yaml(article.origin.description))\n"
        s += "---\n\n"
        if let trace {
            for line in trace {
                if let reason = line.removed {
                    s += "- \(line.text)\n    ↳ \(reason)\n"
                } else {
                    s += "  \(line.text)\n"
                }
            }
            s += "\n"
        } else {
            s += article.paragraphs.joined(separator: "\n\n") + "\n\n"
        }
        return s
    }

    static func jsonLine(_ article: Article, trace: [TracedLine]?) -> String {
        var object: [String: JSONValue] = [
            "id": .string(article.id), "title": .string(article.title), "body": .string(article.body),
            "source": .string(article.origin.description), "outlet": .string(article.outlet),
            "url": .string(article.url), "published": .string(published(article)),
        ]
        if let trace {
            object["removed"] = .array(trace.compactMap { line in
                line.removed.map { .object(["line": .int(line.line), "text": .string(line.text), "reason": .string($0)]) }
            })
        }
        return JSONValue.object(object).serialized + "\n"
    }

    /// The date as the corpus gave it: a day, or a date-time when it had a time of day.
    static func published(_ article: Article) -> String? {
        article.published.map { article.publishedHasTime ? DateText.iso($0) : DateText.day($0) }
    }

    static func yaml(_ text: String) -> String { MarkdownText.yamlString(text) }
}
