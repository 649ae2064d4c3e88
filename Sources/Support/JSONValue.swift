import Foundation

/// A JSON value written with sorted keys and no insignificant whitespace, so two builds of the
/// same input give the same bytes. Explicit `null`s are kept (stories.json promises its keys).
public indirect enum JSONValue: Sendable, Equatable {
    case null
    case bool(Bool)
    case int(Int)
    /// Written with at most three decimals (similarities, shares): stable across platforms.
    case double(Double)
    case string(String)
    case array([JSONValue])
    case object([String: JSONValue])

    public static func string(_ s: String?) -> JSONValue { s.map(JSONValue.string) ?? .null }

    public var serialized: String {
        var out: [UInt8] = []
        out.reserveCapacity(4096)
        write(to: &out)
        return String(decoding: out, as: UTF8.self)
    }

    /// Appends the JSON text as UTF-8: one growing byte buffer, not a String per value.
    func write(to out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case let .bool(b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case let .int(i): out.append(contentsOf: String(i).utf8)
        case let .double(d):
            let scaled = (d * 1000).rounded()
            out.append(contentsOf: (scaled.isFinite ? Self.threeDecimals(scaled) : "null").utf8)
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            out.append(0x5B)
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(0x2C) }
                item.write(to: &out)
            }
            out.append(0x5D)
        case let .object(fields):
            out.append(0x7B)
            for (i, field) in fields.sorted(by: { $0.key < $1.key }).enumerated() {
                if i > 0 { out.append(0x2C) }
                Self.quote(field.key, into: &out)
                out.append(0x3A)
                field.value.write(to: &out)
            }
            out.append(0x7D)
        }
    }

    /// `String(format: "%.3f", scaled / 1000)` for a whole number `scaled`, without Foundation's
    /// formatter: below 10^15 the quotient is within far less than 0.0005 of `scaled`/1000, so the
    /// digits are those of the integer. The sign of zero is kept, as printf keeps it.
    static func threeDecimals(_ scaled: Double) -> String {
        guard abs(scaled) < 1e15 else { return String(format: "%.3f", scaled / 1000) }
        let thousandths = Int(abs(scaled))
        let fraction = String(thousandths % 1000)
        return (scaled.sign == .minus ? "-" : "") + String(thousandths / 1000) + "." + String(repeating: "0", count: 3 - fraction.count) + fraction
    }

    private static let hexDigits = Array("0123456789abcdef".utf8)

    /// JSON string syntax; `<`, `>` and `&` are escaped too, so the text is also safe inside HTML.
    /// Runs of bytes that need no escape are copied whole.
    static func quote(_ s: String, into out: inout [UInt8]) {
        out.append(0x22)
        var text = s
        text.withUTF8 { bytes in
            var copied = 0, i = 0
            while i < bytes.count {
                let b = bytes[i]
                var short: UInt8 = 0, code = 0, width = 1
                switch b {
                case 0x22: short = 0x22
                case 0x5C: short = 0x5C
                case 0x0A: short = 0x6E
                case 0x0D: short = 0x72
                case 0x09: short = 0x74
                case 0x3C, 0x3E, 0x26: code = Int(b)
                case 0xE2 where i + 2 < bytes.count && bytes[i + 1] == 0x80 && (bytes[i + 2] == 0xA8 || bytes[i + 2] == 0xA9):
                    code = bytes[i + 2] == 0xA8 ? 0x2028 : 0x2029 // line and paragraph separators end a JavaScript line
                    width = 3
                default:
                    guard b < 0x20 else { i += 1; continue }
                    code = Int(b)
                }
                out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied..<i]))
                if short != 0 {
                    out.append(0x5C)
                    out.append(short)
                } else {
                    for byte in [0x5C, 0x75, hexDigits[code >> 12 & 15], hexDigits[code >> 8 & 15], hexDigits[code >> 4 & 15], hexDigits[code & 15]] { out.append(byte) }
                }
                i += width
                copied = i
            }
            out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[copied...]))
        }
        out.append(0x22)
    }
}
