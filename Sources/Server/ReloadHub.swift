import Foundation

/// What the open pages are told: the site was rebuilt (reload), the last rebuild failed (show
/// the error; the last good pages are still served), or the quick preview a page shows is what
/// the exact build made of it too (settled: its preview note goes).
public enum ReloadEvent: Sendable, Equatable {
    case reload(generation: Int)
    case failed(message: String)
    case settled
}

/// Which version of a page a browser got, as the server told it when it served the page (the
/// live-reload script passes it back when it subscribes): the page can have been made first,
/// or previewed, between the response and the subscription.
public enum ShownVersion: String, Sendable {
    /// From the folder on disk (the last build's site).
    case disk
    /// Made first by the build in progress.
    case first
    /// The quick preview's version.
    case preview
}

/// Keeps the build's state and fans events out to every open page (server-sent events).
///
/// A page tells which file it shows when it subscribes. When a rebuild makes the open pages
/// first (`firstPagesReady`), those pages reload at once; when the build ends, every other page
/// does, and the ones that already show this build's version are left alone. A quick preview
/// (`previewReady`) reloads the pages it made at once too; each of them reloads again when the
/// build's own version differs.
public actor ReloadHub {
    public private(set) var generation = 0
    /// The error of the last rebuild, nil when it succeeded.
    public private(set) var lastError: String?
    private struct Subscriber {
        var continuation: AsyncStream<ReloadEvent>.Continuation
        /// The output path of the page (`stories/x/index.html`), when it said.
        var page: String?
        /// It shows the version of the build in progress (made first): no reload at its end.
        var current = false
    }
    private var subscribers: [UUID: Subscriber] = [:]
    /// The build in progress, and the pages it made first.
    private var building: Int?
    private var builds = 0
    private var made: Set<String> = []
    /// Pages the quick preview made that this build has not made again yet.
    private var previewed: Set<String> = []

    public init() {}

    /// The pages open now, by output path.
    public var openPages: Set<String> { Set(subscribers.values.compactMap(\.page)) }

    /// A build starts; the token names it to `firstPagesReady`. (The last one ended with
    /// `succeeded` or `failed`, which left nothing made and no page current.)
    public func buildStarted() -> Int {
        builds += 1
        building = builds
        return builds
    }

    /// Build `build` made `pages` first (and they are served from memory): the open pages
    /// showing them reload now. Ignored once that build is over.
    /// `replaced`: those of `pages` that differ from the quick preview's version, which the
    /// pages showing it must reload again.
    public func firstPagesReady(_ pages: Set<String>, build: Int, replaced: Set<String> = []) {
        guard building == build else { return }
        made.formUnion(pages)
        let wasPreviewed = previewed.intersection(pages)
        previewed.subtract(pages)
        for (id, subscriber) in subscribers {
            guard let page = subscriber.page, pages.contains(page) else { continue }
            if !subscriber.current || replaced.contains(page) {
                subscriber.continuation.yield(.reload(generation: generation + 1))
                subscribers[id]!.current = true
            } else if wasPreviewed.contains(page) {
                subscriber.continuation.yield(.settled)
            }
        }
    }

    /// Build `build`'s quick preview made `pages` (served from memory): the open pages showing
    /// them reload now, and again when the build ends unless it made them first and equal.
    public func previewReady(_ pages: Set<String>, build: Int) {
        guard building == build else { return }
        firstPagesReady(pages, build: build)
        previewed.formUnion(pages)
    }

    public func succeeded() {
        generation += 1
        lastError = nil
        for subscriber in subscribers.values where !subscriber.current || subscriber.page.map(previewed.contains) == true {
            subscriber.continuation.yield(.reload(generation: generation))
        }
        buildEnded()
    }

    public func failed(_ message: String) {
        lastError = message
        // A page showing this build's version (made first, or previewed) shows what will not be
        // on disk: it reloads, gets the last good page, and the error with it.
        for subscriber in subscribers.values {
            subscriber.continuation.yield(subscriber.current ? .reload(generation: generation) : .failed(message: message))
        }
        buildEnded()
    }

    private func buildEnded() {
        building = nil
        made = []
        previewed = []
        for id in subscribers.keys { subscribers[id]!.current = false }
    }

    /// A stream of events for one page (`page`: the output path it shows; `shown`: the version
    /// it got, when it says); it ends when the page goes away.
    public func subscribe(page: String? = nil, shown: ShownVersion? = nil) -> AsyncStream<ReloadEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        // A page loaded after the build made it first already shows that build's version; one
        // that got an older version than the server holds now reloads at once.
        let held = page.map(made.contains) ?? false
        var current = held
        var stale = false
        switch shown {
        case .disk?: stale = held
        case .preview?: stale = page.map { !previewed.contains($0) } ?? false
        case .first?, nil: break
        }
        if stale {
            continuation.yield(.reload(generation: generation + 1))
            current = true
        }
        subscribers[id] = Subscriber(continuation: continuation, page: page, current: current)
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        // The last build's error, unless the page is already this build's: that one has got past
        // it (if this build fails too, its own error comes).
        if let lastError, !current { continuation.yield(.failed(message: lastError)) }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    public var subscriberCount: Int { subscribers.count }

    /// Ends every page's stream (the server is stopping).
    public func finishAll() {
        for subscriber in subscribers.values { subscriber.continuation.finish() }
        subscribers = [:]
    }
}
