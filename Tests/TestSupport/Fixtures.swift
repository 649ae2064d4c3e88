import Foundation
import XCTest

/// Where the tests find their real data, and the temporary folders they work in.
///
/// Two kinds of real data: small files vendored under `Tests/Data/` (the BASIL dev file, the
/// Google News clusters, the AllSides roundups of the dev file, the seed story), which a clone
/// of the repository alone has, and the whole corpora, which only the data folder has: the one
/// `SITEGEN_DATA` names, else `../shared/data` beside the repository when it exists. A test that
/// needs a whole corpus calls `corpus(_:)`, which skips it (saying how to run it) when there is
/// no data folder.
public enum Fixtures {
    public static let repoRoot: URL = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The real data that ships with the tests.
    public static let vendoredData: URL = repoRoot.appendingPathComponent("Tests/Data")

    /// The outlet table of the default site (the data folder's `outlets.csv`, as it is).
    public static let outlets: String = repoRoot.appendingPathComponent("Content/outlets.csv").path

    /// The folder of whole corpora: `$SITEGEN_DATA` when set, else `../shared/data` beside the
    /// repository; nil when that folder does not exist.
    public static let dataFolder: URL? = {
        let named = ProcessInfo.processInfo.environment["SITEGEN_DATA"].flatMap { $0.isEmpty ? nil : $0 }
        let folder = named.map { URL(fileURLWithPath: $0) }
            ?? repoRoot.deletingLastPathComponent().appendingPathComponent("shared/data")
        var isFolder: ObjCBool = false
        return FileManager.default.fileExists(atPath: folder.path, isDirectory: &isFolder) && isFolder.boolValue ? folder : nil
    }()

    /// The path of a file vendored under `Tests/Data/`; a missing one fails the test (it ships
    /// with the repository).
    public static func vendored(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        let path = vendoredData.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("vendored test data missing: \(path)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return path
    }

    /// The path of a whole corpus in the data folder. Without a data folder the test is skipped
    /// (never passed silently); with one that lacks the file, it fails.
    public static func corpus(_ name: String, file: StaticString = #filePath, line: UInt = #line) throws -> String {
        guard let folder = dataFolder else {
            throw XCTSkip("needs the whole corpus \(name): set SITEGEN_DATA to a folder holding it (such as ../shared/data) to run this test",
                          file: file, line: line)
        }
        let path = folder.appendingPathComponent(name).path
        guard FileManager.default.fileExists(atPath: path) else {
            XCTFail("\(name) missing from the data folder \(folder.path)", file: file, line: line)
            throw CocoaError(.fileNoSuchFile)
        }
        return path
    }

    /// A text file's contents, gunzipped first when its name ends in `.gz`.
    public static func text(_ path: String) throws -> String {
        guard path.hasSuffix(".gz") else { return try String(contentsOfFile: path, encoding: .utf8) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-dc", path]
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        guard process.terminationStatus == 0 else { throw CocoaError(.fileReadCorruptFile, userInfo: [NSFilePathErrorKey: path]) }
        return String(decoding: data, as: UTF8.self)
    }

    /// A small real site in a folder of the test's own: the repository's theme, site.yml, pages
    /// and outlet tables, and for corpus the vendored BASIL file (50 events, 3 outlets each) and
    /// the seed pages: 51 stories from 155 articles. The four BASIL records that share the
    /// placeholder id "empty" get ids from their URLs ("basil-huffpost-842026"), so the site
    /// builds with no problem reported.
    public static func smallSite(_ test: XCTestCase) throws -> URL {
        let root = try tempDir(test)
        let fm = FileManager.default
        try fm.copyItem(at: repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try fm.createDirectory(at: root.appendingPathComponent("Content/corpus"), withIntermediateDirectories: true)
        for item in ["site.yml", "outlets.csv", "outlet-ratings.csv", "pages", "corpus/seed-story"] {
            try fm.copyItem(at: repoRoot.appendingPathComponent("Content/\(item)"), to: root.appendingPathComponent("Content/\(item)"))
        }
        let basil = try String(contentsOfFile: try vendored("basil-stories-dev.jsonl"), encoding: .utf8)
        let lines = try basil.split(separator: "\n").map { line -> String in
            guard line.contains("\"id\": \"empty\""),
                  let url = (try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any])?["url"] as? String,
                  let number = url.split(separator: "_").last?.prefix(while: \.isNumber), !number.isEmpty
            else { return String(line) }
            return line.replacingOccurrences(of: "\"id\": \"empty\"", with: "\"id\": \"basil-huffpost-\(number)\"")
        }
        try write(lines.joined(separator: "\n") + "\n", to: root.appendingPathComponent("Content/corpus/basil-stories-dev.jsonl"))
        return root
    }

    /// A fresh temporary folder, removed at the end of the test.
    public static func tempDir(_ test: XCTestCase) throws -> URL {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-test-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        test.addTeardownBlock { try? FileManager.default.removeItem(at: dir) }
        return dir
    }

    public static func write(_ text: String, to url: URL) throws {
        try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
        try text.write(to: url, atomically: true, encoding: .utf8)
    }

    /// gzip a file with the system gzip (the format our reader must take).
    public static func gzip(_ url: URL) throws -> URL {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/gzip")
        process.arguments = ["-kf", url.path]
        try process.run()
        process.waitUntilExit()
        return URL(fileURLWithPath: url.path + ".gz")
    }
}
