import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Watches folders (recursively) with Linux inotify and calls `onChange` once per burst of
/// changes — an editor saving a file is often several events (write, rename, attribute) — with
/// the paths that changed. Editor scratch files (`.swp`, `~`, `4913`) are ignored.
///
/// A burst ends `settle` after its last event once every file written in it has been closed or
/// renamed into place: a save is complete then, and waiting longer only delays the page. While a
/// file is still open for writing, or a file that was there is gone (an editor may remove the
/// old file before it writes the new one), or a folder was made (what was written in it before
/// its watch was added gave no events), the burst ends `debounce` after its first event, as it
/// always did.
public final class FileWatcher: @unchecked Sendable {
    private let fd: Int32
    private var watches: [Int32: String] = [:]
    private let lock = NSLock()
    private let debounce: TimeInterval
    private let settle: TimeInterval
    private let onChange: @Sendable ([String]) -> Void
    private var thread: Thread?
    private var stopped = false

    static let mask = UInt32(IN_CLOSE_WRITE | IN_CREATE | IN_DELETE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE_SELF | IN_MODIFY)

    /// Fails (returns nil) where inotify is not available.
    public init?(folders: [String], debounce: TimeInterval = 0.15, settle: TimeInterval = 0.03, onChange: @escaping @Sendable ([String]) -> Void) {
        fd = inotify_init1(Int32(IN_CLOEXEC))
        guard fd >= 0 else { return nil }
        self.debounce = debounce
        self.settle = min(settle, debounce)
        self.onChange = onChange
        for folder in folders { addTree(folder) }
    }

    deinit { close(fd) }

    private func addTree(_ folder: String) {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: folder, isDirectory: &isDirectory), isDirectory.boolValue else { return }
        let wd = inotify_add_watch(fd, folder, Self.mask)
        if wd >= 0 {
            lock.lock()
            watches[wd] = folder
            lock.unlock()
        }
        for name in (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [] where !name.hasPrefix(".") {
            addTree((folder as NSString).appendingPathComponent(name))
        }
    }

    static func ignored(_ name: String) -> Bool {
        name.isEmpty || name.hasPrefix(".") || name.hasSuffix("~") || name.hasSuffix(".swp") || name.hasSuffix(".swx") || name == "4913"
    }

    /// Starts the reading thread.
    public func start() {
        let thread = Thread { [weak self] in self?.run() }
        thread.name = "sitegen-watch"
        self.thread = thread
        thread.start()
    }

    public func stop() {
        lock.lock()
        stopped = true
        lock.unlock()
    }

    private var isStopped: Bool {
        lock.lock()
        defer { lock.unlock() }
        return stopped
    }

    private func run() {
        var buffer = [UInt8](repeating: 0, count: 64 * 1024)
        var pending: [String] = []
        // Files written to in this burst and not closed (or moved, or deleted) since; files that
        // were there before the burst and are gone now (deleted or moved away, not yet back: an
        // editor may save by removing the old file first); files that appeared in it.
        var writing: Set<String> = []
        var missing: Set<String> = []
        var appeared: Set<String> = []
        // A folder made in this burst: files made in it before its watch was added gave no
        // events, so none of them can be known to be complete.
        var newFolder = false
        var deadline: Date?
        var lastEvent = Date.distantPast
        // The burst ends at its deadline, or `settle` after its last event once nothing is mid-write.
        func end() -> Date? {
            deadline.map { writing.isEmpty && missing.isEmpty && !newFolder ? min($0, lastEvent.addingTimeInterval(settle)) : $0 }
        }
        while !isStopped {
            // Wait for events, or for the end of the burst.
            var pfd = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
            let timeout = end().map { max(0, Int32(($0.timeIntervalSinceNow * 1000).rounded(.up))) } ?? 250
            if poll(&pfd, 1, timeout) > 0 {
                let n = read(fd, &buffer, buffer.count)
                if n > 0 {
                    let events = parse(buffer, count: n)
                    for (path, mask) in events {
                        if mask & UInt32(IN_ISDIR) != 0 {
                            if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { newFolder = true }
                        } else if mask & Self.finished != 0 {
                            writing.remove(path)
                        } else if mask & Self.writes != 0 {
                            writing.insert(path)
                        }
                        if mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 {
                            appeared.insert(path)
                            missing.remove(path)
                        } else if mask & UInt32(IN_DELETE | IN_MOVED_FROM) != 0, mask & UInt32(IN_ISDIR) == 0, !appeared.contains(path) {
                            missing.insert(path)
                        }
                        pending.append(path)
                    }
                    if !events.isEmpty {
                        lastEvent = Date()
                        if deadline == nil { deadline = lastEvent.addingTimeInterval(debounce) }
                    }
                }
            }
            // (Checked after events too: a file written without pause still ends its burst at the deadline.)
            if let end = end(), end.timeIntervalSinceNow <= 0 {
                let changed = Array(Set(pending)).sorted()
                pending = []
                writing = []
                missing = []
                appeared = []
                newFolder = false
                deadline = nil
                if !changed.isEmpty { onChange(changed) }
            }
        }
    }

    /// Events that leave a file mid-write, and events after which it is complete (or gone).
    static let writes = UInt32(IN_CREATE | IN_MODIFY)
    static let finished = UInt32(IN_CLOSE_WRITE | IN_MOVED_TO | IN_MOVED_FROM | IN_DELETE | IN_DELETE_SELF)

    /// Decodes inotify records; adds watches for new folders.
    private func parse(_ buffer: [UInt8], count: Int) -> [(path: String, mask: UInt32)] {
        var paths: [(path: String, mask: UInt32)] = []
        var offset = 0
        let header = MemoryLayout<inotify_event>.size
        while offset + header <= count {
            let (wd, mask, length) = buffer.withUnsafeBytes { raw -> (Int32, UInt32, Int) in
                let event = raw.loadUnaligned(fromByteOffset: offset, as: inotify_event.self)
                return (event.wd, event.mask, Int(event.len))
            }
            let nameBytes = buffer[(offset + header)..<min(count, offset + header + length)].prefix { $0 != 0 }
            let name = String(decoding: nameBytes, as: UTF8.self)
            offset += header + length
            lock.lock()
            let folder = watches[wd]
            lock.unlock()
            guard let folder, !Self.ignored(name) || name.isEmpty && mask & UInt32(IN_DELETE_SELF) != 0 else { continue }
            let path = name.isEmpty ? folder : (folder as NSString).appendingPathComponent(name)
            if mask & UInt32(IN_ISDIR) != 0, mask & UInt32(IN_CREATE | IN_MOVED_TO) != 0 { addTree(path) }
            paths.append((path, mask))
        }
        return paths
    }
}
