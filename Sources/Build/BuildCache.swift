import Corpus
import Foundation
import Glibc
import Render
import SiteModel
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
    /// Each stage's last result, typed, with the fingerprint of the inputs it was made from.
    let theme = StageSlot<Theme>()
    let outlets = StageSlot<(registry: OutletRegistry, diagnostics: [Diagnostic])>()
    let cleaned = StageSlot<LoadedCorpus>()
    let grouped = StageSlot<(stories: [Story], problems: [String])>()
    let measured = StageSlot<(model: SiteModel, diagnostics: [Diagnostic])>()
    /// The story pages and stories' JSON of the last build, by the site inputs they share.
    let storyPages = StageSlot<StoryPageCache>()
    /// What the last build's quick preview needs (`QuickPreview`).
    let preview = StageSlot<QuickPreview.State>()
    /// Corpus files as read and articles as cleaned, reused when a corpus edit left them as they were.
    let corpus = CorpusCache()
    /// The terms counted in each article and story, reused when a corpus edit left them as they were.
    let grouping = GroupingCache()
    /// The pages of the last build other than story pages, reused when their templates and
    /// context are equal (see `RenderMemo`).
    let renders = RenderMemo()

    public init() {}

    /// True once a build has filled it: later builds of the process need no up-to-date check.
    var isWarm: Bool { theme.latest != nil }

    /// A fingerprint of a file or of every file below a folder: paths, sizes, modification times.
    static func mark(_ path: String) -> String {
        var info = stat()
        guard stat(path, &info) == 0 else { return "absent:\(path)" }
        var hash = FNV1a()
        func add(_ text: String) { for b in text.utf8 { hash.add(b) }; hash.add(0) }
        add(path)
        if (info.st_mode & S_IFMT) == S_IFDIR {
            hash.add(word: FileTree.fingerprint(below: path))
        } else {
            add("\t\(info.st_size)\t\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)")
        }
        return String(hash.value, radix: 16)
    }
}

/// One stage's last result and the fingerprint (`key`) of the inputs it was made from.
final class StageSlot<Value>: @unchecked Sendable {
    private let lock = NSLock()
    private var entry: (key: String, value: Value)?

    /// The result made from inputs with this fingerprint, if it is the one kept.
    func value(for key: String) -> Value? {
        lock.lock()
        defer { lock.unlock() }
        guard let entry, entry.key == key else { return nil }
        return entry.value
    }

    /// The result kept, whatever it was made from.
    var latest: Value? {
        lock.lock()
        defer { lock.unlock() }
        return entry?.value
    }

    func store(_ value: Value, key: String) {
        lock.lock()
        entry = (key, value)
        lock.unlock()
    }

    func clear() {
        lock.lock()
        entry = nil
        lock.unlock()
    }
}
