import Foundation
import Support
import XCTest

/// The output folder's fingerprint: any file added, removed, resized or touched changes it, at
/// any depth; nothing else does.
final class FileTreeTests: XCTestCase {
    func testTheFingerprintSeesEveryChangeAtAnyDepth() throws {
        let root = FileManager.default.temporaryDirectory.appendingPathComponent("filetree-\(UUID().uuidString)")
        defer { try? FileManager.default.removeItem(at: root) }
        let fm = FileManager.default
        for folder in ["a/b/c/d", "a/e", "f"] {
            try fm.createDirectory(at: root.appendingPathComponent(folder), withIntermediateDirectories: true)
        }
        for file in ["top.html", "a/one.html", "a/b/two.html", "a/b/c/d/deep.html", "a/e/x.html", "f/y.html"] {
            try Data(file.utf8).write(to: root.appendingPathComponent(file))
        }
        let start = FileTree.fingerprint(below: root.path)
        XCTAssertEqual(FileTree.fingerprint(below: root.path, jobs: 1), start, "the same whatever the threads")
        XCTAssertEqual(FileTree.fingerprint(below: root.path, jobs: 3), start)
        try fm.createDirectory(at: root.appendingPathComponent("empty/folder"), withIntermediateDirectories: true)
        XCTAssertEqual(FileTree.fingerprint(below: root.path), start, "folders alone are not files")

        let deep = root.appendingPathComponent("a/b/c/d/deep.html")
        try Data("deep.htmX".utf8).write(to: deep)
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_000)], ofItemAtPath: deep.path)
        let edited = FileTree.fingerprint(below: root.path)
        XCTAssertNotEqual(edited, start, "a file four folders down")
        try fm.setAttributes([.modificationDate: Date(timeIntervalSince1970: 1_000_001)], ofItemAtPath: deep.path)
        XCTAssertNotEqual(FileTree.fingerprint(below: root.path), edited, "touched")
        try fm.removeItem(at: root.appendingPathComponent("f/y.html"))
        let removed = FileTree.fingerprint(below: root.path)
        try fm.moveItem(at: root.appendingPathComponent("a/e/x.html"), to: root.appendingPathComponent("a/e/z.html"))
        XCTAssertNotEqual(FileTree.fingerprint(below: root.path), removed, "renamed")
        XCTAssertEqual(FileTree.fingerprint(below: root.appendingPathComponent("missing").path), 0)
    }
}
