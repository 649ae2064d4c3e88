/// A problem found in the input, printed as `path:line: what is wrong; what happened to it`.
public struct Diagnostic: Sendable, Hashable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable {
        /// The record or file was skipped.
        case error
        /// The record was kept, with the problem worked around.
        case warning
    }

    public var severity: Severity
    public var location: SourceLocation
    public var message: String
    public var consequence: String

    public init(_ severity: Severity, at location: SourceLocation, _ message: String, _ consequence: String) {
        self.severity = severity
        self.location = location
        self.message = message
        self.consequence = consequence
    }

    public var description: String {
        "\(location): \(message); \(consequence)"
    }
}

/// Errors that stop loading a whole file or folder (as opposed to one record).
public enum CorpusError: Error, CustomStringConvertible, Sendable {
    case unreadable(path: String, reason: String)
    case missing(path: String, what: String)
    case invalid(location: SourceLocation, reason: String)

    public var description: String {
        switch self {
        case let .unreadable(path, reason): return "\(path): cannot read: \(reason)"
        case let .missing(path, what): return "\(path): not found; \(what)"
        case let .invalid(location, reason): return "\(location): \(reason)"
        }
    }
}
