/// Where a record came from: the file and the 1-based line (or CSV record) it starts on.
public struct SourceLocation: Sendable, Hashable, Codable, CustomStringConvertible {
    public var path: String
    public var line: Int?

    public init(path: String, line: Int? = nil) {
        self.path = path
        self.line = line
    }

    public var description: String {
        line.map { "\(path):\($0)" } ?? path
    }
}

/// A problem found in the input, printed as `path:line: what is wrong; what happened to it`.
public struct Diagnostic: Sendable, Hashable, Codable, CustomStringConvertible {
    public enum Severity: String, Sendable, Hashable, Codable {
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
        self.message = Self.printable(message)
        self.consequence = consequence
    }

    /// Corpus text quoted in a message is shown, not obeyed: control characters (an escape
    /// sequence drives the terminal; a line break would start a forged report line) and
    /// bidirectional overrides (which reorder what the reader sees) are written out as `\u{…}`
    /// (found by fuzz-corpus: a record's date or id went to the terminal as it was).
    public static func printable(_ text: String) -> String {
        func hidden(_ s: Unicode.Scalar) -> Bool {
            let v = s.value
            return (v < 0x20 && v != 0x09) || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
        }
        guard text.unicodeScalars.contains(where: hidden) else { return text }
        var out = ""
        for s in text.unicodeScalars {
            if hidden(s) { out += "\\u{\(String(s.value, radix: 16))}" } else { out.unicodeScalars.append(s) }
        }
        return out
    }

    public var description: String {
        "\(location): \(message); \(consequence)"
    }
}

