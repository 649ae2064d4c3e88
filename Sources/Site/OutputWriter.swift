import CAtomicSwap
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
    public static func write(_ files: [OutputFile], to output: String) throws -> WriteReport {
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
        var unchanged: Set<String> = []
        for file in files {
            let target = outputPath + "/" + file.path
            if existing.contains(file.path) {
                if let old = fm.contents(atPath: target), old == file.data {
                    unchanged.insert(file.path)
                    report.unchanged += 1
                } else {
                    report.updated += 1
                }
            } else {
                report.added += 1
            }
        }
        report.removed = existing.subtracting(seen).count
        if exists && !report.changed { return report }

        let parent = outputURL.deletingLastPathComponent().path
        let staging = "\(parent)/\(outputURL.lastPathComponent).staging-\(getpid())"
        try? fm.removeItem(atPath: staging)
        do {
            try fm.createDirectory(atPath: staging, withIntermediateDirectories: true)
            var madeDirs: Set<String> = [""]
            for file in files.sorted(by: { $0.path < $1.path }) {
                let dir = (file.path as NSString).deletingLastPathComponent
                if !madeDirs.contains(dir) {
                    try fm.createDirectory(atPath: staging + "/" + dir, withIntermediateDirectories: true)
                    madeDirs.insert(dir)
                }
                let target = staging + "/" + file.path
                if unchanged.contains(file.path), link(outputPath + "/" + file.path, target) == 0 { continue }
                guard fm.createFile(atPath: target, contents: file.data) else {
                    throw OutputError.io(target, "could not write file (\(String(cString: strerror(errno))))")
                }
            }
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
