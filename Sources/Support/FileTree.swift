import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Regular files below a folder, as sorted relative paths; hidden files and folders included
/// (they are inputs too), symbolic links followed as the build follows them.
public enum FileTree {
    public static func files(below root: String) -> [String] {
        entries(below: root).map(\.path)
    }

    /// A regular file below a folder: its relative path, size and modification time.
    public struct Entry: Sendable {
        public var path: String
        public var size: Int
        public var modified: timespec
    }

    /// Every regular file below `root` with its size and modification time, sorted by path: one
    /// `fstatat` per entry, relative to its open folder (no path resolved from the root again).
    public static func entries(below root: String) -> [Entry] {
        var out: [Entry] = []
        var visited: Set<[UInt64]> = [] // folders by device and inode: a link loop is walked once
        func walk(_ fd: Int32, _ relative: String) {
            guard let dir = fdopendir(fd) else {
                close(fd)
                return
            }
            defer { closedir(dir) } // closes `fd` too
            forEachEntry(of: dir) { name, _ in
                var info = stat()
                guard fstatat(fd, name, &info, 0) == 0 else { return }
                let child = relative.isEmpty ? name : relative + "/" + name
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    guard visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
                    let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                    if sub >= 0 { walk(sub, child) }
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    out.append(Entry(path: child, size: Int(info.st_size), modified: info.st_mtim))
                }
            }
        }
        let fd = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        if fd >= 0 { walk(fd, "") }
        return out.sorted { $0.path < $1.path }
    }

    /// Each entry of a folder but `.` and `..`, with its `readdir` type (`DT_REG`, `DT_DIR`,
    /// `DT_LNK`, or `DT_UNKNOWN` where the file system does not say).
    public static func forEachEntry(in dir: String, _ body: (String, Int32) -> Void) {
        guard let handle = opendir(dir) else { return }
        defer { closedir(handle) }
        forEachEntry(of: handle, body)
    }

    /// Each entry of an open folder but `.` and `..`, with its `readdir` type.
    private static func forEachEntry(of handle: OpaquePointer, _ body: (String, Int32) -> Void) {
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            body(name, Int32(entry.pointee.d_type))
        }
    }
}

extension FileTree {
    /// A fingerprint of every regular file below `root` by relative path, size and modification
    /// time: a different value when a file is added, removed, resized or touched. Each file's
    /// hash is summed, so the order folders are read in does not matter and the folders two
    /// levels down are walked on `jobs` threads. Folders are told by their `readdir` type, so
    /// only files (and links) cost an `fstatat`.
    public static func fingerprint(below root: String, jobs: Int = ProcessInfo.processInfo.activeProcessorCount) -> UInt64 {
        // The files of the first two levels, and the folders of the second, to share out.
        var total: UInt64 = 0
        var folders: [String] = []
        let top = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard top >= 0 else { return 0 }
        var visited: Set<[UInt64]> = []
        total &+= walk(top, "", depth: 1, visited: &visited) { folders.append($0) }
        let shared = folders
        let sums = Parallel.map(Array(0..<max(1, jobs)), jobs: jobs) { worker -> UInt64 in
            var sum: UInt64 = 0
            var seen: Set<[UInt64]> = []
            for (i, folder) in shared.enumerated() where i % max(1, jobs) == worker {
                let fd = open(root + "/" + folder, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if fd >= 0 { sum &+= walk(fd, folder, depth: .max, visited: &seen) { _ in } }
            }
            return sum
        }
        for s in sums { total &+= s }
        return total
    }

    /// Sums the hashes of the files below the open folder `fd` (closed on return); folders
    /// deeper than `depth` are handed to `defer` instead of walked.
    private static func walk(_ fd: Int32, _ relative: String, depth: Int, visited: inout Set<[UInt64]>, defer deferred: (String) -> Void) -> UInt64 {
        guard let dir = fdopendir(fd) else {
            close(fd)
            return 0
        }
        defer { closedir(dir) }
        var sum: UInt64 = 0
        forEachEntry(of: dir) { name, type in
            let child = relative.isEmpty ? name : relative + "/" + name
            if type != Int32(DT_DIR) {
                var info = stat()
                guard fstatat(fd, name, &info, 0) == 0 else { return }
                if (info.st_mode & S_IFMT) == S_IFREG {
                    var h = FNV1a()
                    for b in child.utf8 { h.add(b) }
                    h.add(word: UInt64(bitPattern: Int64(info.st_size)))
                    h.add(word: UInt64(bitPattern: Int64(info.st_mtim.tv_sec)))
                    h.add(word: UInt64(bitPattern: Int64(info.st_mtim.tv_nsec)))
                    sum &+= h.value
                    return
                }
                // A link to a folder is walked once, whatever links lead to it (a real folder
                // cannot loop).
                guard (info.st_mode & S_IFMT) == S_IFDIR, visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted else { return }
            }
            if depth == 0 {
                deferred(child)
            } else {
                let sub = openat(fd, name, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
                if sub >= 0 { sum &+= walk(sub, child, depth: depth == .max ? .max : depth - 1, visited: &visited, defer: deferred) }
            }
        }
        return sum
    }
}
