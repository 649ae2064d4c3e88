import Cleaning
import Foundation
#if canImport(Glibc)
import Glibc
import Support
#endif

/// What a long-running process (`sitegen serve`) keeps of the corpus from one build to the next,
/// so that an edit costs what it changed rather than the whole corpus:
///
/// - each corpus file's records as read (`RecordLog`), told apart by path, size and modification
///   time, which an edit always changes;
/// - each article's cleaning, reused while its title, text and outlet are the same and the
///   boilerplate index still says the same of every line it has (`CleaningMemo`);
/// - each cleaned text's duplicate sketch.
///
/// A file the last read did not use is dropped at once; cleanings and sketches of texts gone are
/// dropped once they outnumber the corpus. The corpus comes out exactly as without the cache.
public final class CorpusCache: @unchecked Sendable {
    private let lock = NSLock()
    private var mapping: FieldMapping?
    private var logs: [FileKey: RecordLog] = [:]
    private var used: [FileKey: RecordLog] = [:]
    private var memo = CleaningMemo()

    public init() {}

    /// Files read from the cache in the last `read`, and files read from disk.
    public private(set) var filesReused = 0
    public private(set) var filesRead = 0
    /// Articles whose cleaning was reused in the last clean, and articles cleaned.
    public private(set) var articlesReused = 0
    public private(set) var articlesCleaned = 0
    /// The files of the last `read` (as its diagnostics name them: `Content/corpus/x.jsonl`), and
    /// those of them it read from disk rather than from the cache.
    public private(set) var filesOfRead: Set<String> = []
    public private(set) var filesReadFromDisk: Set<String> = []
    /// The cleaner of the last clean, with the boilerplate it learned: `quickClean` cleans an
    /// edited article with it (the quick preview of `serve`).
    private var lastCleaner: ArticleCleaner?

    /// A corpus file as it is on disk now, and how its folder and the field mapping read it.
    struct FileKey: Hashable {
        var path: String
        var relative: String
        var size: Int64
        var modified: Int64
        var modifiedNanoseconds: Int64
        var story: String?
        var topics: [String]

        /// Nil when the file cannot be looked at (then it is read, and not kept).
        init?(path: String, relative: String, folder: FolderDefaults) {
            var info = stat()
            guard stat(path, &info) == 0 else { return nil }
            self.path = path
            self.relative = relative
            size = Int64(info.st_size)
            modified = Int64(info.st_mtim.tv_sec)
            modifiedNanoseconds = Int64(info.st_mtim.tv_nsec)
            story = folder.story
            topics = folder.topics
        }
    }

    func beginRead(mapping: FieldMapping) {
        lock.lock()
        if self.mapping != mapping { logs = [:] }
        self.mapping = mapping
        used = [:]
        filesReused = 0
        filesRead = 0
        filesOfRead = []
        filesReadFromDisk = []
        lock.unlock()
    }

    func endRead() {
        lock.lock()
        logs = used
        used = [:]
        lock.unlock()
    }

    func log(for key: FileKey) -> RecordLog? {
        lock.lock()
        defer { lock.unlock() }
        guard let log = logs[key] else { return nil }
        used[key] = log
        filesReused += 1
        filesOfRead.insert(key.relative)
        return log
    }

    /// Counts a file read from disk, and keeps what it gave unless it could not be read whole.
    func keep(_ log: RecordLog, for key: FileKey) {
        lock.lock()
        if log.isComplete { used[key] = log }
        filesRead += 1
        filesOfRead.insert(key.relative)
        filesReadFromDisk.insert(key.relative)
        lock.unlock()
    }

    /// The memo of the last clean made with these settings (an empty one when they changed).
    func cleaningMemo(settings: String) -> CleaningMemo {
        lock.lock()
        defer { lock.unlock() }
        return memo.settings == settings ? memo : CleaningMemo(settings: settings)
    }

    func keep(_ memo: CleaningMemo, reused: Int, cleaned: Int, cleaner: ArticleCleaner) {
        lock.lock()
        self.memo = memo
        articlesReused = reused
        articlesCleaned = cleaned
        lastCleaner = cleaner
        lock.unlock()
    }

    /// `article` cleaned as the last clean would have cleaned it had it been in the corpus: with
    /// the boilerplate that clean learned (which one article hardly moves), without the duplicate
    /// check. Nil before any clean. For a preview only: the build's own clean is the exact one.
    public func quickClean(_ article: Article) -> Article? {
        lock.lock()
        let cleaner = lastCleaner
        lock.unlock()
        guard let cleaner else { return nil }
        var article = article
        if let outcome = CorpusCleaner.outcome(of: article, cleaner: cleaner, verdicts: [], keepTrace: false)?.outcome {
            article.title = outcome.title
            article.body = outcome.body
        }
        if article.title.isEmpty { article.title = article.id }
        return article
    }
}

/// What cleaning learned of each article, for the next clean of the same process (see
/// `CorpusCleaner.clean`). Texts are told apart byte for byte (`ExactText`): two texts Swift
/// counts as equal may still differ in the bytes the cleaner reads.
struct CleaningMemo: Sendable {
    var settings = ""
    /// An article's text → the keys of its lines that the boilerplate index counts.
    var lineKeys: [ExactText: [UInt64]] = [:]
    /// An article as loaded → its cleaning, and what the index said of each of its line keys.
    var cleaned: [CleaningInput: CleaningOutcome] = [:]
    /// A cleaned text → its duplicate sketch.
    var sketches: [ExactText: [UInt64]] = [:]
}

struct CleaningInput: Hashable, Sendable {
    var title: ExactText
    var body: ExactText
    var outlet: ExactText
}

struct CleaningOutcome: Sendable {
    /// `BoilerplateIndex.verdicts` for the article's line keys when it was cleaned.
    var verdicts: [UInt8]
    var title: String
    var body: String?
    var linesIn: Int
    var removed: Int
    var titleFound: Bool
    /// The site the page names in its furniture, for an article whose record names no outlet
    /// and no URL (`SiteNameInText`).
    var siteName: String?
}

/// A string compared and hashed by its UTF-8 bytes, not by Unicode canonical equivalence: the key
/// of caches whose values were computed from the bytes.
public struct ExactText: Hashable, Sendable {
    public var text: String

    public init(_ text: String) { self.text = text }

    public static func == (a: ExactText, b: ExactText) -> Bool {
        UTF8Scalars.withBytes(of: a.text) { x in
            UTF8Scalars.withBytes(of: b.text) { y in
                x.count == y.count && (x.count == 0 || memcmp(x.baseAddress!, y.baseAddress!, x.count) == 0)
            }
        }
    }

    public func hash(into hasher: inout Hasher) {
        UTF8Scalars.withBytes(of: text) { hasher.combine(bytes: UnsafeRawBufferPointer($0)) }
    }
}
