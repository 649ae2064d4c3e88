import Foundation
import Output

/// A folder on this machine that receives the site. `OutputWriter` replaces it atomically (the new
/// site is assembled beside it and swapped in with one rename), hard-links the files whose bytes did
/// not change so they keep their mtime, and leaves out the files the site no longer produces.
public struct DirectoryTarget: Sendable {
    public var path: String
    /// The site folder being published: the target may not be it or hold it.
    public var siteRoot: String
    /// Replace a non-empty folder that does not look like a published site.
    public var force: Bool

    public init(path: String, siteRoot: String, force: Bool = false) {
        // Through a symlink, so that the swap happens beside the real folder.
        self.path = URL(fileURLWithPath: path).standardizedFileURL.resolvingSymlinksInPath().path
        self.siteRoot = URL(fileURLWithPath: siteRoot).standardizedFileURL.resolvingSymlinksInPath().path
        self.force = force
    }

    public func deploy(_ files: [OutputFile]) throws -> ChangeSet {
        try checkTarget()
        let changes = ChangeSet.compare(files, with: path)
        guard !changes.isEmpty else { return changes }
        do { _ = try OutputWriter.write(files, to: path) } catch {
            throw PublishError.targetNotWritable(path, "\(error)")
        }
        return changes
    }

    /// Refuses a target whose replacement would destroy something that is not a published site.
    func checkTarget() throws {
        if path == siteRoot || siteRoot.hasPrefix(path.hasSuffix("/") ? path : path + "/") {
            throw PublishError.targetHoldsSite(path)
        }
        let fm = FileManager.default
        var isDir: ObjCBool = false
        guard fm.fileExists(atPath: path, isDirectory: &isDir) else { return }
        guard isDir.boolValue else { throw PublishError.targetNotWritable(path, "it exists and is not a folder") }
        let entries = (try? fm.contentsOfDirectory(atPath: path)) ?? []
        if !force && !entries.isEmpty && !fm.fileExists(atPath: path + "/index.html") {
            throw PublishError.targetNotASite(path)
        }
    }
}
