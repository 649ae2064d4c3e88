import Foundation
import Support

/// Random edits to a site folder, of every kind an editor, a feed or a crawler makes between two
/// builds: articles added (in a new file, appended to a file, dated long ago, undated), removed
/// and changed; outlets and ratings; templates; site.yml; story overrides; grouping corrections;
/// content pages. Seeded: the same seed makes the same edits.
///
/// The corpus is JSON Lines files of `Content/corpus/`; articles held out of it at the start
/// (`reserve`) are what later edits add.
struct SiteEditor {
    enum Kind: String, CaseIterable, Sendable {
        case addFile = "articles added in a new file"
        case append = "articles appended to a corpus file"
        case addOld = "an article dated years before the corpus"
        case addUndated = "an undated article"
        case remove = "articles removed"
        case change = "an article's title or text changed"
        case rawText = "a raw .txt article changed"
        case outlet = "an outlet's rating or aliases changed"
        case rating = "outlet-ratings.csv changed"
        case template = "a template changed"
        case config = "site.yml changed"
        case override = "a story override written"
        case correction = "a grouping correction"
        case page = "a content page changed"
        case touch = "a file touched, unchanged"
    }

    let root: String
    var random: SeededRandom
    /// JSON Lines records not in the corpus yet.
    var reserve: [String]
    private var made = 0

    init(root: String, seed: UInt64, reserve: [String]) {
        self.root = root
        random = SeededRandom(seed: seed)
        self.reserve = reserve
    }

    var content: String { root + "/Content" }

    /// Applies one edit of a random kind; returns what it did.
    mutating func applyRandom() throws -> String {
        let kind = Kind.allCases.randomElement(using: &random)!
        return try apply(kind)
    }

    mutating func apply(_ kind: Kind) throws -> String {
        made += 1
        let said: String
        switch kind {
        case .addFile, .append, .addOld, .addUndated: said = try add(kind)
        case .remove, .change: said = try removeOrChange(kind)
        case .rawText: said = try editRawText()
        case .outlet: said = try editCSV("outlets.csv", column: "bias", values: ["left", "lean-left", "center", "lean-right", "right", ""])
        case .rating: said = try editCSV("outlet-ratings.csv", column: "bias", values: ["left", "center", "right"])
        case .template: said = try editTemplate()
        case .config: said = try editConfig()
        case .override, .correction: said = try correct(kind)
        case .page: said = try editPage()
        case .touch: said = try touch()
        }
        return said.hasPrefix(kind.rawValue) || said.contains(":") ? said : "\(kind.rawValue): \(said)"
    }

    /// Articles from the reserve: a new file, appended to a file, or one dated long ago or undated.
    private mutating func add(_ kind: Kind) throws -> String {
        // With the reserve spent, articles are removed (back into it) instead.
        if reserve.isEmpty { return try removeOrChange(.remove) }
        switch kind {
        case .addFile:
            let lines = takeReserve(Int.random(in: 1...25, using: &random))
            guard !lines.isEmpty else { return "nothing to add" }
            try write(lines.joined(separator: "\n") + "\n", to: "corpus/added-\(made).jsonl")
            return "\(kind.rawValue): \(lines.count) in corpus/added-\(made).jsonl"
        case .append:
            let lines = takeReserve(Int.random(in: 1...12, using: &random))
            guard let file = corpusFiles().randomElement(using: &random), !lines.isEmpty else { return "nothing to append" }
            let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: content + "/" + file))
            try handle.seekToEnd()
            try handle.write(contentsOf: Data((lines.joined(separator: "\n") + "\n").utf8))
            try handle.close()
            return "\(kind.rawValue): \(lines.count) to \(file)"
        default:
            guard var record = takeReserve(1).first.flatMap(Self.object) else { return "nothing to add" }
            record["id"] = "edit-\(made)-\(record["id"] as? String ?? "")"
            if kind == .addOld { record["published"] = "20\(String(format: "%02d", Int.random(in: 1...9, using: &random)))-0\(Int.random(in: 1...9, using: &random))-1\(Int.random(in: 0...9, using: &random))" } else { record["published"] = nil }
            try write(Self.line(record) + "\n", to: "corpus/added-\(made).jsonl")
            return "\(kind.rawValue): \(record["id"] as? String ?? "")"
        }
    }

    /// A few articles removed (back to the reserve), or one article's title or text changed.
    private mutating func removeOrChange(_ kind: Kind) throws -> String {
        if kind == .remove {
            return try editCorpusLines { lines, random in
                let count = min(lines.count - 1, Int.random(in: 1...10, using: &random))
                for _ in 0..<max(0, count) { lines.remove(at: Int.random(in: 0..<lines.count, using: &random)) }
                return "\(kind.rawValue): \(count)"
            }
        }
        return try editCorpusLines { lines, random in
            let i = Int.random(in: 0..<lines.count, using: &random)
            guard var record = Self.object(lines[i]) else { return "no article to change" }
            switch Int.random(in: 0..<3, using: &random) {
            case 0: record["title"] = "Update: " + (record["title"] as? String ?? "")
            case 1: record["body"] = (record["body"] as? String ?? "") + "\n\nThis article was updated with new reporting on the vote."
            default:
                let body = (record["body"] as? String ?? "").components(separatedBy: "\n\n")
                record["body"] = body.count > 1 ? body.dropLast().joined(separator: "\n\n") : "A short brief."
            }
            lines[i] = Self.line(record)
            return "\(kind.rawValue): \(record["id"] as? String ?? "")"
        }
    }

    private mutating func editRawText() throws -> String {
        let files = FileTree.files(below: content + "/corpus").filter { $0.hasSuffix(".txt") }
        guard let file = files.randomElement(using: &random) else { return "no raw article" }
        let path = content + "/corpus/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try (text + "\nShare this article\n").write(toFile: path, atomically: true, encoding: .utf8)
        return "\(Kind.rawText.rawValue): \(file)"
    }

    /// A comment before the first closing tag of a random template.
    private mutating func editTemplate() throws -> String {
        let templates = FileTree.files(below: root + "/Templates").filter { $0.hasSuffix(".mustache") }
        let file = templates.randomElement(using: &random)!
        let path = root + "/Templates/" + file
        let text = try String(contentsOfFile: path, encoding: .utf8)
        try text.replacingOccurrences(of: "</", with: "<!-- edit \(made) --></", options: [], range: text.range(of: "</")).write(toFile: path, atomically: true, encoding: .utf8)
        return "\(Kind.template.rawValue): \(file)"
    }

    /// A story override (title, pinned, topics or hidden; a summary or none), or a merge of two stories.
    private mutating func correct(_ kind: Kind) throws -> String {
        if kind == .correction {
            let slugs = storySlugs().shuffled(using: &random).prefix(2)
            guard slugs.count == 2 else { return "no stories to correct" }
            try write("merge:\n  - [\(slugs.joined(separator: ", "))]\n", to: "corrections.yml")
            return "\(kind.rawValue): merge \(slugs.joined(separator: " + "))"
        }
        guard let slug = storySlugs().randomElement(using: &random) else { return "no story to override" }
        let front = ["title: Edited title \(made)", "pinned: true", "topics: [Edited]", "hidden: true"].randomElement(using: &random)!
        let body = Bool.random(using: &random) ? "An editor's summary of the story.\n" : ""
        try write("---\n\(front)\n---\n\(body)", to: "stories/\(slug).md")
        return "\(kind.rawValue): \(slug) (\(front))"
    }

    private mutating func editPage() throws -> String {
        let path = content + "/pages/about.md"
        let text = (try? String(contentsOfFile: path, encoding: .utf8)) ?? "---\ntitle: About\n---\n"
        try (text + "\nEdit \(made) of this page.\n").write(toFile: path, atomically: true, encoding: .utf8)
        return "\(Kind.page.rawValue): pages/about.md"
    }

    /// A file written again with the same bytes: a new modification time, nothing else.
    private mutating func touch() throws -> String {
        guard let file = FileTree.files(below: content).randomElement(using: &random) else { return "nothing to touch" }
        let data = try Data(contentsOf: URL(fileURLWithPath: content + "/" + file))
        try data.write(to: URL(fileURLWithPath: content + "/" + file), options: .atomic)
        return "\(Kind.touch.rawValue): \(file)"
    }

    private mutating func takeReserve(_ count: Int) -> [String] {
        let taken = Array(reserve.prefix(count))
        reserve.removeFirst(taken.count)
        return taken
    }

    private func corpusFiles() -> [String] {
        FileTree.files(below: content + "/corpus").filter { $0.hasSuffix(".jsonl") }.map { "corpus/" + $0 }
    }

    /// Rewrites one corpus file's lines through `body`; removed lines go back to the reserve.
    private mutating func editCorpusLines(_ body: (inout [String], inout SeededRandom) -> String) throws -> String {
        guard let file = corpusFiles().randomElement(using: &random) else { return "no corpus file" }
        let path = content + "/" + file
        var lines = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").map(String.init)
        guard !lines.isEmpty else { return "an empty corpus file" }
        let before = Set(lines)
        let said = body(&lines, &random)
        reserve += before.subtracting(lines).sorted()
        try (lines.joined(separator: "\n") + (lines.isEmpty ? "" : "\n")).write(toFile: path, atomically: true, encoding: .utf8)
        return said + " in \(file)"
    }

    /// Sets `column` of a random row of a CSV file (quoted fields are left alone).
    private mutating func editCSV(_ name: String, column: String, values: [String]) throws -> String {
        let path = content + "/" + name
        guard let text = try? String(contentsOfFile: path, encoding: .utf8) else { return "no \(name)" }
        // ("\r\n" is one Character in Swift: split on the file's own line break.)
        let newline = text.contains("\r\n") ? "\r\n" : "\n"
        var lines = text.components(separatedBy: newline)
        guard lines.count > 2, let at = lines[0].components(separatedBy: ",").firstIndex(of: column) else { return "no \(column) in \(name)" }
        for _ in 0..<20 {
            let row = Int.random(in: 1..<lines.count, using: &random)
            var fields = lines[row].components(separatedBy: ",")
            guard !lines[row].contains("\""), fields.count > at else { continue }
            fields[at] = values.randomElement(using: &random)!
            lines[row] = fields.joined(separator: ",")
            try lines.joined(separator: newline).write(toFile: path, atomically: true, encoding: .utf8)
            return "\(name): row \(row) \(column) = \(fields[at])"
        }
        return "no plain row in \(name)"
    }

    private mutating func editConfig() throws -> String {
        let path = content + "/site.yml"
        var text = try String(contentsOfFile: path, encoding: .utf8)
        let change = [
            ("stories_per_page: 24", "stories_per_page: \(Int.random(in: 5...40, using: &random))"),
            ("title: Every Side", "title: Every Side \(made)"),
            ("  min_rated: 3", "  min_rated: \(Int.random(in: 1...4, using: &random))"),
            ("  max_share: 20", "  max_share: \(Int.random(in: 10...30, using: &random))"),
        ].randomElement(using: &random)!
        guard text.contains(change.0) else {
            // Put the default site's value back, so that later edits find it again.
            text = text.replacingOccurrences(of: #"(?m)^stories_per_page: \d+$"#, with: "stories_per_page: 24", options: .regularExpression)
                .replacingOccurrences(of: #"(?m)^title: Every Side \d+$"#, with: "title: Every Side", options: .regularExpression)
                .replacingOccurrences(of: #"(?m)^  min_rated: \d+$"#, with: "  min_rated: 3", options: .regularExpression)
                .replacingOccurrences(of: #"(?m)^  max_share: \d+$"#, with: "  max_share: 20", options: .regularExpression)
            try text.write(toFile: path, atomically: true, encoding: .utf8)
            return "site.yml: defaults back"
        }
        try text.replacingOccurrences(of: change.0, with: change.1).write(toFile: path, atomically: true, encoding: .utf8)
        return "site.yml: \(change.1.trimmed)"
    }

    private func storySlugs() -> [String] {
        let stories = root + "/Public/stories"
        return ((try? FileManager.default.contentsOfDirectory(atPath: stories)) ?? []).filter { !$0.contains(".") }.sorted()
    }

    private func write(_ text: String, to relative: String) throws {
        let path = content + "/" + relative
        try FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    static func object(_ line: String) -> [String: Any]? {
        (try? JSONSerialization.jsonObject(with: Data(line.utf8))) as? [String: Any]
    }

    static func line(_ object: [String: Any]) -> String {
        let data = (try? JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])) ?? Data("{}".utf8)
        return String(decoding: data, as: UTF8.self)
    }
}
