import CAtomicSwap
import Foundation
import Support

/// One file of the built site: its path below the output folder and its bytes.
public struct OutputFile: Sendable {
    public var path: String
    public var data: Data

    public init(path: String, data: Data) {
        self.path = path
        self.data = data
    }

    public init(path: String, text: String) {
        self.init(path: path, data: Data(text.utf8))
    }
}

/// What writing the site changed.
public struct WriteReport: Sendable, Equatable, Codable {
    public var added = 0, updated = 0, unchanged = 0, removed = 0
    public var changed: Bool { added + updated + removed > 0 }

    public init(added: Int = 0, updated: Int = 0, unchanged: Int = 0, removed: Int = 0) {
        self.added = added
        self.updated = updated
        self.unchanged = unchanged
        self.removed = removed
    }
}

public enum OutputError: Error, CustomStringConvertible {
    case unsafePath(String)
    case io(String, String)

    public var description: String {
        switch self {
        case let .unsafePath(p): return "refused to write \"\(p)\": an output path must stay inside the output folder"
        case let .io(path, reason): return "\(path): \(reason)"
        }
    }
}

/// Replaces the output folder atomically: the new site is assembled in a staging folder beside
/// it (unchanged files hard-linked from the current site, so they keep their inode and mtime),
/// then swapped in with one `renameat2(RENAME_EXCHANGE)`. A failure at any point leaves the last
/// good site untouched; a build that changes nothing writes nothing.
public enum OutputWriter {
    /// `progress` counts the files as they are placed in the new site (written, or linked when
    /// unchanged).
    public static func write(_ files: [OutputFile], to output: String, progress: BuildProgress? = nil) throws -> WriteReport {
        var seen: Set<String> = []
        for file in files {
            guard isSafe(file.path) else { throw OutputError.unsafePath(file.path) }
            guard seen.insert(file.path).inserted else { throw OutputError.io(file.path, "two pages want the same output file") }
        }
        let session = try OutputSession(output: output, progress: progress)
        if let failure = session.add(all: files) {
            session.abandon()
            throw OutputError.io(output, failure)
        }
        return try session.commit()
    }

    enum FileState: Sendable { case added, updated, unchanged }

    /// Writes `data` to a new file; the error message, or nil.
    static func writeFile(_ path: String, _ data: Data) -> String? {
        createFile(path, data).failure(path)
    }

    enum Creation: Equatable {
        case written, notCreated(Int32), notWritten(Int32)

        /// The error message for the file at `path`, or nil.
        func failure(_ path: String) -> String? {
            switch self {
            case .written: return nil
            case let .notCreated(code): return "\(path): could not create file (\(String(cString: strerror(code))))"
            case let .notWritten(code): return "\(path): could not write file (\(String(cString: strerror(code))))"
            }
        }
    }

    /// Writes `data` to a new file, with the `errno` of what failed.
    static func createFile(_ path: String, _ data: Data) -> Creation {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return .notCreated(errno) }
        defer { close(fd) }
        let failure = data.withUnsafeBytes { raw -> Int32? in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return errno }
                offset += n
            }
            return nil
        }
        return failure.map(Creation.notWritten) ?? .written
    }

    /// A file's bytes, or nil.
    static func readFile(_ path: String) -> Data? {
        FileManager.default.contents(atPath: path)
    }

    /// Relative, no `..`/`.`/empty components, no NUL or backslash.
    static func isSafe(_ path: String) -> Bool {
        guard !path.isEmpty, !path.hasPrefix("/"), !path.contains("\0"), !path.contains("\\") else { return false }
        return path.split(separator: "/", omittingEmptySubsequences: false).allSatisfy { $0 != ".." && $0 != "." && !$0.isEmpty }
    }

    /// The folder of a relative output path: "a/b/c.html" → "a/b", "c.html" → "". (Foundation's
    /// `deletingLastPathComponent` traps on a one-character name such as "a" with the Swift 6.3
    /// toolchain here: a content page `Content/pages/x.md` crashed the build.)
    static func folder(of path: String) -> String {
        guard let slash = path.utf8.lastIndex(of: UInt8(ascii: "/")) else { return "" }
        return String(path[..<slash])
    }

    /// Every file below `root`, by relative path: regular files, and links to anything but a
    /// folder. Linked folders are not entered: what is in them is not the site's to replace.
    /// (`readdir`'s entry types spare a `stat` per file: FileManager's enumerator took half a
    /// second for a site of 46,000 files.)
    static func listFiles(_ root: String) throws -> Set<String> {
        var out: Set<String> = []
        func walk(_ relative: String) {
            FileTree.forEachEntry(in: relative.isEmpty ? root : root + "/" + relative) { name, entryType in
                let child = relative.isEmpty ? name : relative + "/" + name
                var type = entryType
                if type == Int32(DT_UNKNOWN) {
                    var info = stat()
                    guard lstat(root + "/" + child, &info) == 0 else { return }
                    switch info.st_mode & S_IFMT {
                    case S_IFDIR: type = Int32(DT_DIR)
                    case S_IFLNK: type = Int32(DT_LNK)
                    default: type = Int32(DT_REG)
                    }
                }
                switch type {
                case Int32(DT_DIR):
                    walk(child)
                case Int32(DT_LNK):
                    var info = stat()
                    if stat(root + "/" + child, &info) == 0, (info.st_mode & S_IFMT) == S_IFDIR { return }
                    out.insert(child)
                default:
                    out.insert(child)
                }
            }
        }
        walk("")
        return out
    }
}

/// One write of the site, file by file as the pages are rendered, so that a large site is never
/// held in memory whole: `add` from any thread, then `commit` (or `abandon`). Each file is
/// compared with the current site's; until the first file that differs nothing is written, so a
/// build that changes nothing writes nothing. From then on the new site grows in a staging
/// folder beside the old (unchanged files hard-linked), and `commit` swaps it in at once.
/// In `.overlay` mode (`serve`) only the changed files are staged, and `commit` moves each into
/// the current site.
public final class OutputSession: @unchecked Sendable, CustomStringConvertible {
    /// How `commit` puts the new site in place.
    public enum Mode: Sendable {
        /// A whole new tree (unchanged files hard-linked) exchanged with the old at once: a
        /// reader sees the old site or the new, never a mix.
        case swap
        /// The removed files deleted, then the changed ones renamed one by one into the current
        /// site: each file changes at once, the site within milliseconds. For `serve`, where
        /// a rebuild changes a few of tens of thousands of files and a new tree of links (a
        /// folder per story) would cost seconds.
        case overlay
    }

    public var description: String { outputPath }
    private let outputPath: String
    private let parent: String
    private let staging: String
    private let exists: Bool
    /// The files of the current site, listed on another thread while the build goes on (in
    /// `serve`, the open pages are made meanwhile); waited for where first needed.
    private let listing: Listing
    private var existing: Set<String> {
        get throws { try listing.files() }
    }
    private let progress: BuildProgress?
    private let lock = NSLock()
    private var seen: Set<String> = []
    private var unchangedBeforeStaging: [String] = []
    private var staged = false
    private var report = WriteReport()
    private var busyNanoseconds: UInt64 = 0

    /// Time spent in `add` (comparing, writing, linking), summed over the threads that called it.
    public var threadSeconds: Double {
        lock.lock()
        defer { lock.unlock() }
        return Double(busyNanoseconds) / 1e9
    }

    private let mode: Mode
    /// Overlay mode: the files staged, to be moved into the site.
    private var changedPaths: [String] = []

    public init(output: String, progress: BuildProgress? = nil, mode: Mode = .swap) throws {
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        outputPath = outputURL.path
        parent = outputURL.deletingLastPathComponent().path
        staging = "\(parent)/\(outputURL.lastPathComponent).staging-\(getpid())"
        self.mode = mode
        var isDir: ObjCBool = false
        exists = fm.fileExists(atPath: outputPath, isDirectory: &isDir)
        if exists && !isDir.boolValue { throw OutputError.io(outputPath, "exists and is not a folder") }
        listing = Listing(exists ? outputPath : nil)
        self.progress = progress
    }

    /// Adds one file of the new site: compared with the current one, then written or linked.
    public func add(_ file: OutputFile) throws {
        guard OutputWriter.isSafe(file.path) else { throw OutputError.unsafePath(file.path) }
        let started = DispatchTime.now().uptimeNanoseconds
        defer {
            progress?.advance()
            let spent = DispatchTime.now().uptimeNanoseconds - started
            lock.lock()
            busyNanoseconds += spent
            lock.unlock()
        }
        let old = outputPath + "/" + file.path
        let state: OutputWriter.FileState
        if try !existing.contains(file.path) {
            state = .added
        } else {
            state = OutputWriter.readFile(old) == file.data ? .unchanged : .updated
        }
        lock.lock()
        guard seen.insert(file.path).inserted else {
            lock.unlock()
            throw OutputError.io(file.path, "two pages want the same output file")
        }
        switch state {
        case .added: report.added += 1
        case .updated: report.updated += 1
        case .unchanged: report.unchanged += 1
        }
        if state == .unchanged && (!staged || mode == .overlay) {
            if mode == .swap { unchangedBeforeStaging.append(file.path) }
            lock.unlock()
            return
        }
        do {
            try startStaging()
            if mode == .overlay { changedPaths.append(file.path) }
        } catch {
            lock.unlock()
            throw error
        }
        lock.unlock()
        // Outside the lock: writing, and making the folder a file needs, is most of a first
        // build's work here, and the other threads would wait for it (it was 15,000 waits).
        try place(file, unchanged: state == .unchanged)
    }

    /// Keeps the current site's file at `path` as it is, without reading it: for a page the
    /// caller knows it would render the same as the last build did (`serve`'s page cache). False,
    /// and nothing recorded, when the file is not there with `size` bytes: render it then.
    public func keep(_ path: String, size: Int) throws -> Bool {
        guard try existing.contains(path) else { return false }
        var info = stat()
        guard stat(outputPath + "/" + path, &info) == 0, Int(info.st_size) == size else { return false }
        lock.lock()
        guard seen.insert(path).inserted else {
            lock.unlock()
            throw OutputError.io(path, "two pages want the same output file")
        }
        report.unchanged += 1
        progress?.advance()
        if mode == .overlay {
            lock.unlock()
            return true
        }
        if !staged {
            unchangedBeforeStaging.append(path)
            lock.unlock()
            return true
        }
        defer { lock.unlock() }
        try linkExisting(path)
        return true
    }

    /// Adds files on `jobs` threads; the first failure's message, or nil.
    public func add(all files: [OutputFile], jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> String? {
        let failures: [String?] = Parallel.map(files, jobs: jobs) { file in
            do { try self.add(file) } catch { return "\(error)" }
            return nil
        }
        return failures.lazy.compactMap { $0 }.first
    }

    /// Puts the new site in place of the old; nothing happens when nothing changed.
    public func commit() throws -> WriteReport {
        lock.lock()
        defer { lock.unlock() }
        report.removed = try existing.subtracting(seen).count
        if exists && !report.changed {
            if staged { try? FileManager.default.removeItem(atPath: staging) }
            return report
        }
        let fm = FileManager.default
        if mode == .overlay && exists {
            defer { try? fm.removeItem(atPath: staging) }
            try overlay()
            return report
        }
        do {
            try startStaging() // a build that only removes files, or an empty site
            if exists {
                if sitegen_exchange_paths(staging, outputPath) != 0 {
                    // No RENAME_EXCHANGE here (another OS or file system): two renames, a short window.
                    let old = "\(parent)/\((outputPath as NSString).lastPathComponent).old-\(getpid())"
                    try fm.moveItem(atPath: outputPath, toPath: old)
                    try fm.moveItem(atPath: staging, toPath: outputPath)
                    try? fm.removeItem(atPath: old)
                } else {
                    try? fm.removeItem(atPath: staging) // holds the previous site now
                }
            } else {
                try fm.createDirectory(atPath: parent, withIntermediateDirectories: true)
                try fm.moveItem(atPath: staging, toPath: outputPath)
            }
        } catch {
            try? fm.removeItem(atPath: staging)
            throw error
        }
        return report
    }

    /// Overlay mode's commit, under `lock`: files gone from the site deleted (and their emptied
    /// folders), then each staged file renamed into place.
    private func overlay() throws {
        let fm = FileManager.default
        var emptied: Set<String> = []
        for path in try existing.subtracting(seen) {
            guard unlink(outputPath + "/" + path) == 0 || errno == ENOENT else {
                throw OutputError.io(outputPath + "/" + path, "could not remove (\(String(cString: strerror(errno)))); the site is partly updated, build again")
            }
            var dir = OutputWriter.folder(of: path)
            while !dir.isEmpty { emptied.insert(dir); dir = OutputWriter.folder(of: dir) }
        }
        // Deepest first: a folder empties once its subfolders are gone (rmdir fails on the rest).
        for dir in emptied.sorted(by: { $0.count > $1.count }) { rmdir(outputPath + "/" + dir) }
        for path in changedPaths {
            // Most files replace one in a folder that is there: the folder is made only when the
            // rename says it is missing (asking first cost a second for a site of 21,000 folders).
            var moved = rename(staging + "/" + path, outputPath + "/" + path) == 0
            if !moved, errno == ENOENT {
                let dir = OutputWriter.folder(of: path)
                if !dir.isEmpty { try fm.createDirectory(atPath: outputPath + "/" + dir, withIntermediateDirectories: true) }
                moved = rename(staging + "/" + path, outputPath + "/" + path) == 0
            }
            guard moved else {
                throw OutputError.io(outputPath + "/" + path, "could not replace (\(String(cString: strerror(errno)))); the site is partly updated, build again")
            }
        }
    }

    /// Drops what was staged; the current site stays as it was.
    public func abandon() {
        lock.lock()
        defer { lock.unlock() }
        if staged { try? FileManager.default.removeItem(atPath: staging) }
        staged = false
    }

    /// Creates the staging folder and links into it the unchanged files seen so far. Under `lock`.
    private func startStaging() throws {
        guard !staged else { return }
        try? FileManager.default.removeItem(atPath: staging)
        // `--output a/b/c` where `a/` does not exist yet: the folders above are made, as `mkdir -p`.
        do {
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
        } catch {
            throw OutputError.io(parent, "could not create folder (\((error as NSError).localizedFailureReason ?? error.localizedDescription))")
        }
        guard mkdir(staging, 0o755) == 0 else {
            throw OutputError.io(staging, "could not create folder (\(String(cString: strerror(errno))))")
        }
        staged = true
        for path in unchangedBeforeStaging { try linkExisting(path) }
        unchangedBeforeStaging = []
    }

    /// Puts the current site's file at `path` into the staging folder: a hard link, or a copy
    /// where links fail.
    private func linkExisting(_ path: String) throws {
        if try linked(path) { return }
        guard let data = OutputWriter.readFile(outputPath + "/" + path) else { throw OutputError.io(outputPath + "/" + path, "could not read") }
        if let failure = OutputWriter.writeFile(staging + "/" + path, data) { throw OutputError.io(staging, failure) }
    }

    private func place(_ file: OutputFile, unchanged: Bool) throws {
        if unchanged, try linked(file.path) { return }
        var made = OutputWriter.Creation.written
        _ = try inStaging(file.path) { target in
            made = OutputWriter.createFile(target, file.data)
            if case let .notCreated(code) = made { return code }
            return 0
        }
        if let failure = made.failure(staging + "/" + file.path) { throw OutputError.io(staging, failure) }
    }

    /// Runs `make` on `path`'s place in the staging folder (it returns 0 or the `errno` of its
    /// failure); if that fails for a missing folder, makes the folders above it and runs it again.
    /// (Asking first would cost a call per file; most files go into a folder that is there.)
    /// Safe on several threads: a folder another thread made first is there all the same.
    private func inStaging(_ path: String, _ make: (String) -> Int32) throws -> Bool {
        let target = staging + "/" + path
        let code = make(target)
        if code == 0 { return true }
        guard code == ENOENT else { return false }
        try makeFolders(above: path)
        return make(target) == 0
    }

    /// Hard-links the current site's file at `path` into the staging folder; false where that fails.
    private func linked(_ path: String) throws -> Bool {
        try inStaging(path) { link(outputPath + "/" + path, $0) == 0 ? 0 : errno }
    }

    /// The folders above `path` in the staging folder, parents first.
    private func makeFolders(above path: String) throws {
        var missing: [String] = []
        var dir = OutputWriter.folder(of: path)
        while !dir.isEmpty {
            if mkdir(staging + "/" + dir, 0o755) == 0 { break }
            let code = errno
            if code == EEXIST { break }
            guard code == ENOENT else {
                throw OutputError.io(staging + "/" + dir, "could not create folder (\(String(cString: strerror(code))))")
            }
            missing.append(dir)
            dir = OutputWriter.folder(of: dir)
        }
        for dir in missing.reversed() where mkdir(staging + "/" + dir, 0o755) != 0 {
            let code = errno
            if code != EEXIST { throw OutputError.io(staging + "/" + dir, "could not create folder (\(String(cString: strerror(code))))") }
        }
    }
}

/// `OutputWriter.listFiles` of a folder, run on a thread of its own from the moment it is made.
private final class Listing: @unchecked Sendable {
    private let done = DispatchGroup()
    private var result: Result<Set<String>, Error> = .success([])

    /// `folder` nil: no site yet, no files.
    init(_ folder: String?) {
        guard let folder else { return }
        done.enter()
        // A thread of its own, not one of Dispatch's workers: those also run Swift's tasks, and
        // in `serve` the task telling the open pages to reload would wait for this one.
        let thread = Thread {
            self.result = Result { try OutputWriter.listFiles(folder) }
            self.done.leave()
        }
        thread.start()
    }

    func files() throws -> Set<String> {
        done.wait()
        return try result.get()
    }
}
