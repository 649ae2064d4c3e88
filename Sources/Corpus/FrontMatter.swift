import Foundation
import Yams

/// YAML front matter between `---` lines at the top of a Markdown or text file.
public struct FrontMatter {
    public var fields: [String: Any]
    public var body: String
    /// The 1-based line of the file where `body` starts.
    public var bodyLine: Int

    /// Splits `text` into front matter and body. A file without front matter has empty `fields`.
    /// Throws `CorpusError.invalid` (with the line) when the YAML is broken or not a mapping.
    public static func parse(_ text: String, path: String) throws -> FrontMatter {
        let normalized = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        var lines = normalized.split(separator: "\n", omittingEmptySubsequences: false)
        guard let first = lines.first, first.trimmed == "---" else {
            return FrontMatter(fields: [:], body: normalized, bodyLine: 1)
        }
        lines.removeFirst()
        guard let end = lines.firstIndex(where: { let t = $0.trimmed; return t == "---" || t == "..." }) else {
            throw CorpusError.invalid(location: SourceLocation(path: path, line: 1), reason: "front matter opened with --- is never closed")
        }
        let yaml = lines[..<end].joined(separator: "\n")
        let body = lines[(end + 1)...].joined(separator: "\n")
        var fields: [String: Any] = [:]
        if !yaml.trimmed.isEmpty {
            let loaded: Any?
            do { loaded = try Yams.load(yaml: yaml) } catch {
                let line = (error as? YamlError).flatMap(Self.line(of:)).map { $0 + 1 } ?? 2
                throw CorpusError.invalid(location: SourceLocation(path: path, line: line), reason: "invalid YAML front matter (\(Self.summary(of: error)))")
            }
            guard let mapping = loaded as? [String: Any] else {
                throw CorpusError.invalid(location: SourceLocation(path: path, line: 2), reason: "front matter is not a mapping of keys to values")
            }
            fields = mapping
        }
        return FrontMatter(fields: fields, body: body, bodyLine: end + 3)
    }

    public static func line(of error: YamlError) -> Int? {
        switch error {
        case let .scanner(_, _, mark, _), let .parser(_, _, mark, _), let .composer(_, _, mark, _):
            return mark.line
        default:
            return nil
        }
    }

    public static func summary(of error: Error) -> String {
        if let yaml = error as? YamlError {
            switch yaml {
            case let .scanner(_, problem, mark, _), let .parser(_, problem, mark, _), let .composer(_, problem, mark, _):
                return "\(problem) at column \(mark.column)"
            default: break
            }
        }
        return String(describing: error).split(separator: "\n").first.map(String.init) ?? "\(error)"
    }
}
