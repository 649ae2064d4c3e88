import Support

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
