import Foundation
import Publish
import TestSupport
import XCTest

/// Small sites made by `init`, and the helpers the publish tests share.
extension XCTestCase {
    /// A new site from `sitegen init`'s defaults (the 25 articles of the default corpus's first
    /// day): made once, as
    /// reading the full outlets table takes a moment in a debug build, then copied for each test.
    func makeInitSite() throws -> URL {
        let root = try Fixtures.tempDir(self).appendingPathComponent("site")
        try FileManager.default.copyItem(at: try InitSiteCache.shared.site(), to: root)
        return root
    }

    var corpusFile: String { "Content/corpus/example.jsonl" }

    /// The example corpus's records, to edit.
    func records(_ root: URL) throws -> [[String: Any]] {
        let text = try String(contentsOf: root.appendingPathComponent(corpusFile), encoding: .utf8)
        return try text.split(separator: "\n").map { try XCTUnwrap(JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
    }

    func writeRecords(_ records: [[String: Any]], _ root: URL) throws {
        let lines = try records.map { String(decoding: try JSONSerialization.data(withJSONObject: $0, options: [.sortedKeys]), as: UTF8.self) }
        try Fixtures.write(lines.joined(separator: "\n") + "\n", to: root.appendingPathComponent(corpusFile))
    }

    /// Every regular file below `folder` (relative path → bytes), `.git` left out.
    func tree(_ folder: URL) throws -> [String: Data] {
        var out: [String: Data] = [:]
        let fm = FileManager.default
        guard let enumerator = fm.enumerator(atPath: folder.path) else { return out }
        for case let relative as String in enumerator {
            if relative == ".git" { enumerator.skipDescendants(); continue }
            var isDir: ObjCBool = false
            if fm.fileExists(atPath: folder.appendingPathComponent(relative).path, isDirectory: &isDir), !isDir.boolValue {
                out[relative] = try Data(contentsOf: folder.appendingPathComponent(relative))
            }
        }
        return out
    }

    func mtimes(_ folder: URL) throws -> [String: Date] {
        var out: [String: Date] = [:]
        for path in try tree(folder).keys {
            out[path] = try FileManager.default.attributesOfItem(atPath: folder.appendingPathComponent(path).path)[.modificationDate] as? Date
        }
        return out
    }

    /// Runs git in `directory` (nil: the current folder) and returns its standard output.
    @discardableResult
    func git(_ args: [String], in directory: URL? = nil) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        process.arguments = ["git"] + (directory.map { ["-C", $0.path] } ?? []) + args
        let out = Pipe()
        process.standardOutput = out
        process.standardError = FileHandle.nullDevice
        try process.run()
        let data = out.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.executableLoad, userInfo: [NSDebugDescriptionErrorKey: "git \(args) failed"]) }
        return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
    }
}

/// The one site `init` makes for the tests, removed when the test process ends.
final class InitSiteCache: @unchecked Sendable {
    static let shared = InitSiteCache()
    private let lock = NSLock()
    private var made: URL?

    func site() throws -> URL {
        lock.lock()
        defer { lock.unlock() }
        if let made { return made }
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-tests-\(getpid())")
        try? FileManager.default.removeItem(at: dir)
        try SiteInitializer(source: Fixtures.repoRoot).create(at: dir.path)
        atexit { try? FileManager.default.removeItem(atPath: FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-publish-tests-\(getpid())").path) }
        made = dir
        return dir
    }
}
