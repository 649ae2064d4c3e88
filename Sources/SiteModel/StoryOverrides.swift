import Corpus
import Foundation
import Markdown
import Support

/// An editor's corrections to one generated story page (`Content/stories/<slug>.md`).
///
/// ```markdown
/// ---
/// title: Trump and Putin discuss Syria in first call   # replaces the generated title
/// topics: [Russia, Diplomacy]                          # replaces the topics
/// pinned: true                                         # first on the home page
/// hidden: false                                        # true leaves the story out of the site
/// ---
/// A body, when there is one, replaces the generated summary (Markdown; footnotes allowed).
/// ```
public struct StoryOverride: Sendable, Equatable {
    public var slug: String
    public var title: String?
    public var topics: [String]?
    public var pinned = false
    public var hidden = false
    /// Markdown replacing the generated summary; nil when the file has no body.
    public var summary: String?
    /// Where it came from, for messages ("Content/stories/x.md").
    public var display: String
}

public enum StoryOverrides {
    static let knownKeys: Set<String> = ["title", "topics", "pinned", "hidden"]

    /// Every `*.md` in `directory`, keyed by slug (the file name). Bad values are errors naming the
    /// file and line; unknown keys are warnings.
    public static func load(directory: String, display: String) throws -> (overrides: [String: StoryOverride], diagnostics: [Diagnostic]) {
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .filter { $0.hasSuffix(".md") && !$0.hasPrefix(".") }.sorted()
        var overrides: [String: StoryOverride] = [:]
        var diagnostics: [Diagnostic] = []
        for file in names {
            let shown = "\(display)/\(file)"
            let path = (directory as NSString).appendingPathComponent(file)
            let text: String
            do { text = try String(contentsOfFile: path, encoding: .utf8) } catch {
                throw CorpusError.invalid(location: SourceLocation(path: shown), reason: "cannot read the file as UTF-8 text")
            }
            let front = try FrontMatter.parse(text, path: shown)
            let slug = String(file.dropLast(3))
            var o = StoryOverride(slug: slug, display: shown)
            func bad(_ key: String, _ expected: String) -> CorpusError {
                CorpusError.invalid(location: SourceLocation(path: shown, line: 2), reason: "\(key) must be \(expected)")
            }
            for (key, value) in front.fields.sorted(by: { $0.key < $1.key }) {
                switch key {
                case "title":
                    guard let s = RawRecordText.scalar(value), !s.trimmed.isEmpty else { throw bad(key, "a non-empty text") }
                    o.title = s.trimmed
                case "topics":
                    if let list = value as? [Any] {
                        o.topics = try list.map { item in
                            guard let s = RawRecordText.scalar(item), !s.trimmed.isEmpty else { throw bad(key, "a list of topic names") }
                            return s.trimmed
                        }
                    } else if let s = RawRecordText.scalar(value) {
                        o.topics = s.split(separator: ",").map { $0.trimmed }.filter { !$0.isEmpty }
                    } else { throw bad(key, "a list of topic names") }
                case "pinned", "hidden":
                    guard let b = value as? Bool else { throw bad(key, "true or false") }
                    if key == "pinned" { o.pinned = b } else { o.hidden = b }
                default:
                    diagnostics.append(Diagnostic(.warning, at: SourceLocation(path: shown, line: 2), "unknown key \"\(key)\" (known: \(knownKeys.sorted().joined(separator: ", ")))", "ignored"))
                }
            }
            let body = front.body.trimmed
            if !body.isEmpty { o.summary = body }
            let cut = MarkdownRenderer.limitingNesting(body).cut
            if cut > 0 || body.utf8.count > MarkdownRenderer.defaultMaxBytes {
                diagnostics.append(Diagnostic(.warning, at: SourceLocation(path: shown, line: front.bodyLine), "Markdown nested deeper than \(MarkdownRenderer.maxNesting) levels or longer than \(MarkdownRenderer.defaultMaxBytes) bytes", "\(cut) nesting characters cut before rendering"))
            }
            overrides[slug] = o
        }
        return (overrides, diagnostics)
    }
}
