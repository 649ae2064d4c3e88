import Foundation
import Output
@testable import Server
import TestSupport
import XCTest

/// Starts the real preview server on a free loopback port and talks HTTP to it — with raw
/// sockets where a URL library would clean up the hostile paths before sending them.
final class ServerTests: XCTestCase {
    struct Reply {
        var status: Int
        var headers: [String: String]
        var body: String
    }

    /// One request, bytes as given, on a fresh connection; reads to the end of the response.
    static func raw(_ port: Int, _ request: String) throws -> Reply {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.EIO) }
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else { throw POSIXError(.ECONNREFUSED) }
        let bytes = Array(request.utf8)
        _ = bytes.withUnsafeBufferPointer { send(fd, $0.baseAddress, $0.count, 0) }
        var data = Data()
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = recv(fd, &buffer, buffer.count, 0)
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
        }
        let text = String(decoding: data, as: UTF8.self)
        let parts = text.components(separatedBy: "\r\n\r\n")
        let head = parts[0].components(separatedBy: "\r\n")
        let status = Int(head.first?.split(separator: " ").dropFirst().first ?? "") ?? 0
        var headers: [String: String] = [:]
        for line in head.dropFirst() {
            if let colon = line.firstIndex(of: ":") {
                headers[line[..<colon].lowercased()] = line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces)
            }
        }
        return Reply(status: status, headers: headers, body: parts.dropFirst().joined(separator: "\r\n\r\n"))
    }

    static func get(_ port: Int, _ path: String, host: String = "127.0.0.1", method: String = "GET", extra: String = "") throws -> Reply {
        try raw(port, "\(method) \(path) HTTP/1.1\r\nHost: \(host)\r\nConnection: close\r\n\(extra)\r\n")
    }

    /// A small site: the repository's theme and three articles of one story.
    func makeSite() throws -> URL {
        let root = try Fixtures.tempDir(self)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Templates"), to: root.appendingPathComponent("Templates"))
        try FileManager.default.createDirectory(at: root.appendingPathComponent("Content"), withIntermediateDirectories: true)
        try FileManager.default.copyItem(at: Fixtures.repoRoot.appendingPathComponent("Content/outlets.csv"), to: root.appendingPathComponent("Content/outlets.csv"))
        let records = [
            #"{"id":"a","outlet":"Fox News (Online News)","url":"https://www.foxnews.com/a","published":"2020-03-03","title":"Council shuts the harbour bridge","story":"bridge","body":"The city council voted on Tuesday to close the old harbour bridge for repairs next spring."}"#,
            #"{"id":"b","outlet":"HuffPost","url":"https://www.huffpost.com/b","published":"2020-03-03","title":"Harbour bridge to close","story":"bridge","body":"The old harbour bridge will close for repairs next spring after the city council voted on Tuesday."}"#,
        ]
        try Fixtures.write(records.joined(separator: "\n") + "\n", to: root.appendingPathComponent("Content/corpus/c.jsonl"))
        return root
    }

    /// Runs the server for the test's duration; returns it and its port.
    func start(_ root: URL, log: Lines? = nil) async throws -> (PreviewServer, Int) {
        var options = ServeOptions(root: root.path)
        options.port = 0
        options.jobs = 1
        let server = PreviewServer(options: options) { line in log?.append(line) }
        let ready = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { port in ready.continuation.yield(port) } }
        addTeardownBlock { task.cancel(); _ = await task.result }
        var iterator = ready.stream.makeAsyncIterator()
        guard let port = await iterator.next() else { throw POSIXError(.EIO) }
        return (server, port)
    }

    /// The server's log lines.
    final class Lines: @unchecked Sendable {
        private let lock = NSLock()
        private var lines: [String] = []
        func append(_ line: String) { lock.lock(); lines.append(line); lock.unlock() }
        var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
    }

    /// Every event of a page's stream, once the hub has ended it.
    static func events(_ stream: AsyncStream<ReloadEvent>) async -> [ReloadEvent] {
        var all: [ReloadEvent] = []
        for await event in stream { all.append(event) }
        return all
    }

    /// Polls until `condition` holds or `seconds` pass; returns how long it took.
    func waitFor(_ seconds: Double, _ condition: () throws -> Bool) async throws -> Double? {
        let start = Date()
        while Date().timeIntervalSince(start) < seconds {
            if try condition() { return Date().timeIntervalSince(start) }
            try await Task.sleep(nanoseconds: 100_000_000)
        }
        return nil
    }

    func testServesPagesAndAssetsWithTheirTypesAndRefusesTheRest() async throws {
        let root = try makeSite()
        let (_, port) = try await start(root)
        let home = try Self.get(port, "/")
        XCTAssertEqual(home.status, 200)
        XCTAssertEqual(home.headers["content-type"], "text/html; charset=utf-8")
        XCTAssertEqual(home.headers["x-content-type-options"], "nosniff")
        XCTAssertTrue(home.body.contains("<script src=\"/__sitegen/live.js\" data-shown=\"disk\"></script></body>"), "live reload injected when serving")
        let onDisk = try String(contentsOf: root.appendingPathComponent("Public/index.html"), encoding: .utf8)
        XCTAssertFalse(onDisk.contains("__sitegen"), "…and never written into Public/")
        let css = try XCTUnwrap(try FileManager.default.contentsOfDirectory(atPath: root.appendingPathComponent("Public").path).first { $0.hasSuffix(".css") })
        XCTAssertEqual(try Self.get(port, "/" + css).headers["content-type"], "text/css; charset=utf-8")
        XCTAssertEqual(try Self.get(port, "/favicon.svg").headers["content-type"], "image/svg+xml")
        XCTAssertEqual(try Self.get(port, "/stories.json").headers["content-type"], "application/json")
        XCTAssertEqual(try Self.get(port, "/feed.xml").headers["content-type"], "application/xml")
        XCTAssertEqual(try Self.get(port, "/live.js").status, 404)
        let story = try Self.get(port, "/stories/council-shuts-the-harbour-bridge/")
        XCTAssertEqual(story.status, 200)
        XCTAssertTrue(story.body.contains("<h1>Council shuts the harbour bridge</h1>"))
        let redirect = try Self.get(port, "/stories/council-shuts-the-harbour-bridge")
        XCTAssertEqual(redirect.status, 301)
        XCTAssertEqual(redirect.headers["location"], "/stories/council-shuts-the-harbour-bridge/")
        let missing = try Self.get(port, "/no/such/page/")
        XCTAssertEqual(missing.status, 404)
        XCTAssertTrue(missing.body.contains("Page not found"), "the site's own 404 page")

        // ETag and If-None-Match.
        let etag = try XCTUnwrap(home.headers["etag"])
        XCTAssertEqual(try Self.get(port, "/", extra: "If-None-Match: \(etag)\r\n").status, 304)
        XCTAssertEqual(try Self.get(port, "/", extra: "If-None-Match: \"other\"\r\n").status, 200)
        // HEAD: headers, no body. Other methods: 405.
        let head = try Self.get(port, "/", method: "HEAD")
        XCTAssertEqual(head.status, 200)
        XCTAssertEqual(head.body, "")
        XCTAssertEqual(try Self.get(port, "/", method: "POST").status, 405)
        XCTAssertEqual(try Self.get(port, "/", method: "DELETE").headers["allow"], "GET, HEAD")
        // DNS rebinding: a foreign Host is refused; localhost and [::1] are fine.
        XCTAssertEqual(try Self.get(port, "/", host: "attacker.example").status, 403)
        XCTAssertEqual(try Self.get(port, "/", host: "localhost:\(port)").status, 200)
        XCTAssertEqual(try Self.get(port, "/", host: "[::1]:\(port)").status, 200)

        // Traversal in every spelling, NUL, hidden files, a symlink out of the site: never a file.
        try "TOP-SECRET-42".write(to: root.appendingPathComponent("secret.txt"), atomically: true, encoding: .utf8)
        try FileManager.default.createSymbolicLink(atPath: root.appendingPathComponent("Public/escape").path, withDestinationPath: root.path)
        try "HIDDEN-FILE-42".write(to: root.appendingPathComponent("Public/.hidden"), atomically: true, encoding: .utf8)
        for path in ["/../secret.txt", "/%2e%2e/secret.txt", "/%2E%2E/secret.txt", "/..%2fsecret.txt", "/..%5csecret.txt", "/.%2e/secret.txt",
                     "/stories/../../secret.txt", "/%00", "/index.html%00.css", "/escape/secret.txt", "/.hidden", "//etc/passwd", "/%252e%252e/secret.txt"] {
            let reply = try Self.get(port, path)
            XCTAssertEqual(reply.status, 404, path)
            // (The 404 page's own text and inline CSS say "hidden"; the files' contents are marked.)
            XCTAssertFalse(reply.body.contains("TOP-SECRET-42") || reply.body.contains("HIDDEN-FILE-42") || reply.body.contains("root:x:"), path)
        }
    }

    func testAnEditIsServedWithinSecondsAndABrokenTemplateKeepsTheLastGoodSite() async throws {
        let root = try makeSite()
        let log = Lines()
        let (server, port) = try await start(root, log: log)
        let corpus = root.appendingPathComponent("Content/corpus/c.jsonl")
        let text = try String(contentsOf: corpus, encoding: .utf8)
        try text.replacingOccurrences(of: "Council shuts the harbour bridge", with: "Harbour bridge closes in spring").write(to: corpus, atomically: true, encoding: .utf8)
        let took = try await waitFor(20) { try Self.get(port, "/").body.contains("Harbour bridge closes in spring") }
        XCTAssertNotNil(took, "the edit reached the served page")
        print("edit → served page: \(String(format: "%.2f", took ?? -1)) s")
        // One article edited: its story page was previewed before the exact build.
        let logged = try await waitFor(20) { log.all.contains { $0.contains("changed: Content/corpus/c.jsonl") } }
        XCTAssertNotNil(logged)
        XCTAssertTrue(log.all.contains { $0.contains("changed:") && $0.contains("its quick preview was ready") }, log.all.joined(separator: "\n"))
        let generation = await server.hub.generation

        // A broken template: the error is reported, the last good pages stay.
        let home = root.appendingPathComponent("Templates/home.mustache")
        try (try String(contentsOf: home, encoding: .utf8) + "{{#unclosed}}").write(to: home, atomically: true, encoding: .utf8)
        let failed = try await waitFor(20) { try Self.get(port, "/").body.contains("sitegen-build-error") }
        XCTAssertNotNil(failed, "the error is shown on the page")
        let page = try Self.get(port, "/")
        XCTAssertTrue(page.body.contains("Harbour bridge closes in spring"), "the last good page is still served")
        XCTAssertTrue(page.body.contains("home.mustache"), "the error names the file")
        let lastError = await server.hub.lastError
        XCTAssertNotNil(lastError)
        let afterFailure = await server.hub.generation
        XCTAssertEqual(afterFailure, generation, "a failed build is not a new generation")

        // Fixed again: the error goes away.
        try (try String(contentsOf: home, encoding: .utf8).replacingOccurrences(of: "{{#unclosed}}", with: "")).write(to: home, atomically: true, encoding: .utf8)
        let cleared = try await waitFor(20) { !(try Self.get(port, "/").body.contains("sitegen-build-error")) }
        XCTAssertNotNil(cleared, "a fixed template clears the error")
    }

    /// A rebuild's first pages reload the open pages showing them at once, and those pages are
    /// not reloaded again when the build ends; every other page is. A late call is ignored.
    func testOpenPagesMadeFirstReloadOnce() async {
        let hub = ReloadHub()
        let story = await hub.subscribe(page: "stories/a/index.html")
        let home = await hub.subscribe(page: "index.html")
        let unnamed = await hub.subscribe()
        let open = await hub.openPages
        XCTAssertEqual(open, ["stories/a/index.html", "index.html"])

        let first = await hub.buildStarted()
        await hub.firstPagesReady(["stories/a/index.html"], build: first)
        let reloaded = await hub.subscribe(page: "stories/a/index.html") // the page, loaded again
        let homeAgain = await hub.subscribe(page: "index.html")
        await hub.succeeded()
        await hub.firstPagesReady(["index.html"], build: first) // after its build: ignored

        let second = await hub.buildStarted() // nothing made first: every page at the end
        await hub.succeeded()
        let third = await hub.buildStarted()
        await hub.firstPagesReady(["stories/a/index.html"], build: third)
        await hub.failed("broken")
        XCTAssertNotEqual(first, second)
        await hub.finishAll()

        let failed = ReloadEvent.failed(message: "broken")
        let storyEvents = await Self.events(story), homeEvents = await Self.events(home), unnamedEvents = await Self.events(unnamed)
        let reloadedEvents = await Self.events(reloaded), homeAgainEvents = await Self.events(homeAgain)
        // The story page was made first by the build that failed: back to the last good page.
        XCTAssertEqual(storyEvents, [.reload(generation: 1), .reload(generation: 2), .reload(generation: 3), .reload(generation: 2)])
        XCTAssertEqual(homeEvents, [.reload(generation: 1), .reload(generation: 2), failed])
        XCTAssertEqual(unnamedEvents, [.reload(generation: 1), .reload(generation: 2), failed])
        XCTAssertEqual(reloadedEvents, [.reload(generation: 2), .reload(generation: 3), .reload(generation: 2)], "already current after the first build")
        XCTAssertEqual(homeAgainEvents, [.reload(generation: 1), .reload(generation: 2), failed])
    }

    /// A quick preview reloads the open pages it made at once. When the build then makes one of
    /// them first, it reloads again only if the build's version differs; a previewed page the
    /// build did not make first reloads when the build ends; the other pages reload then.
    func testAPreviewedPageReloadsAgainOnlyWhereTheBuildChangedIt() async {
        let hub = ReloadHub()
        let changed = await hub.subscribe(page: "stories/a/index.html")
        let same = await hub.subscribe(page: "stories/b/index.html")
        let notRemade = await hub.subscribe(page: "stories/c/index.html")
        let other = await hub.subscribe(page: "index.html")
        let token = await hub.buildStarted()
        await hub.previewReady(["stories/a/index.html", "stories/b/index.html", "stories/c/index.html"], build: token)
        let loadedAfterPreview = await hub.subscribe(page: "stories/a/index.html")
        await hub.firstPagesReady(["stories/a/index.html", "stories/b/index.html", "index.html"], build: token, replaced: ["stories/a/index.html"])
        await hub.succeeded()
        let late = await hub.subscribe(page: "stories/c/index.html")
        await hub.previewReady(["stories/c/index.html"], build: token) // after its build: ignored
        await hub.finishAll()

        let reload = ReloadEvent.reload(generation: 1)
        let changedEvents = await Self.events(changed), sameEvents = await Self.events(same), notRemadeEvents = await Self.events(notRemade)
        let otherEvents = await Self.events(other), afterPreviewEvents = await Self.events(loadedAfterPreview), lateEvents = await Self.events(late)
        XCTAssertEqual(changedEvents, [reload, reload], "the preview's version, then the build's")
        XCTAssertEqual(sameEvents, [reload, .settled], "the build made the page the preview showed: its note goes")
        XCTAssertEqual(notRemadeEvents, [reload, reload], "the preview's version, then the site's at the end")
        XCTAssertEqual(otherEvents, [reload], "made first by the build, not previewed")
        XCTAssertEqual(afterPreviewEvents, [reload], "loaded with the preview's version: only the build's")
        XCTAssertEqual(lateEvents, [])
    }

    /// A page tells which version it got. One that got an older version than the server holds
    /// now (the disk's while the build has made it first, or the preview's once the build has
    /// made it again) reloads at once; one showing what is held does not. After a failed build,
    /// a page showing that build's version reloads (to the last good page and its error).
    func testAPageThatGotAnOlderVersionReloadsAtOnce() async {
        let hub = ReloadHub()
        let token = await hub.buildStarted()
        await hub.previewReady(["stories/a/index.html"], build: token)
        let previewOfA = await hub.subscribe(page: "stories/a/index.html", shown: .preview)
        let diskOfA = await hub.subscribe(page: "stories/a/index.html", shown: .disk)
        await hub.firstPagesReady(["stories/a/index.html", "index.html"], build: token, replaced: [])
        let previewOfALate = await hub.subscribe(page: "stories/a/index.html", shown: .preview)
        let firstOfHome = await hub.subscribe(page: "index.html", shown: .first)
        let diskOfOther = await hub.subscribe(page: "stories/b/index.html", shown: .disk)
        await hub.failed("disk full")
        let afterFailure = await hub.subscribe(page: "index.html", shown: .first)
        await hub.finishAll()

        let failed = ReloadEvent.failed(message: "disk full")
        let e1 = await Self.events(previewOfA), e2 = await Self.events(diskOfA), e3 = await Self.events(previewOfALate)
        let e4 = await Self.events(firstOfHome), e5 = await Self.events(diskOfOther), e6 = await Self.events(afterFailure)
        XCTAssertEqual(e1, [.settled, .reload(generation: 0)], "the preview it shows is held: its note goes when the build makes it the same; the build fails: back to disk")
        XCTAssertEqual(e2, [.reload(generation: 1), .settled, .reload(generation: 0)], "the disk's version while the preview is held: at once (then as the preview's)")
        XCTAssertEqual(e3, [.reload(generation: 1), .reload(generation: 0)], "the preview's version after the build made the page: at once")
        XCTAssertEqual(e4, [.reload(generation: 0)], "the build's own version, then the failure")
        XCTAssertEqual(e5, [failed], "not made by this build: the error over the last good page")
        XCTAssertEqual(e6, [failed], "the last good page, with its error")
    }

    /// Held pages tell which of them replaced a different held version (the preview's).
    func testHoldingAPageAgainTellsWhetherItChanged() {
        let pages = FirstPages()
        XCTAssertEqual(pages.hold([OutputFile(path: "a.html", text: "A"), OutputFile(path: "b.html", text: "B")], preview: true), [])
        XCTAssertNil(pages.release(), "a preview alone is not the first pages")
        pages.hold([OutputFile(path: "a.html", text: "A"), OutputFile(path: "b.html", text: "B")], preview: true)
        XCTAssertEqual(pages.data(for: "/a.html")?.preview, true, "the preview's version, with its note")
        let replaced = pages.hold([OutputFile(path: "a.html", text: "A2"), OutputFile(path: "b.html", text: "B"), OutputFile(path: "c.html", text: "C")])
        XCTAssertEqual(replaced, ["a.html"])
        XCTAssertEqual(pages.data(for: "/a.html")?.data, Data("A2".utf8))
        XCTAssertEqual(pages.data(for: "/a.html")?.preview, false)
        XCTAssertEqual(pages.data(for: "/b.html")?.preview, false, "made again by the build, the same")
        XCTAssertEqual(pages.previewed?.pages.keys.sorted(), ["a.html", "b.html"], "what the preview made, for the log")
        XCTAssertNotNil(pages.release())
    }

    /// A broken template fixed while a page is open: the page is made first, shows no stale error,
    /// and the error does not come back when the page subscribes again.
    func testAPageMadeFirstAfterAFailureCarriesNoStaleError() async {
        let hub = ReloadHub()
        await hub.failed("template error")
        let token = await hub.buildStarted()
        await hub.firstPagesReady(["stories/a/index.html"], build: token)
        let reloaded = await hub.subscribe(page: "stories/a/index.html")
        let other = await hub.subscribe(page: "index.html")
        await hub.succeeded()
        await hub.finishAll()
        var events: [ReloadEvent] = []
        for await event in reloaded { events.append(event) }
        XCTAssertEqual(events, [], "no stale error, and no second reload")
        events = []
        for await event in other { events.append(event) }
        XCTAssertEqual(events, [.failed(message: "template error"), .reload(generation: 1)])
    }

    /// Pages held for a build in progress are served before the disk, with the live-reload script;
    /// an event stream names its page by request path.
    func testHeldPagesAreServedUntilReleased() async throws {
        let root = try makeSite()
        let (server, port) = try await start(root)
        let path = "/stories/council-shuts-the-harbour-bridge/"
        XCTAssertTrue(try Self.get(port, path).body.contains("<h1>Council shuts the harbour bridge</h1>"))
        server.firstPages.hold([OutputFile(path: "stories/council-shuts-the-harbour-bridge/index.html", text: "<body><h1>Made first</h1></body>"),
                                OutputFile(path: "site.0123456789.css", text: "body{}")])
        let held = try Self.get(port, path)
        XCTAssertEqual(held.status, 200)
        XCTAssertTrue(held.body.hasPrefix("<body><h1>Made first</h1><script src=\"/__sitegen/live.js\" data-shown=\"first\"></script></body>"), held.body)
        XCTAssertEqual(try Self.get(port, path + "index.html").body, held.body)
        // A quick preview's page carries its note until the build makes the page itself.
        server.firstPages.hold([OutputFile(path: "stories/a/index.html", text: "<body><h1>Previewed</h1></body>")], preview: true)
        XCTAssertTrue(try Self.get(port, "/stories/a/").body.hasPrefix("<body><h1>Previewed</h1>" + LiveReload.previewNote + "<script src=\"/__sitegen/live.js\" data-shown=\"preview\">"))
        server.firstPages.hold([OutputFile(path: "stories/a/index.html", text: "<body><h1>Previewed</h1></body>")])
        XCTAssertFalse(try Self.get(port, "/stories/a/").body.contains("sitegen-preview"))
        XCTAssertTrue(LiveReload.script.contains("\"settled\""))
        XCTAssertEqual(try Self.get(port, "/site.0123456789.css").headers["content-type"], "text/css; charset=utf-8", "a new stylesheet, not yet on disk")
        XCTAssertEqual(try Self.get(port, "/").status, 200)
        // After a failed build: the pages on disk show its error, a page of the build in progress does not.
        await server.hub.failed("a template error")
        XCTAssertTrue(try Self.get(port, "/").body.contains("a template error"))
        XCTAssertFalse(try Self.get(port, path).body.contains("sitegen-build-error"))
        server.firstPages.release()
        XCTAssertTrue(try Self.get(port, path).body.contains("<h1>Council shuts the harbour bridge</h1>"))
        XCTAssertEqual(try Self.get(port, "/site.0123456789.css").status, 404)

        XCTAssertEqual(SiteResponder.page(inQuery: "/__sitegen/events?page=%2Fstories%2Fa%2F"), "stories/a/index.html")
        XCTAssertEqual(SiteResponder.shown(inQuery: "/__sitegen/events?page=%2F&v=preview"), .preview)
        XCTAssertNil(SiteResponder.shown(inQuery: "/__sitegen/events?page=%2F&v=other"))
        XCTAssertTrue(LiveReload.script.contains("data-shown"))
        XCTAssertEqual(SiteResponder.page(inQuery: "/__sitegen/events?x=1&page=%2F"), "index.html")
        XCTAssertEqual(SiteResponder.page(inQuery: "/__sitegen/events?page=%2Ffeed.xml"), "feed.xml")
        XCTAssertNil(SiteResponder.page(inQuery: "/__sitegen/events?page=%2F..%2Fsecret"))
        XCTAssertNil(SiteResponder.page(inQuery: "/__sitegen/events"))
        XCTAssertTrue(LiveReload.script.contains("encodeURIComponent(location.pathname)"))
    }

    func testStaticSitePathRules() throws {
        XCTAssertEqual(StaticSite.segments(of: "/a/b/"), ["a", "b"])
        XCTAssertEqual(StaticSite.segments(of: "/a%20b/?q=1"), ["a b"])
        XCTAssertNil(StaticSite.segments(of: "/a/../b"))
        XCTAssertNil(StaticSite.segments(of: "/a/%2e%2e/b"))
        XCTAssertNil(StaticSite.segments(of: "/a%2f..%2fb"))
        XCTAssertNil(StaticSite.segments(of: "/a%5c..%5cb"))
        XCTAssertNil(StaticSite.segments(of: "/a%00b"))
        XCTAssertNil(StaticSite.segments(of: "/%ff%fe"), "not UTF-8")
        XCTAssertNil(StaticSite.segments(of: "relative"))
        XCTAssertEqual(LiveReload.inject(into: Data("<body>x</body>".utf8), error: "<b>&"), Data("<body>x<pre id=\"sitegen-build-error\" role=\"alert\" style=\"position:fixed;left:0;right:0;bottom:0;max-height:50vh;overflow:auto;margin:0;padding:1em;background:#3b0d0d;color:#fff;font:13px/1.4 monospace;z-index:2147483647;white-space:pre-wrap\">sitegen: the last rebuild failed; this is the last good page.\n\n&lt;b&gt;&amp;</pre><script src=\"/__sitegen/live.js\" data-shown=\"disk\"></script></body>".utf8))
    }
}
