/// A template error as a theme author needs it: the template, the line and column of the tag,
/// and what was expected and found.
public struct TemplateError: Error, Sendable, Equatable, CustomStringConvertible {
    public var template: String
    public var line: Int
    public var column: Int
    public var message: String

    public var description: String { "\(template):\(line):\(column): \(message)" }
}

/// A name as a tag writes it: `.` is the current value (no parts); `a.b.c` looks `a` up through
/// the context stack, then `b` and `c` inside it.
typealias NamePath = [String]

/// A parsed template: text, interpolations, sections, partials and inheritance, with the
/// whitespace of standalone tags already removed (as the Mustache spec asks).
indirect enum TemplateNode: Sendable {
    case text([UInt8])
    case variable(NamePath, escaped: Bool)
    case section(NamePath, [TemplateNode], inverted: Bool)
    /// `{{>name}}`, or `{{>*name}}` (dynamic: the partial's name is the value of `name`).
    case partial(String, dynamic: Bool, indent: String)
    /// `{{$name}}default{{/name}}`: replaced by a parent's override of the same name. A block
    /// whose opening tag stands alone on its line (`standalone`, after `indent`) is reindented:
    /// its content's own indentation goes, the indentation where it is expanded comes.
    case block(String, [TemplateNode], standalone: Bool, indent: String)
    /// `{{<name}}{{$block}}override{{/block}}{{/name}}`: the partial `name`, with these blocks
    /// (each a `.block`).
    case parent(String, dynamic: Bool, indent: String, blocks: [String: TemplateNode])
}

/// Reads a template's source into `TemplateNode`s.
struct TemplateParser {
    let name: String
    let source: [UInt8]

    private enum Kind: Equatable {
        case variable, unescaped, triple, comment, open, inverted, close, partial, delimiters, block, parent
        /// Tags that vanish with their line when they stand alone on it.
        var standalone: Bool { ![.variable, .unescaped, .triple].contains(self) }
    }

    private enum Token {
        case text([UInt8], endsLine: Bool)
        case tag(Kind, String, line: Int, column: Int)
    }

    init(name: String, source: String) {
        self.name = name
        self.source = Array(source.utf8)
    }

    func parse() throws -> [TemplateNode] {
        try build(standaloneLinesRemoved(try tokens()))
    }

    private func error(_ line: Int, _ column: Int, _ message: String) -> TemplateError {
        TemplateError(template: name, line: line, column: column, message: message)
    }

    /// The source cut into text (at most one line per token) and tags, with the delimiters
    /// changing as `{{=<% %>=}}` tags say.
    private func tokens() throws -> [Token] {
        var open = Array("{{".utf8), close = Array("}}".utf8)
        var tokens: [Token] = []
        var i = 0, line = 1, lineStart = 0
        var text: [UInt8] = []
        func matches(_ d: [UInt8], at k: Int) -> Bool {
            k + d.count <= source.count && source[k..<k + d.count].elementsEqual(d)
        }
        while i < source.count {
            if matches(open, at: i) {
                if !text.isEmpty { tokens.append(.text(text, endsLine: false)); text = [] }
                let (tagLine, tagColumn) = (line, i - lineStart + 1)
                var k = i + open.count
                var kind = Kind.variable
                var closing = close
                if k < source.count {
                    switch source[k] {
                    case UInt8(ascii: "!"): kind = .comment
                    case UInt8(ascii: "#"): kind = .open
                    case UInt8(ascii: "^"): kind = .inverted
                    case UInt8(ascii: "/"): kind = .close
                    case UInt8(ascii: ">"): kind = .partial
                    case UInt8(ascii: "&"): kind = .unescaped
                    case UInt8(ascii: "="): kind = .delimiters
                    case UInt8(ascii: "$"): kind = .block
                    case UInt8(ascii: "<"): kind = .parent
                    case UInt8(ascii: "{"): kind = .triple; closing = [UInt8(ascii: "}")] + close
                    default: break
                    }
                    if kind != .variable { k += 1 }
                }
                var end = k
                while end < source.count, !matches(closing, at: end) {
                    if source[end] == 0x0A { line += 1; lineStart = end + 1 }
                    end += 1
                }
                guard end < source.count else {
                    throw error(tagLine, tagColumn, "unclosed tag: expected \"\(String(decoding: closing, as: UTF8.self))\", found the end of the template")
                }
                var content = String(decoding: source[k..<end], as: UTF8.self)
                i = end + closing.count
                if kind == .delimiters {
                    guard content.hasSuffix("=") else { throw error(tagLine, tagColumn, "a delimiter tag must end with \"=\" before its closing delimiter") }
                    content.removeLast()
                    let parts = content.split(whereSeparator: { $0 == " " || $0 == "\t" })
                    guard parts.count == 2, !parts.contains(where: { $0.contains("=") }) else {
                        throw error(tagLine, tagColumn, "a delimiter tag takes two delimiters, as in {{=<% %>=}}; found \"\(content)\"")
                    }
                    open = Array(parts[0].utf8)
                    close = Array(parts[1].utf8)
                }
                tokens.append(.tag(kind, content.trimmingSpaces, line: tagLine, column: tagColumn))
                continue
            }
            let byte = source[i]
            text.append(byte)
            i += 1
            if byte == 0x0A {
                tokens.append(.text(text, endsLine: true))
                text = []
                line += 1
                lineStart = i
            }
        }
        if !text.isEmpty { tokens.append(.text(text, endsLine: false)) }
        return tokens
    }

    /// Removes the line around every tag that stands alone on it (whitespace before and after,
    /// and its line break); a standalone partial or parent keeps the whitespace before it as the
    /// indentation of every line it includes.
    private func standaloneLinesRemoved(_ tokens: [Token]) -> [(Token, indent: String?)] {
        var out: [(Token, indent: String?)] = []
        var lineTokens: [Token] = []
        var opened: [Kind] = []
        func flush() {
            let tags = lineTokens.filter { if case .tag = $0 { return true } else { return false } }
            var blank = true
            for case .text(let t, _) in lineTokens where !t.allSatisfy({ $0 == 0x20 || $0 == 0x09 || $0 == 0x0A || $0 == 0x0D }) { blank = false }
            var kinds: [Kind] = []
            var closesInheritance = true
            for case .tag(let kind, _, _, _) in tags {
                kinds.append(kind)
                switch kind {
                case .open, .inverted, .block, .parent: opened.append(kind)
                case .close:
                    let closed = opened.popLast()
                    if closed != .block && closed != .parent { closesInheritance = false }
                default: break
                }
            }
            // A parent's or a block's tags may share their line and still stand alone.
            let inheritance = kinds.count > 1 && closesInheritance && kinds.allSatisfy { [.parent, .block, .close, .comment].contains($0) }
            if blank, kinds.count == 1 && kinds[0].standalone || inheritance {
                var indent = ""
                for token in lineTokens {
                    if case .text(let t, _) = token { indent += String(decoding: t.filter { $0 == 0x20 || $0 == 0x09 }, as: UTF8.self) } else { break }
                }
                for tag in tags { out.append((tag, indent)) }
            } else {
                for token in lineTokens { out.append((token, nil)) }
            }
            lineTokens = []
        }
        for token in tokens {
            lineTokens.append(token)
            if case .text(_, true) = token { flush() }
        }
        flush()
        return out
    }

    /// Nests sections, blocks and parents, checking each is closed by its own name.
    private func build(_ tokens: [(Token, indent: String?)]) throws -> [TemplateNode] {
        struct Open { var kind: Kind; var name: String; var line: Int; var column: Int; var indent: String?; var nodes: [TemplateNode] = [] }
        var stack = [Open(kind: .open, name: "", line: 0, column: 0, indent: nil)]
        func append(_ node: TemplateNode) {
            if case .text(let t) = node, let last = stack[stack.count - 1].nodes.last, case .text(let previous) = last {
                stack[stack.count - 1].nodes[stack[stack.count - 1].nodes.count - 1] = .text(previous + t)
            } else {
                stack[stack.count - 1].nodes.append(node)
            }
        }
        for (token, indent) in tokens {
            switch token {
            case .text(let t, _): append(.text(t))
            case .tag(let kind, let content, let line, let column):
                switch kind {
                case .comment, .delimiters: break
                case .variable, .unescaped, .triple:
                    append(.variable(try path(content, line, column), escaped: kind == .variable))
                case .partial:
                    let (name, dynamic) = Self.dynamicName(content)
                    append(.partial(name, dynamic: dynamic, indent: indent ?? ""))
                case .open, .inverted, .block, .parent:
                    guard !content.isEmpty else { throw error(line, column, "a section tag needs a name") }
                    stack.append(Open(kind: kind, name: content, line: line, column: column, indent: indent))
                case .close:
                    guard stack.count > 1 else { throw error(line, column, "\"{{/\(content)}}\" closes no open section") }
                    let open = stack.removeLast()
                    guard open.name == content else {
                        throw error(line, column, "expected \"{{/\(open.name)}}\" to close the section opened at line \(open.line), column \(open.column); found \"{{/\(content)}}\"")
                    }
                    switch open.kind {
                    case .block: append(.block(open.name, open.nodes, standalone: open.indent != nil, indent: open.indent ?? ""))
                    case .parent:
                        var blocks: [String: TemplateNode] = [:]
                        for node in open.nodes { if case .block(let name, _, _, _) = node { blocks[name] = node } }
                        let (name, dynamic) = Self.dynamicName(open.name)
                        append(.parent(name, dynamic: dynamic, indent: open.indent ?? "", blocks: blocks))
                    default: append(.section(try path(open.name, open.line, open.column), open.nodes, inverted: open.kind == .inverted))
                    }
                }
            }
        }
        guard stack.count == 1 else {
            let open = stack[stack.count - 1]
            throw error(open.line, open.column, "unclosed section \"\(open.name)\": expected \"{{/\(open.name)}}\", found the end of the template")
        }
        return stack[0].nodes
    }

    private func path(_ name: String, _ line: Int, _ column: Int) throws -> NamePath {
        guard !name.isEmpty else { throw error(line, column, "empty tag: expected a name") }
        if name == "." { return [] }
        let parts = name.split(separator: ".", omittingEmptySubsequences: false).map(String.init)
        guard !parts.contains(where: \.isEmpty) else { throw error(line, column, "\"\(name)\" is not a name") }
        return parts
    }

    static func dynamicName(_ content: String) -> (String, Bool) {
        content.hasPrefix("*") ? (String(content.dropFirst()).trimmingSpaces, true) : (content, false)
    }
}

extension String {
    var trimmingSpaces: String {
        var s = Substring(self)
        while let c = s.first, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeFirst() }
        while let c = s.last, c == " " || c == "\t" || c == "\n" || c == "\r" { s.removeLast() }
        return String(s)
    }
}
