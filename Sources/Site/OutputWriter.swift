import CAtomicSwap
import Corpus
import Foundation

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
public struct WriteReport: Sendable, Equatable {
    public var added = 0, updated = 0, unchanged = 0, removed = 0
    public var changed: Bool { added + updated + removed > 0 }
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
        let fm = FileManager.default
        let outputURL = URL(fileURLWithPath: output).standardizedFileURL
        let outputPath = outputURL.path
        var isDir: ObjCBool = false
        let exists = fm.fileExists(atPath: outputPath, isDirectory: &isDir)
        if exists && !isDir.boolValue { throw OutputError.io(outputPath, "exists and is not a folder") }

        var report = WriteReport()
        var existing: Set<String> = []
        if exists { existing = try listFiles(outputPath) }
        // Compare with the current site in parallel: on a rebuild this reads every old file.
        let present = existing
        let states: [FileState] = Parallel.map(files) { file in
            guard present.contains(file.path) else { return .added }
            return readFile(outputPath + "/" + file.path) == file.data ? .unchanged : .updated
        }
        var unchanged: Set<String> = []
        for (file, state) in zip(files, states) {
            switch state {
            case .added: report.added += 1
            case .updated: report.updated += 1
            case .unchanged: report.unchanged += 1; unchanged.insert(file.path)
            }
        }
        report.removed = existing.subtracting(seen).count
        if exists && !report.changed { return report }

        let parent = outputURL.deletingLastPathComponent().path
        let staging = "\(parent)/\(outputURL.lastPathComponent).staging-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            // Folders first (parents before children), then the files, spread over the cores:
            // plain open/write/close, no per-file fsync — the one rename below is what makes the
            // new site appear at once.
            var dirs: Set<String> = []
            for file in files {
                var dir = (file.path as NSString).deletingLastPathComponent
                while !dir.isEmpty, dirs.insert(dir).inserted { dir = (dir as NSString).deletingLastPathComponent }
            }
            for dir in dirs.sorted(by: { $0.count < $1.count }) where mkdir(staging + "/" + dir, 0o755) != 0 && errno != EEXIST {
                throw OutputError.io(staging + "/" + dir, "could not create folder (\(String(cString: strerror(errno))))")
            }
            let keep = unchanged
            let failures: [String?] = Parallel.map(files) { file in
                defer { progress?.advance() }
                let target = staging + "/" + file.path
                if keep.contains(file.path), link(outputPath + "/" + file.path, target) == 0 { return nil }
                return writeFile(target, file.data)
            }
            if let failure = failures.compactMap({ $0 }).first { throw OutputError.io(staging, failure) }
            if exists {
                if sitegen_exchange_paths(staging, outputPath) != 0 {
                    // No RENAME_EXCHANGE here (another OS or file system): two renames, a short window.
                    let old = "\(parent)/\(outputURL.lastPathComponent).old-\(getpid())"
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

    enum FileState: Sendable { case added, updated, unchanged }

    /// Writes `data` to a new file; the error message, or nil.
    static func writeFile(_ path: String, _ data: Data) -> String? {
        let fd = open(path, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard fd >= 0 else { return "\(path): could not create file (\(String(cString: strerror(errno))))" }
        defer { close(fd) }
        let failed = data.withUnsafeBytes { raw -> Bool in
            var offset = 0
            while offset < raw.count {
                let n = Glibc.write(fd, raw.baseAddress! + offset, raw.count - offset)
                if n < 0 { if errno == EINTR { continue }; return true }
                offset += n
            }
            return false
        }
        return failed ? "\(path): could not write file (\(String(cString: strerror(errno))))" : nil
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

    static func listFiles(_ root: String) throws -> Set<String> {
        var out: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: root) else { return out }
        for case let relative as String in enumerator {
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: root + "/" + relative, isDirectory: &isDir), !isDir.boolValue {
                out.insert(relative)
            }
        }
        return out
    }
}
