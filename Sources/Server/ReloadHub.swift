import Foundation

/// What the open pages are told: the site was rebuilt (reload), or the last rebuild failed (show
/// the error; the last good pages are still served).
public enum ReloadEvent: Sendable, Equatable {
    case reload(generation: Int)
    case failed(message: String)
}

/// Keeps the build's state and fans events out to every open page (server-sent events).
public actor ReloadHub {
    public private(set) var generation = 0
    /// The error of the last rebuild, nil when it succeeded.
    public private(set) var lastError: String?
    private var subscribers: [UUID: AsyncStream<ReloadEvent>.Continuation] = [:]

    public init() {}

    public func succeeded() {
        generation += 1
        lastError = nil
        publish(.reload(generation: generation))
    }

    public func failed(_ message: String) {
        lastError = message
        publish(.failed(message: message))
    }

    private func publish(_ event: ReloadEvent) {
        for continuation in subscribers.values { continuation.yield(event) }
    }

    /// A stream of events for one page; it ends when the page goes away.
    public func subscribe() -> AsyncStream<ReloadEvent> {
        let id = UUID()
        let (stream, continuation) = AsyncStream<ReloadEvent>.makeStream(bufferingPolicy: .bufferingNewest(8))
        subscribers[id] = continuation
        continuation.onTermination = { [weak self] _ in Task { await self?.unsubscribe(id) } }
        if let lastError { continuation.yield(.failed(message: lastError)) }
        return stream
    }

    private func unsubscribe(_ id: UUID) { subscribers[id] = nil }

    public var subscriberCount: Int { subscribers.count }

    /// Ends every page's stream (the server is stopping).
    public func finishAll() {
        for continuation in subscribers.values { continuation.finish() }
        subscribers = [:]
    }
}
