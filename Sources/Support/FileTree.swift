import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Regular files below a folder, as sorted relative paths; hidden files and folders included
/// (they are inputs too), symbolic links followed as the build follows them.
public enum FileTree {
    public static func files(below root: String) -> [String] {
        var out: [String] = []
        var visited: Set<[UInt64]> = [] // folders by device and inode: a link loop is walked once
        func walk(_ relative: String) {
            forEachEntry(in: relative.isEmpty ? root : root + "/" + relative) { name, _ in
                let child = relative.isEmpty ? name : relative + "/" + name
                var info = stat()
                guard stat(root + "/" + child, &info) == 0 else { return }
                if (info.st_mode & S_IFMT) == S_IFDIR {
                    if visited.insert([UInt64(info.st_dev), UInt64(info.st_ino)]).inserted { walk(child) }
                } else if (info.st_mode & S_IFMT) == S_IFREG {
                    out.append(child)
                }
            }
        }
        walk("")
        return out.sorted()
    }

    /// Each entry of a folder but `.` and `..`, with its `readdir` type (`DT_REG`, `DT_DIR`,
    /// `DT_LNK`, or `DT_UNKNOWN` where the file system does not say).
    public static func forEachEntry(in dir: String, _ body: (String, Int32) -> Void) {
        guard let handle = opendir(dir) else { return }
        defer { closedir(handle) }
        while let entry = readdir(handle) {
            let name = withUnsafePointer(to: entry.pointee.d_name) { ptr in
                ptr.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name == "." || name == ".." { continue }
            body(name, Int32(entry.pointee.d_type))
        }
    }
}
