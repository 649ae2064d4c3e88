import Foundation

/// Where `sitegen publish --to` sends the site: a folder on this machine, or a git repository
/// whose branch receives the site as one commit.
public enum PublishTarget: Sendable, Equatable, CustomStringConvertible {
    case directory(String)
    case git(url: String)

    /// Reads `--to`: `git@…`, `ssh://`, `git://`, `http(s)://` and anything ending in `.git` are git
    /// remotes; a path or `file://` URL is a git target when it names a git repository (bare or
    /// not), and a folder otherwise.
    public init(parsing text: String) {
        let lowered = text.lowercased()
        if ["git@", "ssh://", "git://", "http://", "https://"].contains(where: lowered.hasPrefix) || lowered.hasSuffix(".git") || lowered.hasSuffix(".git/") {
            self = .git(url: text)
        } else if lowered.hasPrefix("file://") {
            let path = URL(string: text)?.path ?? String(text.dropFirst("file://".count))
            self = Self.isGitRepository(path) ? .git(url: text) : .directory(path)
        } else {
            self = Self.isGitRepository(text) ? .git(url: text) : .directory(text)
        }
    }

    /// A bare repository (HEAD, objects/, refs/) or a work tree with `.git`.
    static func isGitRepository(_ path: String) -> Bool {
        let fm = FileManager.default
        if fm.fileExists(atPath: path + "/.git") { return true }
        var isDir: ObjCBool = false
        return fm.fileExists(atPath: path + "/HEAD") && fm.fileExists(atPath: path + "/objects", isDirectory: &isDir) && isDir.boolValue
            && fm.fileExists(atPath: path + "/refs", isDirectory: &isDir) && isDir.boolValue
    }

    public var description: String {
        switch self {
        case let .directory(path): return path
        case let .git(url): return url
        }
    }
}
