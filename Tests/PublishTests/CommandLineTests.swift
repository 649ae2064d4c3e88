import Foundation
import TestSupport
import XCTest

/// `sitegen init` and `sitegen publish` as a user runs them: exit 0, 1 on failure, 2 on misuse.
final class CommandLineTests: XCTestCase {
    /// The `sitegen` built beside this test bundle (whatever the scratch path), else `.build/debug`.
    func binary() throws -> URL {
        let beside = URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        let candidates = [beside, Bundle.main.bundleURL, Bundle.main.bundleURL.deletingLastPathComponent(), Fixtures.repoRoot.appendingPathComponent(".build/debug")]
            .map { $0.appendingPathComponent("sitegen") }
        guard let found = candidates.first(where: { FileManager.default.isExecutableFile(atPath: $0.path) }) else {
            throw XCTSkip("no sitegen binary built beside the tests")
        }
        return found
    }

    func run(_ args: [String]) throws -> (status: Int32, out: String, err: String) {
        let process = Process()
        process.executableURL = try binary()
        process.arguments = args
        let dir = try Fixtures.tempDir(self)
        let out = dir.appendingPathComponent("out"), err = dir.appendingPathComponent("err")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        _ = FileManager.default.createFile(atPath: err.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = try FileHandle(forWritingTo: err)
        try process.run()
        process.waitUntilExit()
        return (process.terminationStatus, try String(contentsOf: out, encoding: .utf8), try String(contentsOf: err, encoding: .utf8))
    }

    func testInitThenPublishExitCodes() throws {
        let tmp = try Fixtures.tempDir(self)
        let site = tmp.appendingPathComponent("my site").path
        let created = try run(["init", site])
        XCTAssertEqual(created.status, 0, created.err)
        XCTAssertTrue(created.out.contains("sitegen build --root '\(site)'"), created.out)
        let again = try run(["init", site])
        XCTAssertEqual(again.status, 1)
        XCTAssertTrue(again.err.contains("is not empty") && again.err.contains("--force"), again.err)

        let www = tmp.appendingPathComponent("www").path
        let published = try run(["publish", "--root", site, "--to", www])
        XCTAssertEqual(published.status, 0, published.err)
        XCTAssertTrue(published.out.contains("Added "), published.out)
        XCTAssertTrue(published.out.contains("Published to \(www)"), published.out)
        let noop = try run(["publish", "--root", site, "--to", "file://" + www])
        XCTAssertEqual(noop.status, 0, noop.err)
        XCTAssertTrue(noop.out.contains("Nothing changed"), noop.out)

        XCTAssertEqual(try run(["publish", "--root", site]).status, 2, "--to is required")
        let broken = try run(["publish", "--root", tmp.appendingPathComponent("nowhere").path, "--to", www])
        XCTAssertEqual(broken.status, 1)
        XCTAssertTrue(broken.err.contains("error: "), broken.err)
        let help = try run(["init", "--help"])
        XCTAssertEqual(help.status, 0)
        XCTAssertTrue(help.out.contains("--from"), help.out)
    }

    /// The executable links mimalloc, and mimalloc (not the C library) serves its `malloc`.
    func testBuildsRunOnMimalloc() throws {
        let site = try Fixtures.tempDir(self).appendingPathComponent("site").path
        XCTAssertEqual(try run(["init", site]).status, 0)
        let built = try run(["build", "--root", site, "-v"])
        XCTAssertEqual(built.status, 0, built.err)
        XCTAssertTrue(built.out.contains("Allocator: mimalloc 2."), built.out)
    }

    /// Ctrl-C (SIGTERM here) stops `serve` even while a page listens for reloads: the HTTP server
    /// waits for open requests before it stops, so the event stream must end on the signal.
    func testServeStopsOnSIGTERMWithAPageListening() throws {
        let root = try Fixtures.smallSite(self)
        let process = Process()
        process.executableURL = try binary()
        process.arguments = ["serve", "--root", root.path, "--port", "0"]
        let out = root.appendingPathComponent("serve.out")
        _ = FileManager.default.createFile(atPath: out.path, contents: nil)
        process.standardOutput = try FileHandle(forWritingTo: out)
        process.standardError = FileHandle.nullDevice
        try process.run()
        defer { if process.isRunning { kill(process.processIdentifier, SIGKILL) } }
        var port: Int?
        for _ in 0..<300 where port == nil {
            Thread.sleep(forTimeInterval: 0.1)
            let text = (try? String(contentsOf: out, encoding: .utf8)) ?? ""
            if let range = text.range(of: "http://127.0.0.1:") { port = Int(text[range.upperBound...].prefix { $0.isNumber }) }
        }
        guard let port else { return XCTFail("serve did not start") }

        // A page's event stream, open.
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        XCTAssertEqual(connected, 0)
        let request = Array("GET /__sitegen/events HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n".utf8)
        _ = request.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) }
        var buffer = [UInt8](repeating: 0, count: 4096)
        XCTAssertGreaterThan(recv(fd, &buffer, buffer.count, 0), 0, "the stream answered")

        process.terminate()
        let deadline = Date().addingTimeInterval(10)
        while process.isRunning && Date() < deadline { Thread.sleep(forTimeInterval: 0.1) }
        XCTAssertFalse(process.isRunning, "serve still running 10 s after SIGTERM")
    }
}
