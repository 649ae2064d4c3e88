@testable import Build
@testable import Support
import Dispatch
import Foundation
import TestSupport
import XCTest

/// The progress line of `sitegen build`: its format, its throttling, the line each stage leaves,
/// and silence when standard error is not a terminal.
final class BuildProgressTests: XCTestCase {
    /// What the reporter wrote, and a clock the test moves by hand.
    final class Terminal: @unchecked Sendable {
        private let lock = NSLock()
        private var _writes: [String] = []
        private var _now = 0.0

        var writes: [String] { lock.withLock { _writes } }
        var text: String { writes.joined() }
        var now: Double {
            get { lock.withLock { _now } }
            set { lock.withLock { _now = newValue } }
        }

        func reporter() -> BuildProgress {
            BuildProgress(write: { text in self.lock.withLock { self._writes.append(text) } }, clock: { self.now })
        }
    }

    let rewind = "\r\u{1B}[2K"

    func testLiveLineShowsStageCountOfTotalRateAndSeconds() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("markdown+render", total: 24_574, unit: "story pages")
        terminal.now = 5.3
        progress.advance(by: 12_345)
        XCTAssertEqual(terminal.writes, [
            rewind + "markdown+render    0/24,574 story pages  0.0 s",
            rewind + "markdown+render    12,345/24,574 story pages  2,329/s  5.3 s",
        ])
    }

    func testStageWithoutCountShowsItsSecondsGoingUp() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("group", unit: "stories")
        terminal.now = 2.0
        progress.tick()
        XCTAssertEqual(terminal.writes, [rewind + "group              0.0 s", rewind + "group              2.0 s"])
    }

    func testRedrawsAtMostTenTimesASecond() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("write", total: 5_000, unit: "files")
        for step in 1...2_000 {
            terminal.now = Double(step) * 0.001 // 2,000 advances over 2 seconds
            progress.advance()
        }
        XCTAssertLessThanOrEqual(terminal.writes.count, 1 + 20, "the first line, then one every 0.1 s at most")
        XCTAssertGreaterThanOrEqual(terminal.writes.count, 1 + 18)
        terminal.now = 4.0
        progress.tick()
        XCTAssertEqual(terminal.writes.last, rewind + "write              2,000/5,000 files  500/s  4.0 s")
    }

    func testEachStageLeavesOneLineWithItsCountAndSeconds() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("load+clean", unit: "articles")
        terminal.now = 8.64
        progress.advance(by: 155) // counted when the stage is done
        progress.stage("group", unit: "stories")
        terminal.now = 9.0
        progress.stage("measure+summarise", total: 51, unit: "stories")
        progress.advance(by: 51)
        terminal.now = 10.0
        progress.finish()
        progress.finish()
        progress.tick()
        let kept = terminal.text.components(separatedBy: "\n").dropLast().map { $0.components(separatedBy: rewind).last! }
        XCTAssertEqual(kept, [
            "load+clean         155 articles  8.6 s",
            "group              0.4 s",
            "measure+summarise  51 stories  1.0 s",
        ])
        XCTAssertTrue(terminal.text.hasSuffix("\n"), "a second finish, or a tick after it, writes nothing")
    }

    func testCancelErasesTheLineAndLeavesNothing() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("load+clean", unit: "articles")
        progress.cancel()
        progress.finish()
        XCTAssertEqual(terminal.writes, [rewind + "load+clean         0.0 s", rewind])
    }

    func testAdvancesFromManyThreadsAllCount() {
        let terminal = Terminal()
        let progress = terminal.reporter()
        progress.stage("markdown+render", total: 10_000, unit: "story pages")
        DispatchQueue.concurrentPerform(iterations: 100) { _ in
            for _ in 0..<100 { progress.advance() }
        }
        terminal.now = 4
        progress.finish()
        XCTAssertTrue(terminal.text.hasSuffix(rewind + "markdown+render    10,000 story pages  4.0 s\n"), terminal.text)
    }

    func testShownOnlyOnATerminalThatIsNotDumbUnlessForced() {
        XCTAssertTrue(BuildProgress.isWanted(forced: nil, stderrIsTerminal: true, term: "xterm-256color"))
        XCTAssertFalse(BuildProgress.isWanted(forced: nil, stderrIsTerminal: false, term: "xterm-256color"), "a pipe or a file")
        XCTAssertFalse(BuildProgress.isWanted(forced: nil, stderrIsTerminal: true, term: "dumb"))
        XCTAssertFalse(BuildProgress.isWanted(forced: nil, stderrIsTerminal: true, term: nil))
        XCTAssertTrue(BuildProgress.isWanted(forced: true, stderrIsTerminal: false, term: "dumb"), "--progress")
        XCTAssertFalse(BuildProgress.isWanted(forced: false, stderrIsTerminal: true, term: "xterm"), "--no-progress")
        XCTAssertNil(BuildProgress.forBuild(forced: nil, environment: ["TERM": "xterm"], stderrIsTerminal: false))
        XCTAssertNil(BuildProgress.forBuild(forced: false, environment: ["TERM": "xterm"], stderrIsTerminal: true))
    }

    func testThousandsAreGroupedWithCommasWhateverTheLocale() {
        XCTAssertEqual([0, 999, 1_000, 24_574, 1_234_567, -4_321].map(BuildProgress.grouped), ["0", "999", "1,000", "24,574", "1,234,567", "-4,321"])
    }

    /// SiteBuilder shows its six stages (Markdown and render take turns, shown as one), in order, with a small site's counts.
    func testBuildingASiteReportsEveryStage() throws {
        let terminal = Terminal()
        var options = BuildOptions(root: try Fixtures.smallSite(self).path, output: try Fixtures.tempDir(self).appendingPathComponent("Public").path, strict: true)
        options.progress = terminal.reporter()
        let report = try SiteBuilder(options: options).build()
        let kept = terminal.text.components(separatedBy: "\n").dropLast().map { $0.components(separatedBy: rewind).last! }
        // A name padded to 17 characters, two spaces, then the count and the seconds.
        XCTAssertEqual(kept.map { $0.prefix(17).trimmingCharacters(in: .whitespaces) }, ["load", "clean", "group", "measure+summarise", "render", "write"])
        XCTAssertEqual(kept.map { $0.dropFirst(19).components(separatedBy: "  ").first! }, [
            "155 articles", "155 articles", "51 stories", "51 stories", "51 story pages", "\(report.files) files",
        ])
    }

    /// Scripts read `sitegen build`'s output: without a terminal, not one `\r` or escape code.
    func testCommandWritesNoEscapeCodesWhenStandardErrorIsNotATerminal() throws {
        let output = try Fixtures.tempDir(self).appendingPathComponent("Public").path
        let site = try Fixtures.smallSite(self).path
        let plain = try sitegen(["build", "--root", site, "--output", output, "--verbose"])
        XCTAssertEqual(plain.status, 0, plain.err)
        XCTAssertTrue(plain.out.contains("Built 51 stories from 155 articles") && plain.out.contains("Stages: load "), plain.out)
        for text in [plain.out, plain.err] {
            XCTAssertFalse(text.contains("\r") || text.contains("\u{1B}"), text)
        }

        let forced = try sitegen(["build", "--root", site, "--output", output, "--progress", "--force"])
        XCTAssertEqual(forced.status, 0, forced.err)
        XCTAssertTrue(forced.err.contains(rewind + "render             51 story pages"), forced.err)
        XCTAssertFalse(forced.out.contains("\r") || forced.out.contains("\u{1B}"), "progress never goes to standard output: \(forced.out)")
        XCTAssertTrue(forced.out.hasPrefix("Built 51 stories"), forced.out)
    }

    /// Runs the `sitegen` built beside this test bundle, standard output and error into files.
    func sitegen(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [beside, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent()].map { $0.appendingPathComponent("sitegen") }
        guard let binary = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("no sitegen binary built beside the tests")
        }
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        let process = Process()
        process.executableURL = binary
        process.arguments = args
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }
}
