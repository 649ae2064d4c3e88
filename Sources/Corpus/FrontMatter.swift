import Foundation
import Support
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
            do { loaded = try Self.load(yaml: yaml) } catch {
                // libyaml also breaks lines at \r, U+0085, U+2028 and U+2029, which the split above
                // does not: keep the line it names inside the front matter.
                let line = ((error as? YamlError).flatMap(Self.line(of:)) ?? (error as? Refusal)?.line).map { min($0 + 1, end + 2) } ?? 2
                throw CorpusError.invalid(location: SourceLocation(path: path, line: line), reason: "invalid YAML front matter (\(Self.summary(of: error)))")
            }
            guard let mapping = loaded as? [String: Any] else {
                throw CorpusError.invalid(location: SourceLocation(path: path, line: 2), reason: "front matter is not a mapping of keys to values")
            }
            fields = mapping
        }
        return FrontMatter(fields: fields, body: body, bodyLine: end + 3)
    }

    /// `Yams.load`, minus what traps or hangs it on hostile text (found with Fuzz/): a mapping
    /// key that is not a scalar (`? [a, b]`, also in a `!!set` or a merged mapping) traps in Yams'
    /// constructor, and aliases of aliases ("billion laughs") make it build exponentially many
    /// values. The document is composed first and refused when it holds either.
    public static func load(yaml: String) throws -> Any? {
        guard let node = try Yams.compose(yaml: yaml) else { return nil }
        var budget = maxNodes
        try check(node, budget: &budget)
        return node.any
    }

    /// More nodes than any front matter or `_story.yml` needs, counting every use of an alias.
    static let maxNodes = 100_000

    /// YAML that parses but that `load(yaml:)` refuses; `line` counts as `YamlError`'s marks do.
    struct Refusal: Error, CustomStringConvertible {
        var line: Int?
        var problem: String
        var description: String { problem }
    }

    private static func check(_ node: Node, budget: inout Int) throws {
        budget -= 1
        guard budget >= 0 else {
            throw Refusal(line: node.mark?.line, problem: "more than \(maxNodes) values (aliases of aliases?)")
        }
        switch node {
        case let .mapping(mapping):
            for (key, value) in mapping {
                guard key.scalar != nil else {
                    throw Refusal(line: key.mark?.line, problem: "a key that is not text")
                }
                try check(value, budget: &budget)
            }
        case let .sequence(sequence):
            for item in sequence { try check(item, budget: &budget) }
        case .scalar, .alias:
            break
        }
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
