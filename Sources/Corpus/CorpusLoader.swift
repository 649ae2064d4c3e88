import Foundation
import Support
import Yams

/// What loading a corpus gave: the articles (in a stable order), what was wrong, and counts.
public struct LoadedCorpus: Sendable {
    public var articles: [Article]
    public var diagnostics: [Diagnostic]
    public var stats: CorpusStats
    public var cleaning: CleaningReport
}

/// Loads every corpus file below a folder (recursively, in sorted order): `*.jsonl`, `*.jsonl.gz`,
/// `*.csv`, and raw `*.txt`/`*.md` articles. A folder's `_story.yml` (`story: key`, `topics: [...]`)
/// groups the files in it and below. Files and folders starting with `.` or `_` are not articles.
public struct CorpusLoader: Sendable {
    public var mapping: FieldMapping
    /// Every loaded article goes through the cleaner (DESIGN.md §3): title, clutter, duplicates.
    public var cleaning: CleaningOptions
    /// What `sitegen serve` keeps between rebuilds: files and articles that did not change are
    /// not read or cleaned again.
    public var cache: CorpusCache?

    public init(mapping: FieldMapping = FieldMapping(), cleaning: CleaningOptions = CleaningOptions()) {
        self.mapping = mapping
        self.cleaning = cleaning
    }

    /// The corpus as read, before cleaning: `read` then `clean` is `load` in two timed steps.
    public struct ReadCorpus: Sendable {
        fileprivate var factory: ArticleFactory
        public var articleCount: Int { factory.articles.count }
        /// The articles as read, before cleaning.
        public var articles: [Article] { factory.articles }
    }

    /// Reads (and checks) every record below `directory`, without cleaning.
    public func read(directory: String, displayPrefix: String? = nil) throws -> ReadCorpus {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: directory, isDirectory: &isDirectory) else {
            throw CorpusError.missing(path: displayPrefix ?? directory, what: "create it and put the corpus files (.jsonl, .jsonl.gz, .csv, .txt, .md) in it")
        }
        var factory = ArticleFactory()
        cache?.beginRead(mapping: mapping)
        defer { cache?.endRead() }
        if isDirectory.boolValue {
            walk(directory: directory, relative: displayPrefix ?? (directory as NSString).lastPathComponent, folder: FolderDefaults(), factory: &factory)
        } else {
            loadFile(path: directory, relative: displayPrefix ?? directory, folder: FolderDefaults(), factory: &factory)
        }
        return ReadCorpus(factory: factory)
    }

    /// Cleans what `read` gave (DESIGN.md §3). The articles as read are handed over to the
    /// cleaner, which lets each raw text go once it is cleaned: a caller that keeps no other copy
    /// of `corpus` never holds the raw and the cleaned corpus whole at once.
    public func clean(_ corpus: consuming ReadCorpus) -> LoadedCorpus {
        var articles: [Article] = []
        swap(&articles, &corpus.factory.articles)
        return finish(corpus.factory, articles: consume articles)
    }

    private func finish(_ factory: ArticleFactory) -> LoadedCorpus { finish(factory, articles: factory.articles) }

    private func finish(_ factory: ArticleFactory, articles read: consuming [Article]) -> LoadedCorpus {
        let (articles, report) = CorpusCleaner.clean(consume read, options: cleaning, cache: cache)
        var diagnostics = factory.diagnostics
        for duplicate in report.duplicates {
            diagnostics.append(Diagnostic(.warning, at: duplicate.droppedAt,
                "\"\(duplicate.dropped)\" is the same article as \"\(duplicate.kept)\" (\(duplicate.keptAt)): \(duplicate.why)",
                "counted once, this copy dropped"))
        }
        var stats = factory.stats
        stats.withoutOutlet -= report.outletsFound
        stats.outletsFromText = report.outletsFound
        var dated = articles
        for (i, found) in InferredDate.infer(articles).enumerated() where found != nil {
            dated[i].publishedInferred = found
            stats.datesInferred += 1
        }
        return LoadedCorpus(articles: dated, diagnostics: diagnostics, stats: stats, cleaning: report)
    }

    public func load(directory: String, displayPrefix: String? = nil) throws -> LoadedCorpus {
        clean(try read(directory: directory, displayPrefix: displayPrefix))
    }

    /// Loads the given files and folders in order into one corpus, as `sitegen extract` does.
    public func load(paths: [String]) -> LoadedCorpus {
        var factory = ArticleFactory()
        for path in paths {
            var isDirectory: ObjCBool = false
            if !FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) {
                factory.fileError(CorpusError.missing(path: path, what: "check the path"), path: path)
            } else if isDirectory.boolValue {
                walk(directory: path, relative: path, folder: FolderDefaults(), factory: &factory)
            } else {
                loadFile(path: path, relative: path, folder: FolderDefaults(), factory: &factory)
            }
        }
        return finish(factory)
    }

    private func walk(directory: String, relative: String, folder inherited: FolderDefaults, factory: inout ArticleFactory) {
        var folder = inherited
        let storyFile = (directory as NSString).appendingPathComponent("_story.yml")
        if FileManager.default.fileExists(atPath: storyFile) {
            do {
                folder = try FolderDefaults(path: storyFile, display: "\(relative)/_story.yml", inheriting: inherited)
            } catch {
                factory.fileError(error, path: "\(relative)/_story.yml")
            }
        }
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []).sorted()
        for name in names where !name.hasPrefix(".") && !name.hasPrefix("_") {
            let path = (directory as NSString).appendingPathComponent(name)
            let rel = "\(relative)/\(name)"
            var isDir: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDir) else { continue }
            if isDir.boolValue {
                walk(directory: path, relative: rel, folder: folder, factory: &factory)
            } else {
                loadFile(path: path, relative: rel, folder: folder, factory: &factory)
            }
        }
    }

    private func loadFile(path: String, relative: String, folder: FolderDefaults, factory: inout ArticleFactory) {
        let lower = path.lowercased()
        factory.stats.files += 1
        let kind: (inout RecordLog) -> Void
        if lower.hasSuffix(".jsonl") || lower.hasSuffix(".jsonl.gz") || lower.hasSuffix(".ndjson") {
            kind = { JSONLinesLoader.load(path: path, relativePath: relative, into: &$0, folder: folder, mapping: mapping, jobs: cleaning.jobs) }
        } else if lower.hasSuffix(".csv") {
            kind = { CSVCorpusLoader.load(path: path, relativePath: relative, into: &$0, folder: folder, mapping: mapping) }
        } else if lower.hasSuffix(".txt") || lower.hasSuffix(".md") || lower.hasSuffix(".markdown") {
            kind = { RawArticleLoader.load(path: path, relativePath: relative, into: &$0, folder: folder, mapping: mapping) }
        } else {
            factory.stats.files -= 1
            factory.diagnostics.append(Diagnostic(.warning, at: SourceLocation(path: relative), "not a corpus file (expected .jsonl, .jsonl.gz, .csv, .txt or .md)", "ignored"))
            return
        }
        let key = cache.flatMap { _ in CorpusCache.FileKey(path: path, relative: relative, folder: folder) }
        if let key, let log = cache?.log(for: key) {
            factory.apply(log)
            return
        }
        var log = RecordLog()
        kind(&log)
        factory.apply(log)
        if let key { cache?.keep(log, for: key) }
    }
}

/// What a folder's `_story.yml` says about the files in it: their story key and topics.
struct FolderDefaults: Sendable {
    var story: String?
    var topics: [String] = []

    init() {}

    init(path: String, display: String, inheriting parent: FolderDefaults) throws {
        let text = try String(contentsOfFile: path, encoding: .utf8)
        let loaded: Any?
        do { loaded = try FrontMatter.load(yaml: text) } catch {
            throw CorpusError.invalid(location: SourceLocation(path: display, line: (error as? YamlError).flatMap(FrontMatter.line(of:)).map { $0 + 1 }), reason: "invalid YAML (\(FrontMatter.summary(of: error)))")
        }
        guard let map = loaded as? [String: Any] else {
            throw CorpusError.invalid(location: SourceLocation(path: display, line: 1), reason: "expected a mapping such as `story: my-story-key`")
        }
        story = RawRecord.scalar(map["story"]) ?? parent.story
        let topics = RawRecord.list(map["topics"])
        self.topics = topics.isEmpty ? parent.topics : topics
    }

    func apply(to raw: inout RawRecord, fileName: String) {
        if raw.story == nil { raw.story = story }
        if raw.topics.isEmpty { raw.topics = topics }
    }
}

/// `*.jsonl` / `*.jsonl.gz`: one JSON object per line; blank lines are allowed.
enum JSONLinesLoader {
    /// One thread reads (and decompresses) the file into batches of lines while the batch before
    /// is parsed and made into articles on `jobs` cores; each batch is then added in file order,
    /// so ids, diagnostics and articles come out as a one-core load makes them.
    static func load(path: String, relativePath: String, into log: inout RecordLog, folder: FolderDefaults, mapping: FieldMapping, jobs: Int = 1) {
        let batches = BatchQueue<[(line: Data, number: Int)]>(capacity: 2)
        let reader = Thread {
            var batch: [(line: Data, number: Int)] = []
            do {
                try LineReader.forEachLine(path: path) { line, number in
                    batch.append((line, number))
                    if batch.count >= 4096 { batches.put(batch); batch = [] }
                }
                batches.put(batch)
                batches.finish(nil)
            } catch {
                batches.put(batch)
                batches.finish(error)
            }
        }
        reader.stackSize = 1 << 22
        reader.start()
        while let batch = batches.take() {
            let prepared = Parallel.map(batch, jobs: jobs) { item in
                prepare(item.line, location: SourceLocation(path: relativePath, line: item.number), folder: folder, mapping: mapping)
            }
            for outcome in prepared {
                switch outcome {
                case .blank: break
                case let .rejected(location, message): log.reject(location, message)
                case let .record(record): log.commit(record)
                }
            }
        }
        switch batches.error {
        case nil: break
        case let CorpusError.unreadable(_, reason)?:
            // LineReader names the file by the path it opened; reports name it as the user gave it.
            log.fileError(CorpusError.unreadable(path: relativePath, reason: reason), path: relativePath)
        case let error?:
            log.fileError(error, path: relativePath)
        }
    }

    private enum Outcome: Sendable {
        case blank
        case rejected(SourceLocation, String)
        case record(PreparedRecord)
    }

    private static func prepare(_ line: Data, location: SourceLocation, folder: FolderDefaults, mapping: FieldMapping) -> Outcome {
        if line.allSatisfy({ $0 == 32 || $0 == 9 || $0 == 13 }) { return .blank }
        let object: Any
        do { object = try JSONSerialization.jsonObject(with: line) } catch {
            return .rejected(location, "invalid JSON (\(Self.reason(error)))")
        }
        guard let dict = object as? [String: Any] else {
            return .rejected(location, "a JSON Lines record must be an object ({...})")
        }
        var raw = RawRecord(object: dict, mapping: mapping)
        folder.apply(to: &raw, fileName: location.path)
        return .record(ArticleFactory.prepare(raw, at: location))
    }

    static func reason(_ error: Error) -> String {
        let ns = error as NSError
        if let detail = ns.userInfo[NSDebugDescriptionErrorKey] as? String { return detail }
        return ns.localizedDescription
    }
}

/// `*.csv` with a header row; columns named as the record fields, or as `site.yml` maps them, or
/// by a common synonym (`headline`, `text`, `date`, `link`, `source`).
enum CSVCorpusLoader {
    static func load(path: String, relativePath: String, into log: inout RecordLog, folder: FolderDefaults, mapping: FieldMapping) {
        let table: CSVTable
        do {
            let data = try Data(contentsOf: URL(fileURLWithPath: path))
            table = try CSVTable(path: relativePath, text: String(decoding: data, as: UTF8.self))
        } catch {
            log.fileError(error, path: relativePath)
            return
        }
        var columns: [String: Int] = [:]
        for field in FieldMapping.canonicalFields {
            if let i = table.column([mapping.column(for: field), field] + (FieldMapping.synonyms[field] ?? [])) {
                columns[field] = i
            }
        }
        guard columns["title"] != nil || columns["body"] != nil else {
            log.fileError(CorpusError.invalid(location: SourceLocation(path: relativePath, line: 1), reason: "no title or body column (header: \(table.header.joined(separator: ", "))); map yours under `fields:` in site.yml"), path: relativePath)
            return
        }
        for record in table.records {
            let f = record.fields
            var raw = RawRecord()
            raw.id = f[safe: columns["id"]]
            raw.outlet = f[safe: columns["outlet"]]
            raw.url = f[safe: columns["url"]]
            raw.published = f[safe: columns["published"]]
            raw.title = f[safe: columns["title"]]
            raw.body = f[safe: columns["body"]]
            raw.story = f[safe: columns["story"]]
            raw.topics = RawRecord.list(f[safe: columns["topics"]])
            raw.authors = RawRecord.list(f[safe: columns["authors"]])
            raw.language = f[safe: columns["language"]]
            folder.apply(to: &raw, fileName: relativePath)
            log.add(raw, at: SourceLocation(path: relativePath, line: record.line))
        }
    }
}

/// A bounded hand-over between one producing thread and one consumer: `put` waits while it is
/// full, `take` while it is empty, and returns nil once the producer has finished.
final class BatchQueue<Element>: @unchecked Sendable {
    private let condition = NSCondition()
    private var items: [Element] = []
    private var finished = false
    private let capacity: Int
    private(set) var error: Error?

    init(capacity: Int) { self.capacity = capacity }

    func put(_ item: Element) {
        condition.lock()
        while items.count >= capacity { condition.wait() }
        items.append(item)
        condition.broadcast()
        condition.unlock()
    }

    func finish(_ error: Error?) {
        condition.lock()
        finished = true
        self.error = error
        condition.broadcast()
        condition.unlock()
    }

    func take() -> Element? {
        condition.lock()
        defer { condition.unlock() }
        while items.isEmpty && !finished { condition.wait() }
        guard !items.isEmpty else { return nil }
        let item = items.removeFirst()
        condition.broadcast()
        return item
    }
}
