import Foundation
import Output

/// What a publish changes in its target: the paths (relative, sorted) that are new, that have
/// new bytes, and that the site no longer produces. Empty when the target already holds the site.
public struct ChangeSet: Sendable, Equatable {
    public var added: [String] = []
    public var updated: [String] = []
    public var removed: [String] = []
    public var unchanged = 0

    public init(added: [String] = [], updated: [String] = [], removed: [String] = [], unchanged: Int = 0) {
        self.added = added
        self.updated = updated
        self.removed = removed
        self.unchanged = unchanged
    }

    public var isEmpty: Bool { added.isEmpty && updated.isEmpty && removed.isEmpty }

    /// Compares the files to publish with the files `folder` holds now (an absent folder holds
    /// none), skipping the top-level entries named in `ignoring` (such as `.git`).
    public static func compare(_ files: [OutputFile], with folder: String, ignoring: Set<String> = []) -> ChangeSet {
        var existing = Self.files(in: folder, ignoring: ignoring)
        var changes = ChangeSet()
        for file in files {
            if existing.remove(file.path) == nil {
                changes.added.append(file.path)
            } else if FileManager.default.contents(atPath: folder + "/" + file.path) == file.data {
                changes.unchanged += 1
            } else {
                changes.updated.append(file.path)
            }
        }
        changes.added.sort()
        changes.updated.sort()
        changes.removed = existing.sorted()
        return changes
    }

    /// The regular files below `folder`, as paths relative to it.
    static func files(in folder: String, ignoring: Set<String>) -> Set<String> {
        var out: Set<String> = []
        guard let enumerator = FileManager.default.enumerator(atPath: folder) else { return out }
        for case let relative as String in enumerator {
            if ignoring.contains(relative) {
                enumerator.skipDescendants()
                continue
            }
            var isDir: ObjCBool = false
            if FileManager.default.fileExists(atPath: folder + "/" + relative, isDirectory: &isDir), !isDir.boolValue {
                out.insert(relative)
            }
        }
        return out
    }

    /// For people: "Nothing changed …", or each kind of change with its count and up to `limit` names.
    public func summary(limit: Int = 20) -> String {
        if isEmpty { return "Nothing changed: the target already holds these \(unchanged) files." }
        var lines: [String] = []
        for (title, paths) in [("Added", added), ("Updated", updated), ("Removed", removed)] where !paths.isEmpty {
            lines.append("\(title) \(paths.count) file\(paths.count == 1 ? "" : "s"):")
            lines += paths.prefix(limit).map { "  \($0)" }
            if paths.count > limit { lines.append("  … and \(paths.count - limit) more") }
        }
        lines.append("\(added.count) added, \(updated.count) updated, \(removed.count) removed, \(unchanged) unchanged.")
        return lines.joined(separator: "\n")
    }
}
