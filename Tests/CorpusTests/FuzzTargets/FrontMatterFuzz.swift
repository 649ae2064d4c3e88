import Corpus
import Foundation
import Support

/// Fuzz target `frontmatter` (also compiled into Fuzz/): the input, as text, is a `.md` file.
/// `FrontMatter.parse` either gives the fields and the rest of the file as the body, or throws a
/// `CorpusError` that names the file and a line; it never crashes and never throws anything else.
public enum FrontMatterFuzz {
    public static func check(_ data: Data) -> [String] {
        let text = String(decoding: data, as: UTF8.self)
        let normalized = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        let opens = lines.first?.trimmed == "---"
        do {
            let front = try FrontMatter.parse(text, path: "page.md")
            var problems: [String] = []
            if !opens {
                if !front.fields.isEmpty || front.body != normalized || front.bodyLine != 1 {
                    problems.append("a file without front matter did not come back whole as the body")
                }
                return problems
            }
            if front.bodyLine < 3 || front.bodyLine > lines.count + 1 {
                problems.append("bodyLine \(front.bodyLine) for a file of \(lines.count) lines")
            } else if lines.dropFirst(front.bodyLine - 1).joined(separator: "\n") != front.body {
                problems.append("the body is not the file from line \(front.bodyLine) on")
            }
            return problems
        } catch let error as CorpusError {
            guard case let .invalid(location, reason) = error else { return ["threw \(error), expected CorpusError.invalid"] }
            var problems: [String] = []
            if !opens { problems.append("a file without front matter threw \(error)") }
            if location.path != "page.md" { problems.append("the error names \(location.path), not the file") }
            if let line = location.line, line < 1 || line > lines.count + 1 {
                problems.append("the error names line \(line) of a \(lines.count)-line file")
            }
            if reason.isEmpty { problems.append("the error gives no reason") }
            return problems
        } catch {
            return ["threw \(type(of: error)) (\(error)), not a CorpusError"]
        }
    }
}
