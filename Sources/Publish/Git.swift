import Foundation

/// Runs the `git` found on PATH, with the variables that would point it at another repository
/// (GIT_DIR, GIT_WORK_TREE, …, set when sitegen runs from a git hook) removed, so that it only
/// ever works in the folder it is given.
struct Git {
    struct Result {
        var status: Int32
        var output: String
        var succeeded: Bool { status == 0 }
    }

    let executable: URL
    let environment: [String: String]

    static func find(environment: [String: String] = ProcessInfo.processInfo.environment) throws -> Git {
        let path = environment["PATH"] ?? "/usr/local/bin:/usr/bin:/bin"
        let candidates = path.split(separator: ":").map { URL(fileURLWithPath: String($0)).appendingPathComponent("git") }
        guard let git = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw PublishError.gitMissing
        }
        var env = environment
        for key in ["GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_ALTERNATE_OBJECT_DIRECTORIES", "GIT_COMMON_DIR", "GIT_NAMESPACE", "GIT_CEILING_DIRECTORIES"] {
            env[key] = nil
        }
        env["LC_ALL"] = "C" // messages in English, so that a rejected push can be told from other failures
        return Git(executable: git, environment: env)
    }

    /// Runs `git args` in `directory`; standard output and error together in `output`.
    func run(_ args: [String], in directory: String? = nil) throws -> Result {
        // A file, not a pipe: a pipe that nobody reads while git waits to write would block both.
        let log = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-git-\(UUID().uuidString).log")
        guard FileManager.default.createFile(atPath: log.path, contents: nil), let handle = try? FileHandle(forWritingTo: log) else {
            throw PublishError.git(step: "start for", url: args.joined(separator: " "), output: "cannot create \(log.path)")
        }
        defer {
            try? handle.close()
            try? FileManager.default.removeItem(at: log)
        }
        let process = Process()
        process.executableURL = executable
        process.arguments = (directory.map { ["-C", $0] } ?? []) + args
        process.environment = environment
        process.standardOutput = handle
        process.standardError = handle
        try process.run()
        process.waitUntilExit()
        let output = (try? String(contentsOf: log, encoding: .utf8)) ?? ""
        return Result(status: process.terminationStatus, output: output.trimmingCharacters(in: .whitespacesAndNewlines))
    }
}
