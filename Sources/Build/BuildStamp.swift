import Corpus
import Foundation
import Glibc
import Support
#if canImport(Glibc)
#endif

/// What the last successful build read and wrote, kept in `<root>/.sitegen/last-build.json`, so
/// that a build with nothing changed can say so without running the pipeline, as make and ninja
/// do. The build is skipped only when all of these match the last build's:
/// - the inputs: every file below `Content/` and `Templates/`, by path and by content (hashed;
///   a file with the size and modification time it had well before the last key was made keeps
///   the hash it had, so an unchanged corpus is not read again);
/// - the build: the sitegen executable (size and modification time) and the options that change
///   the output (output folder, base URL, strict, grouping mode);
/// - the output: every file below the output folder, by path, size and modification time, so a
///   page deleted or edited by hand is put back.
/// `sitegen build --force` always runs the pipeline.
struct BuildStamp: Codable {
    var key: String
    var outputs: String
    var report: BuildReport
    /// Each input file as the key read it, and when: a file whose size and modification time
    /// are those recorded, and which was last modified well before the key was made, is not read
    /// again (as git trusts its index). A file edited later has a later modification time.
    var inputs: [String: InputFile] = [:]
    var keyMadeAt: Double = 0

    struct InputFile: Codable, Equatable {
        var size: Int
        var seconds: Int
        var nanoseconds: Int
        var hash: UInt64
    }

    static let relativePath = ".sitegen/last-build.json"

    /// The fingerprint of the inputs and options of a build, and the files it read; nil when the
    /// executable cannot be identified (then nothing is skipped). `previous`: the last stamp,
    /// whose content hashes are taken for files that have not changed since.
    static func key(options: BuildOptions, previous: BuildStamp?) -> (key: String, inputs: [String: InputFile], madeAt: Double)? {
        guard let tool = executableMark() else { return nil }
        let madeAt = Date().timeIntervalSince1970
        var hash = FNV1a()
        func add(_ text: String) {
            for b in text.utf8 { hash.add(b) }
            hash.add(0)
        }
        add("sitegen-stamp-2")
        add(tool)
        add(URL(fileURLWithPath: options.outputPath).standardizedFileURL.path)
        add(options.baseURL ?? "-")
        add(options.strict ? "strict" : "lenient")
        add(options.groupBy.map { "\($0)" } ?? "-")
        var inputs: [String: InputFile] = [:]
        for (label, dir) in [("content", options.contentPath), ("templates", options.templatesPath)] {
            add(label)
            for entry in FileTree.entries(below: dir) {
                let path = label + "/" + entry.path
                var file = InputFile(size: entry.size, seconds: entry.modified.tv_sec, nanoseconds: entry.modified.tv_nsec, hash: 0)
                if let known = previous?.inputs[path], known.size == file.size, known.seconds == file.seconds,
                   known.nanoseconds == file.nanoseconds, Double(file.seconds) < previous!.keyMadeAt - 2 {
                    file.hash = known.hash
                } else {
                    guard let data = FileManager.default.contents(atPath: dir + "/" + entry.path) else { return nil }
                    file.hash = data.withUnsafeBytes { FNV1a.hash($0) }
                }
                inputs[path] = file
                add(entry.path)
                hash.add(word: file.hash)
            }
        }
        return (String(hash.value, radix: 16), inputs, madeAt)
    }

    /// The fingerprint of what the output folder holds now: paths, sizes, modification times.
    static func outputs(at output: String) -> String { BuildCache.mark(output) }

    static func load(root: String) -> BuildStamp? {
        guard let data = FileManager.default.contents(atPath: root + "/" + relativePath) else { return nil }
        return try? JSONDecoder().decode(BuildStamp.self, from: data)
    }

    /// Saved beside the inputs; a stamp that cannot be written only costs the next build its
    /// shortcut.
    func save(root: String) {
        let path = root + "/" + Self.relativePath
        try? FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        guard let data = try? JSONEncoder().encode(self) else { return }
        try? data.write(to: URL(fileURLWithPath: path), options: .atomic)
    }

    /// Removed before a build runs, so that a failed or interrupted build never leaves a stamp
    /// that matches.
    static func remove(root: String) {
        unlink(root + "/" + relativePath)
    }

    /// The running executable's size and modification time: a rebuilt sitegen renders anew.
    static func executableMark() -> String? {
        var info = stat()
        guard stat("/proc/self/exe", &info) == 0 else { return nil }
        return "\(info.st_size)/\(info.st_mtim.tv_sec).\(info.st_mtim.tv_nsec)"
    }
}
