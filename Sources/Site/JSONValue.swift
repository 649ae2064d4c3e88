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
        var out = ""
        write(to: &out)
        return out
    }

    func write(to out: inout String) {
        switch self {
        case .null: out += "null"
        case let .bool(b): out += b ? "true" : "false"
        case let .int(i): out += String(i)
        case let .double(d):
            let scaled = (d * 1000).rounded()
            out += scaled.isFinite ? String(format: "%.3f", scaled / 1000) : "null"
        case let .string(s): Self.quote(s, into: &out)
        case let .array(items):
            out += "["
            for (i, item) in items.enumerated() {
                if i > 0 { out += "," }
                item.write(to: &out)
            }
            out += "]"
        case let .object(fields):
            out += "{"
            for (i, key) in fields.keys.sorted().enumerated() {
                if i > 0 { out += "," }
                Self.quote(key, into: &out)
                out += ":"
                fields[key]!.write(to: &out)
            }
            out += "}"
        }
    }

    /// JSON string syntax; `<`, `>` and `&` are escaped too, so the text is also safe inside HTML.
    static func quote(_ s: String, into out: inout String) {
        var bytes: [UInt8] = [0x22]
        bytes.reserveCapacity(s.utf8.count + 8)
        let utf8 = Array(s.utf8)
        var i = 0
        func hex(_ value: Int) {
            let digits = Array("0123456789abcdef".utf8)
            bytes.append(contentsOf: [0x5C, 0x75, digits[value >> 12 & 15], digits[value >> 8 & 15], digits[value >> 4 & 15], digits[value & 15]])
        }
        while i < utf8.count {
            let b = utf8[i]
            switch b {
            case 0x22: bytes += [0x5C, 0x22]
            case 0x5C: bytes += [0x5C, 0x5C]
            case 0x0A: bytes += [0x5C, 0x6E]
            case 0x0D: bytes += [0x5C, 0x72]
            case 0x09: bytes += [0x5C, 0x74]
            case 0x3C, 0x3E, 0x26: hex(Int(b))
            case 0xE2 where i + 2 < utf8.count && utf8[i + 1] == 0x80 && (utf8[i + 2] == 0xA8 || utf8[i + 2] == 0xA9):
                hex(utf8[i + 2] == 0xA8 ? 0x2028 : 0x2029) // line and paragraph separators end a JavaScript line
                i += 2
            default:
                if b < 0x20 { hex(Int(b)) } else { bytes.append(b) }
            }
            i += 1
        }
        bytes.append(0x22)
        out += String(decoding: bytes, as: UTF8.self)
    }
}
