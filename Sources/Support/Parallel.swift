import Foundation

/// Work spread over the machine's cores, results in input order.
public enum Parallel {
    /// Maps `items` with `jobs` threads (chunked, so small items don't drown in scheduling).
    public static func map<T: Sendable, R: Sendable>(_ items: [T], jobs: Int = ProcessInfo.processInfo.activeProcessorCount, _ transform: @Sendable (T) -> R) -> [R] {
        guard jobs > 1, items.count > 1 else { return items.map(transform) }
        let results = ResultSlots<R>(count: items.count)
        // Many small chunks, taken by whichever thread is free: items differ in cost (a 300-article
        // story beside 1-article ones), and a few big chunks would leave a core idle at the end.
        let chunk = max(1, items.count / (jobs * 64))
        let chunks = (items.count + chunk - 1) / chunk
        DispatchQueue.concurrentPerform(iterations: chunks) { c in
            var local: [(Int, R)] = []
            for i in (c * chunk)..<min(items.count, (c + 1) * chunk) {
                local.append((i, transform(items[i])))
            }
            results.set(local)
        }
        return results.values
    }
}

/// Fixed slots written from several threads, each slot by exactly one.
private final class ResultSlots<R>: @unchecked Sendable {
    private var slots: [R?]
    private let lock = NSLock()
    init(count: Int) { slots = Array(repeating: nil, count: count) }
    func set(_ values: [(Int, R)]) {
        lock.lock()
        for (i, v) in values { slots[i] = v }
        lock.unlock()
    }
    var values: [R] { slots.map { $0! } }
}
