import Foundation
import Output

/// Where the pipeline's files go: kept in memory for the caller (`render()`), or handed to an
/// `OutputSession` at once (`build()`), from any thread.
final class FileSink: @unchecked Sendable {
    private let session: OutputSession?
    private let lock = NSLock()
    private(set) var files: [OutputFile] = []
    private(set) var paths: [String] = []
    private(set) var failure: Error?

    init(session: OutputSession?) {
        self.session = session
    }

    /// Takes a file from a worker thread: written now (nil returned), or given back to be kept,
    /// in order, by `put`.
    func putOne(_ file: OutputFile) -> OutputFile? {
        guard let session else { return file }
        do { try session.add(file) } catch { record(error) }
        lock.lock()
        paths.append(file.path)
        lock.unlock()
        return nil
    }

    /// Whether `keepOne` can keep files already in the output folder (a build writing to disk).
    var canKeep: Bool { session != nil }

    /// Keeps the output folder's file at `path` (see `OutputSession.keep`); false when it cannot.
    func keepOne(_ path: String, size: Int) -> Bool {
        guard let session else { return false }
        do {
            guard try session.keep(path, size: size) else { return false }
        } catch {
            record(error)
            return false
        }
        lock.lock()
        paths.append(path)
        lock.unlock()
        return true
    }

    /// Takes files in order: kept, or written in parallel.
    func put(_ batch: [OutputFile]) {
        guard !batch.isEmpty else { return }
        guard let session else {
            lock.lock()
            files += batch
            paths += batch.map(\.path)
            lock.unlock()
            return
        }
        if let first = session.add(all: batch) { record(OutputError.io(session.description, first)) }
        lock.lock()
        paths += batch.map(\.path)
        lock.unlock()
    }

    private func record(_ error: Error) {
        lock.lock()
        if failure == nil { failure = error }
        lock.unlock()
    }
}
