import Foundation
@testable import Server
import TestSupport
import XCTest

/// The watcher ends a burst as soon as its saves are complete, and no sooner: a file still open
/// for writing waits for the debounce, and so does a file removed (it may come back). The debounce here
/// is long (2 s) and the settle time 0.3 s, so that the timings tell them apart on a loaded machine.
final class FileWatcherTests: XCTestCase {
    /// Collects what the watcher reports, with the time of each report.
    final class Reports: @unchecked Sendable {
        private let lock = NSLock()
        private var items: [(at: Date, paths: [String])] = []
        private let arrived = DispatchSemaphore(value: 0)

        func add(_ paths: [String]) {
            lock.lock()
            items.append((Date(), paths))
            lock.unlock()
            arrived.signal()
        }

        /// The next report, or nil after `timeout` seconds.
        func next(timeout: Double) -> (at: Date, paths: [String])? {
            guard arrived.wait(timeout: .now() + timeout) == .success else { return nil }
            lock.lock()
            defer { lock.unlock() }
            return items.removeFirst()
        }
    }

    func watcher(_ dir: URL, _ reports: Reports) throws -> FileWatcher {
        let watcher = try XCTUnwrap(FileWatcher(folders: [dir.path], debounce: 2, settle: 0.3) { reports.add($0) })
        watcher.start()
        addTeardownBlock { watcher.stop() }
        return watcher
    }

    func testACompleteSaveIsReportedWithoutWaitingForTheDebounce() throws {
        let dir = try Fixtures.tempDir(self)
        let reports = Reports()
        _ = try watcher(dir, reports)
        // An editor writing in place (open, write, close) and one saving by rename, in one burst;
        // a scratch file beside them is not reported.
        let saved = Date()
        try Data("one".utf8).write(to: dir.appendingPathComponent("a.md"))
        try Data("two".utf8).write(to: dir.appendingPathComponent("b.md"), options: .atomic)
        try Data("x".utf8).write(to: dir.appendingPathComponent(".b.md.swp"))
        let report = try XCTUnwrap(reports.next(timeout: 5))
        XCTAssertLessThan(report.at.timeIntervalSince(saved), 1.5, "a closed file ends the burst after `settle`, not the 2 s debounce")
        XCTAssertTrue(report.paths.contains(dir.appendingPathComponent("a.md").path), "\(report.paths)")
        XCTAssertTrue(report.paths.contains(dir.appendingPathComponent("b.md").path), "\(report.paths)")
        XCTAssertFalse(report.paths.contains { $0.hasSuffix(".swp") }, "\(report.paths)")
        XCTAssertNil(reports.next(timeout: 0.3), "one burst, one report")

        // A file removed and written again (some editors save so) is one report, with the file
        // back; a file removed for good is reported at the debounce.
        let a = dir.appendingPathComponent("a.md")
        try FileManager.default.removeItem(at: a)
        Thread.sleep(forTimeInterval: 0.4)
        try Data("one again".utf8).write(to: a)
        let back = try XCTUnwrap(reports.next(timeout: 5))
        XCTAssertEqual(back.paths, [a.path])
        XCTAssertTrue(FileManager.default.fileExists(atPath: a.path))
        XCTAssertNil(reports.next(timeout: 0.5), "one burst, one report")
        let removed = Date()
        try FileManager.default.removeItem(at: a)
        let gone = try XCTUnwrap(reports.next(timeout: 5))
        XCTAssertGreaterThan(gone.at.timeIntervalSince(removed), 1.8, "a file gone may come back: wait")
        XCTAssertEqual(gone.paths, [a.path])
    }

    func testAFileStillOpenForWritingWaitsForTheDebounce() throws {
        let dir = try Fixtures.tempDir(self)
        let reports = Reports()
        _ = try watcher(dir, reports)
        let path = dir.appendingPathComponent("half.jsonl").path
        XCTAssertTrue(FileManager.default.createFile(atPath: path, contents: nil))
        XCTAssertNotNil(reports.next(timeout: 5), "the empty file, created and closed")
        let handle = try XCTUnwrap(FileHandle(forWritingAtPath: path))
        let started = Date()
        try handle.write(contentsOf: Data("{\"id\": \"a\"}\n".utf8))
        let early = try XCTUnwrap(reports.next(timeout: 5))
        XCTAssertGreaterThan(early.at.timeIntervalSince(started), 1.8, "not closed: the burst ends at the debounce")
        XCTAssertEqual(early.paths, [path])
        // Closing it is an event of its own: the finished file is reported again, at once.
        let closed = Date()
        try handle.close()
        let done = try XCTUnwrap(reports.next(timeout: 5))
        XCTAssertLessThan(done.at.timeIntervalSince(closed), 1.5)
        XCTAssertEqual(done.paths, [path])
    }
}
