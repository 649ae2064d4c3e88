import Build
import Corpus
import Foundation
import Hummingbird
import Logging
import ServiceLifecycle

/// What `sitegen serve` is asked to do.
public struct ServeOptions: Sendable {
    public var root: String
    public var host = "127.0.0.1"
    /// 0 picks a free port (tests).
    public var port = 8080
    /// Host names accepted in the `Host` header besides localhost, 127.0.0.1, ::1 and `host`.
    public var allowedHosts: [String] = []
    public var jobs: Int?
    /// Where the site is written (default: <root>/Public).
    public var output: String?
    /// Log each rebuild's stage times too.
    public var verbose = false

    public init(root: String) {
        self.root = root
    }
}

/// `sitegen serve`: builds the site, serves `Public/` on loopback, rebuilds when `Content/` or
/// `Templates/` change, and reloads the open pages (server-sent events). A failed rebuild keeps
/// the last good pages and shows its error in the terminal and on every open page.
public final class PreviewServer: Sendable {
    public let options: ServeOptions
    public let hub = ReloadHub()
    /// The open pages a rebuild made first, served before its site is in place.
    public let firstPages = FirstPages()
    let rebuilder: Rebuilder
    let log: @Sendable (String) -> Void

    public init(options: ServeOptions, log: @escaping @Sendable (String) -> Void = { print($0) }) {
        self.options = options
        self.log = log
        // Built with a root base URL: links, feeds and the 404 page point at the preview server.
        var build = BuildOptions(root: options.root, output: options.output, baseURL: "/", jobs: options.jobs)
        build.cache = BuildCache() // rebuilds skip the stages an edit did not touch
        self.rebuilder = Rebuilder(build: build, hub: hub, firstPages: firstPages, verbose: options.verbose, log: log)
    }

    var outputPath: String { options.output ?? (options.root as NSString).appendingPathComponent("Public") }

    /// Builds, then serves until SIGINT/SIGTERM. `onReady` receives the bound port.
    public func run(onReady: @escaping @Sendable (Int) async -> Void = { _ in }) async throws {
        await rebuilder.initialBuild()
        let content = (options.root as NSString).appendingPathComponent("Content")
        let templates = (options.root as NSString).appendingPathComponent("Templates")
        let rebuilder = self.rebuilder
        let watcher = FileWatcher(folders: [content, templates]) { changed in
            Task { await rebuilder.changed(changed) }
        }
        if watcher == nil { log("warning: file watching (inotify) is not available here; edits will not rebuild the site") }
        watcher?.start()
        defer { watcher?.stop() }

        let responder = SiteResponder(site: StaticSite(root: outputPath), hub: hub, firstPages: firstPages, allowedHosts: allowedHosts)
        let app = Application(
            responder: responder,
            configuration: .init(address: .hostname(options.host, port: options.port), serverName: "sitegen"),
            services: [EventStreamCloser(hub: hub)],
            onServerRunning: { channel in await onReady(channel.localAddress?.port ?? 0) },
            logger: {
                var logger = Logger(label: "sitegen.serve")
                logger.logLevel = .critical // bind errors are thrown; shutdown chatter is not news
                return logger
            }()
        )
        try await app.runService()
    }

    var allowedHosts: Set<String> {
        var hosts: Set<String> = ["localhost", "127.0.0.1", "[::1]", "::1"]
        hosts.insert(options.host.lowercased())
        for h in options.allowedHosts { hosts.insert(h.lowercased()) }
        return hosts
    }
}

/// Runs one build at a time; changes that arrive during a build trigger one more build after it.
actor Rebuilder {
    let build: BuildOptions
    let hub: ReloadHub
    let firstPages: FirstPages
    let log: @Sendable (String) -> Void
    var running = false
    var dirty = false
    /// When the last change was seen (for the "saved → reloaded" figure).
    var changeSeen: Date?

    let verbose: Bool

    init(build: BuildOptions, hub: ReloadHub, firstPages: FirstPages, verbose: Bool = false, log: @escaping @Sendable (String) -> Void) {
        self.verbose = verbose
        self.build = build
        self.hub = hub
        self.firstPages = firstPages
        self.log = log
    }

    func initialBuild() async {
        await runBuild(reason: "initial build")
    }

    func changed(_ paths: [String]) async {
        changeSeen = changeSeen ?? Date()
        let root = (build.root as NSString).standardizingPath
        let shown = paths.prefix(3).map { $0.hasPrefix(root + "/") ? String($0.dropFirst(root.count + 1)) : $0 }
        if running { dirty = true; return }
        await runBuild(reason: "changed: " + shown.joined(separator: ", ") + (paths.count > 3 ? " and \(paths.count - 3) more" : ""))
    }

    private func runBuild(reason: String) async {
        running = true
        var options = build
        // The open pages are made first and reload as soon as they are (served from memory
        // until the build's site is in place); the other pages reload when it ends.
        let token = await hub.buildStarted()
        options.firstPages = await hub.openPages
        let hub = self.hub, firstPages = self.firstPages
        options.onFirstPages = { files in
            let replaced = firstPages.hold(files)
            let pages = Set(files.map(\.path))
            Task { await hub.firstPagesReady(pages, build: token, replaced: replaced) }
        }
        // A corpus edit of a few articles: their pages from the last build's stories, at once.
        options.onPreview = { files in
            firstPages.hold(files, preview: true)
            let pages = Set(files.map(\.path))
            Task { await hub.previewReady(pages, build: token) }
        }
        // On a thread of its own, not one of the workers that run Swift's tasks: with both cores
        // rendering, the server must still answer the open pages' requests and events.
        let frozen = options
        let result: Result<BuildReport, Error> = await withCheckedContinuation { done in
            let thread = Thread { done.resume(returning: Result { try SiteBuilder(options: frozen).build() }) }
            thread.stackSize = 16 << 20
            thread.start()
        }
        let previewed = firstPages.previewed
        let firstAt = firstPages.release()
        switch result {
        case let .success(report):
            let written = report.write.added + report.write.updated
            var since = changeSeen.map { String(format: " (%.2f s after the change)", Date().timeIntervalSince($0)) } ?? ""
            if let changeSeen, let (previewedAt, pages) = previewed {
                // How close the preview came: its pages that the exact build wrote as they were.
                let output = build.outputPath
                let same = pages.filter { FileManager.default.contents(atPath: (output as NSString).appendingPathComponent($0.key)) == $0.value }.count
                since += String(format: "; its quick preview was ready %.2f s after it", previewedAt.timeIntervalSince(changeSeen))
                    + " (\(same) of its \(pages.count) page\(pages.count == 1 ? "" : "s") as the exact build made \(pages.count == 1 ? "it" : "them"))"
            }
            if let changeSeen, let firstAt {
                since += String(format: "; the open pages were made first, ready %.2f s after it", firstAt.timeIntervalSince(changeSeen))
            }
            log("\(reason) → built \(report.stories) stories in \(String(format: "%.2f", report.seconds)) s, \(written) files written, \(report.write.removed) removed\(since)")
            if verbose { log("  stages: \(report.stagesLine)") }
            await hub.succeeded()
        case let .failure(error):
            log("error: \(error)\n  (still serving the last good site)")
            await hub.failed("\(error)")
        }
        changeSeen = nil
        running = false
        if dirty {
            dirty = false
            await runBuild(reason: "more changes")
        }
    }
}

/// Ends every open event stream when the server shuts down, so Ctrl-C never waits on a page.
struct EventStreamCloser: Service {
    let hub: ReloadHub
    func run() async throws {
        try? await gracefulShutdown()
        await hub.finishAll()
    }
}

/// The HTTP side: GET and HEAD only; the `Host` header must name this machine (DNS rebinding);
/// files only from the site folder; the site's 404 page for misses; ETag and If-None-Match;
/// `nosniff`; the live-reload script added to HTML responses (never to the files on disk).
struct SiteResponder: HTTPResponder {
    typealias Context = BasicRequestContext
    let site: StaticSite
    let hub: ReloadHub
    let firstPages: FirstPages
    let allowedHosts: Set<String>

    static let eventsPath = "/__sitegen/events"
    static let scriptPath = "/__sitegen/live.js"

    func respond(to request: Request, context: Context) async throws -> Response {
        var headers = HTTPFields()
        headers[.xContentTypeOptions] = "nosniff"
        headers[.cacheControl] = "no-cache"
        guard request.method == .get || request.method == .head else {
            headers[.allow] = "GET, HEAD"
            return Response(status: .methodNotAllowed, headers: headers)
        }
        guard hostAllowed(request.head.authority) else {
            return text(.forbidden, "This host name is not allowed (DNS rebinding protection). Open the site at http://127.0.0.1 or localhost, or start sitegen serve with --allow-host NAME.\n", headers)
        }
        let raw = request.uri.string
        let path = raw.split(separator: "?", maxSplits: 1).first.map(String.init) ?? raw
        if path == Self.eventsPath { return events(headers, page: Self.page(inQuery: raw), shown: Self.shown(inQuery: raw)) }
        if path == Self.scriptPath {
            headers[.contentType] = "text/javascript; charset=utf-8"
            return Response(status: .ok, headers: headers, body: body(Data(LiveReload.script.utf8), request))
        }
        if let held = firstPages.data(for: path) {
            // A page of the build in progress: the last build's error is not about it.
            return try await serve(held.data, named: held.path, status: .ok, request: request, headers: headers, showingError: false, shown: held.preview ? .preview : .first)
        }
        switch site.resolve(path) {
        case let .redirect(location):
            headers[.location] = location
            return Response(status: .movedPermanently, headers: headers)
        case let .file(file):
            return try await serve(file, status: .ok, request: request, headers: headers)
        case .notFound:
            if case let .file(notFound) = site.resolve("/404.html") {
                return try await serve(notFound, status: .notFound, request: request, headers: headers)
            }
            return text(.notFound, "Not found\n", headers)
        }
    }

    func hostAllowed(_ authority: String?) -> Bool {
        guard let authority = authority?.lowercased(), !authority.isEmpty else { return false }
        var host = authority
        if host.hasPrefix("[") {
            host = String(host.prefix { $0 != "]" }) + "]"
        } else if let colon = host.lastIndex(of: ":") {
            host = String(host[..<colon])
        }
        return allowedHosts.contains(host)
    }

    func serve(_ file: String, status: HTTPResponse.Status, request: Request, headers: HTTPFields) async throws -> Response {
        guard let data = FileManager.default.contents(atPath: file) else { return text(.notFound, "Not found\n", headers) }
        return try await serve(data, named: file, status: status, request: request, headers: headers)
    }

    func serve(_ data: Data, named file: String, status: HTTPResponse.Status, request: Request, headers: HTTPFields, showingError: Bool = true, shown: ShownVersion = .disk) async throws -> Response {
        var headers = headers
        var data = data
        let type = StaticSite.contentType(of: file)
        headers[.contentType] = type
        if type.hasPrefix("text/html") {
            data = LiveReload.inject(into: data, error: showingError ? await hub.lastError : nil, shown: shown)
        }
        let etag = StaticSite.etag(data)
        headers[.eTag] = etag
        if status == .ok, let match = request.headers[.ifNoneMatch], match.split(separator: ",").contains(where: { $0.trimmingCharacters(in: .whitespaces) == etag || $0.trimmingCharacters(in: .whitespaces) == "*" }) {
            return Response(status: .notModified, headers: headers)
        }
        return Response(status: status, headers: headers, body: body(data, request))
    }

    func body(_ data: Data, _ request: Request) -> ResponseBody {
        request.method == .head ? ResponseBody(contentLength: data.count) { writer in try await writer.finish(nil) } : ResponseBody(byteBuffer: ByteBuffer(bytes: data))
    }

    func text(_ status: HTTPResponse.Status, _ message: String, _ headers: HTTPFields) -> Response {
        var headers = headers
        headers[.contentType] = "text/plain; charset=utf-8"
        return Response(status: status, headers: headers, body: ResponseBody(byteBuffer: ByteBuffer(string: message)))
    }

    /// The value of the first `name=` of a request's query, as sent (not decoded).
    static func query(_ raw: String, _ name: String) -> Substring? {
        guard let query = raw.split(separator: "?", maxSplits: 1).dropFirst().first else { return nil }
        return query.split(separator: "&").first { $0.hasPrefix(name + "=") }?.dropFirst(name.count + 1)
    }

    /// The output path of the page an event stream is for: `?page=` holds its request path.
    static func page(inQuery raw: String) -> String? {
        guard let value = query(raw, "page").flatMap({ String($0).removingPercentEncoding }), value.utf8.count <= 2048 else { return nil }
        return FirstPages.outputPath(of: value)
    }

    /// The version of the page the event stream's page got (`?v=`, from the script's tag).
    static func shown(inQuery raw: String) -> ShownVersion? {
        query(raw, "v").flatMap { ShownVersion(rawValue: String($0)) }
    }

    func events(_ headers: HTTPFields, page: String?, shown: ShownVersion? = nil) -> Response {
        var headers = headers
        headers[.contentType] = "text/event-stream"
        let hub = self.hub
        return Response(status: .ok, headers: headers, body: ResponseBody { writer in
            try await writer.write(ByteBuffer(string: "retry: 1000\n\n"))
            // The HTTP server stops first on Ctrl-C and waits for open requests, so the stream
            // must end on the shutdown signal itself (EventStreamCloser runs only after it).
            let stream = await hub.subscribe(page: page, shown: shown)
            try await withGracefulShutdownHandler {
                for await event in stream {
                    switch event {
                    case let .reload(generation):
                        try await writer.write(ByteBuffer(string: "event: reload\ndata: \(generation)\n\n"))
                    case .settled:
                        try await writer.write(ByteBuffer(string: "event: settled\ndata: \n\n"))
                    case let .failed(message):
                        let data = message.split(separator: "\n", omittingEmptySubsequences: false).map { "data: \($0)" }.joined(separator: "\n")
                        try await writer.write(ByteBuffer(string: "event: failed\n\(data)\n\n"))
                    }
                }
            } onGracefulShutdown: {
                Task { await hub.finishAll() }
            }
            try await writer.finish(nil)
        })
    }
}
