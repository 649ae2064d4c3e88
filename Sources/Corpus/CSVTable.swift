import CSV
import Foundation
import Support

/// A CSV file with a header row, read through CSV.swift, each record with the line it starts on.
public struct CSVTable: Sendable {
    public struct Record: Sendable {
        public var line: Int
        public var fields: [String]
    }

    public let path: String
    /// Column names, trimmed and lower-cased.
    public let header: [String]
    public let records: [Record]

    /// One field as written in a CSV file: quoted when it holds a comma, a quote or a line break.
    public static func field(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0.isNewline }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }

    public init(path: String) throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
            throw CorpusError.unreadable(path: path, reason: error.localizedDescription)
        }
        try self.init(path: path, text: String(decoding: data, as: UTF8.self))
    }

    init(path: String, text: String) throws {
        self.path = path
        let body = text.hasPrefix("\u{FEFF}") ? String(text.dropFirst()) : text
        let reader: CSVReader
        do { reader = try CSVReader(string: body, hasHeaderRow: true) } catch {
            throw CorpusError.invalid(location: SourceLocation(path: path, line: 1), reason: "no CSV header row (\(error))")
        }
        guard let header = reader.headerRow else {
            throw CorpusError.invalid(location: SourceLocation(path: path, line: 1), reason: "no CSV header row")
        }
        self.header = header.map { $0.trimmed.lowercased() }
        var records: [Record] = []
        // CSV.swift does not report positions: count the line breaks a record spans ourselves.
        var line = 2 + header.reduce(0) { $0 + $1.newlineCount }
        while let row = reader.next() {
            if !(row.count == 1 && row[0].isEmpty) {
                records.append(Record(line: line, fields: row))
            }
            line += 1 + row.reduce(0) { $0 + $1.newlineCount }
        }
        if let error = reader.error {
            throw CorpusError.invalid(location: SourceLocation(path: path, line: line), reason: "malformed CSV (\(error))")
        }
        self.records = records
    }

    /// The index of the first header matching any of `names` (case-insensitive).
    func column(_ names: [String]) -> Int? {
        for name in names {
            if let i = header.firstIndex(of: name.lowercased()) { return i }
        }
        return nil
    }
}

extension String {
    var newlineCount: Int { utf8.reduce(0) { $1 == 10 ? $0 + 1 : $0 } }

    /// Trimmed, or nil when nothing is left.
    var nonEmpty: String? {
        let t = trimmed
        return t.isEmpty ? nil : t
    }
}

extension Array where Element == String {
    subscript(safe index: Int?) -> String? {
        guard let index, index >= 0, index < count else { return nil }
        return self[index].nonEmpty
    }
}
