import Corpus
import Foundation
import Glibc
import Render
import Stories
import Support
#if canImport(Glibc)
#endif

/// What a long-running process (`sitegen serve`) keeps between builds: the result of each stage
/// with a fingerprint of what it was made from. A stage whose inputs did not change is not run
/// again: a template edit re-renders the pages from the measured stories in memory; a story
/// override skips loading, cleaning and grouping. Files are told apart by path, size and
/// modification time, which an edit always changes.
public final class BuildCache: @unchecked Sendable {
    private let lock = NSLock()
    private var entries: [String: (key: String, value: Any)] = [:]
    /// Corpus files as read and articles as cleaned, reused when a corpus edit left them as they were.
    let corpus = CorpusCache()
    /// The terms counted in each article and story, reused when a corpus edit left them as they were.
    let grouping = GroupingCache()
    /// The pages of the last build other than story pages, reused when their templates and
    /// context are equal (see `RenderMemo`).
    let renders = RenderMemo()

    public init() {}

    /// True once a build has filled it: later builds of the process need no up-to-date check.
    var isWarm: Bool {
        lock.lock()
        defer { lock.unlock() }
        return !entries.isEmpty
    }

    func value<T>(_ stage: String, key: String) -> T? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry = entries[stage], entry.key == key else { return nil }
        return entry.value as? T
    }

    /// The value last stored for `stage`, whatever it was made from.
    func latest<T>(_ stage: String) -> T? {
        lock.lock()
        defer { lock.unlock() }
        return entries[stage]?.value as? T
    }

    func store(_ stage: String, key: String, _ value: Any) {
        lock.lock()
        entries[stage] = (key, value)
        lock.unlock()
    }

    func remove(_ stage: String) {
        lock.lock()
        entries[stage] = nil
        lock.unlock()
    }

    /// A fingerprint of a file or of every file below a folder: paths, sizes, modification times.
    static func mark(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "absent:\(path)" }
        var hash = FNV1a()
        func add(_ text: String) { for b in text.utf8 { hash.add(b) }; hash.add(0) }
        add(path)
        let files = (info.st_mode & S_IFMT) == S_IFDIR ? FileTree.files(below: path) : [""]
        for relative in files {
            var f = stat()
            guard stat(relative.isEmpty ? path : path + "/" + relative, &f) == 0 else { continue }
            add("\(relative)\t\(f.st_size)\t\(f.st_mtim.tv_sec).\(f.st_mtim.tv_nsec)")
        }
        return String(hash.value, radix: 16)
    }
}
