import Foundation
import Support

/// A theme's templates, each parsed once: render any of them by name over a `TemplateValue`.
/// Partials (`{{>name}}`) and parents (`{{<name}}`) are looked up among the same templates.
/// Safe to render from many threads at once.
public final class TemplateLibrary: @unchecked Sendable {
    private let sources: [String: String]
    private let compiled: [String: [TemplateNode]]
    /// Partials included with an indentation (a standalone `{{>name}}` indented by spaces) are
    /// parsed again with every line indented, once per indentation.
    private var indented: [String: [TemplateNode]] = [:]
    private let lock = NSLock()

    /// Parses every template; the first error (file, line, column, what was expected) is thrown.
    public init(templates: [String: String]) throws {
        sources = templates
        var compiled: [String: [TemplateNode]] = [:]
        for (name, source) in templates { compiled[name] = try TemplateParser(name: name, source: source).parse() }
        self.compiled = compiled
    }

    public var names: [String] { compiled.keys.sorted() }

    /// Partials and parents that templates name and the library lacks (dynamic names aside:
    /// they are known only when rendering), template by template.
    public var missingPartials: [(template: String, partial: String)] {
        var missing: [(String, String)] = []
        func walk(_ nodes: [TemplateNode], _ template: String) {
            for node in nodes {
                switch node {
                case .partial(let name, let dynamic, _):
                    if !dynamic, compiled[name] == nil { missing.append((template, name)) }
                case .parent(let name, let dynamic, _, let blocks):
                    if !dynamic, compiled[name] == nil { missing.append((template, name)) }
                    for block in blocks.values { walk([block], template) }
                case .section(_, let children, _), .block(_, let children, _, _): walk(children, template)
                case .text, .variable: break
                }
            }
        }
        for name in names { walk(compiled[name]!, name) }
        return missing
    }

    /// Every name `template` looks up, with the template it is written in: its own tags, those of
    /// the partials and parents it includes (static names; a dynamic partial's name counts as a
    /// name), and the blocks it overrides. A dotted name gives each of its parts.
    public func names(usedBy template: String) -> [(name: String, in: String)] {
        var out: [(String, String)] = []
        var seen: Set<String> = []
        var visited: Set<String> = []
        func add(_ path: NamePath, _ owner: String) {
            for part in path where seen.insert(owner + "\u{0}" + part).inserted { out.append((part, owner)) }
        }
        func walk(_ nodes: [TemplateNode], _ owner: String) {
            for node in nodes {
                switch node {
                case .text: break
                case .variable(let path, _): add(path, owner)
                case .section(let path, let children, _):
                    add(path, owner)
                    walk(children, owner)
                case .block(_, let children, _, _): walk(children, owner)
                case .partial(let name, let dynamic, _):
                    if dynamic { add(name == "." ? [] : name.split(separator: ".").map(String.init), owner) } else { include(name) }
                case .parent(let name, let dynamic, _, let blocks):
                    if dynamic { add(name == "." ? [] : name.split(separator: ".").map(String.init), owner) } else { include(name) }
                    for block in blocks.values { walk([block], owner) }
                }
            }
        }
        func include(_ name: String) {
            guard visited.insert(name).inserted, let nodes = compiled[name] else { return }
            walk(nodes, name)
        }
        include(template)
        return out
    }

    /// The template `name` rendered over `value`. An unknown template renders empty, as the
    /// Mustache spec asks of an unknown partial.
    public func render(_ name: String, _ value: TemplateValue) -> String {
        var out: [UInt8] = []
        render(name, value, into: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the rendering to `out`: one buffer per worker, no String per piece.
    public func render(_ name: String, _ value: TemplateValue, into out: inout [UInt8]) {
        guard let nodes = compiled[name] else { return }
        var stack = [value]
        render(nodes, &stack, blocks: [:], depth: 0, into: &out)
    }

    private func template(_ name: String, indent: String) -> [TemplateNode]? {
        guard !indent.isEmpty else { return compiled[name] }
        let key = name + "\u{0}" + indent
        lock.lock()
        defer { lock.unlock() }
        if let nodes = indented[key] { return nodes }
        guard let source = sources[name] else { return nil }
        var lines = source.split(separator: "\n", omittingEmptySubsequences: false).map { indent + $0 }
        if source.hasSuffix("\n") { lines[lines.count - 1] = "" }
        // The source parsed before without error; indenting its lines keeps it valid.
        let nodes = (try? TemplateParser(name: name, source: lines.joined(separator: "\n")).parse()) ?? []
        indented[key] = nodes
        return nodes
    }

    /// Partials nest at most this deep: a template that includes itself without end stops here.
    static let maxDepth = 100

    private func render(_ nodes: [TemplateNode], _ stack: inout [TemplateValue], blocks: [String: TemplateNode], depth: Int, into out: inout [UInt8]) {
        for node in nodes {
            switch node {
            case .text(let bytes):
                out.append(contentsOf: bytes)
            case .variable(let path, let escaped):
                guard let value = Self.lookup(path, in: stack) else { continue }
                if escaped { Escape.appendHTML(value.text, to: &out) } else { out.append(contentsOf: value.text.utf8) }
            case .section(let path, let children, let inverted):
                let value = Self.lookup(path, in: stack) ?? .null
                if inverted {
                    if !value.isTruthy { render(children, &stack, blocks: blocks, depth: depth, into: &out) }
                } else if case .list(let items) = value {
                    for item in items {
                        stack.append(item)
                        render(children, &stack, blocks: blocks, depth: depth, into: &out)
                        stack.removeLast()
                    }
                } else if value.isTruthy {
                    stack.append(value)
                    render(children, &stack, blocks: blocks, depth: depth, into: &out)
                    stack.removeLast()
                }
            case .partial(let name, let dynamic, let indent):
                guard depth < Self.maxDepth, let name = resolve(name, dynamic: dynamic, stack), let partial = template(name, indent: indent) else { continue }
                render(partial, &stack, blocks: [:], depth: depth + 1, into: &out)
            case .block(let name, let defaults, let standalone, let indent):
                var content = defaults, definedStandalone = standalone
                if case .block(_, let nodes, let s, _)? = blocks[name] { (content, definedStandalone) = (nodes, s) }
                guard standalone || definedStandalone else {
                    render(content, &stack, blocks: blocks, depth: depth, into: &out)
                    continue
                }
                // Indentation is removed where the block's content is defined and added where it
                // is expanded: the default content's own, or else the tag's.
                var rendered: [UInt8] = []
                render(content, &stack, blocks: blocks, depth: depth, into: &rendered)
                let removed = definedStandalone ? Self.leadingSpace(rendered[...]) : []
                var added: [UInt8]?
                if standalone {
                    if case .text(let first)? = defaults.first, !Self.leadingSpace(first[...]).isEmpty { added = Self.leadingSpace(first[...]) } else { added = Array(indent.utf8) }
                }
                Self.reindent(rendered, removing: removed, adding: added, into: &out)
            case .parent(let name, let dynamic, let indent, let own):
                guard depth < Self.maxDepth, let name = resolve(name, dynamic: dynamic, stack), let parent = template(name, indent: indent) else { continue }
                // The outermost template's blocks win over those of the parents it names.
                render(parent, &stack, blocks: own.merging(blocks) { _, outer in outer }, depth: depth + 1, into: &out)
            }
        }
    }

    static func leadingSpace(_ bytes: ArraySlice<UInt8>) -> [UInt8] {
        Array(bytes.prefix { $0 == 0x20 || $0 == 0x09 })
    }

    /// Each line of `text` without `removing` at its start and with `adding` before it; with
    /// `adding`, the block ends its last line.
    static func reindent(_ text: [UInt8], removing: [UInt8], adding: [UInt8]?, into out: inout [UInt8]) {
        var lines = text.split(separator: 0x0A, omittingEmptySubsequences: false)
        let endsLine = text.last == 0x0A
        if endsLine { lines.removeLast() }
        for (k, line) in lines.enumerated() {
            var line = line
            if !removing.isEmpty, line.starts(with: removing) { line = line.dropFirst(removing.count) }
            if let adding, !line.isEmpty { out.append(contentsOf: adding) }
            out.append(contentsOf: line)
            if k < lines.count - 1 || endsLine || adding != nil { out.append(0x0A) }
        }
    }

    private func resolve(_ name: String, dynamic: Bool, _ stack: [TemplateValue]) -> String? {
        guard dynamic else { return name }
        let parts = name == "." ? [] : name.split(separator: ".").map(String.init)
        guard let value = Self.lookup(parts, in: stack), case .string(let resolved) = value else { return nil }
        return resolved
    }

    /// A name's value: its first part in the innermost context that has it, the rest inside that.
    static func lookup(_ path: NamePath, in stack: [TemplateValue]) -> TemplateValue? {
        guard let first = path.first else { return stack.last }
        for context in stack.reversed() {
            guard case .object(let fields) = context, var value = fields[first] else { continue }
            for part in path.dropFirst() {
                guard case .object(let inner) = value, let next = inner[part] else { return nil }
                value = next
            }
            return value
        }
        return nil
    }
}
