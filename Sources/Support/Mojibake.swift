import Foundation

/// Text whose UTF-8 was read as Windows-1252 (once or more) before it reached the corpus:
/// "Obama’s" scraped as "ObamaÃ¢â‚¬â„¢s". Besides what a reader sees, such runs are rare words
/// the outlet's other mangled articles share, and they tied unrelated articles into stories.
public enum Mojibake {
    /// `s` with each run of characters that are Windows-1252 renderings of UTF-8 bytes decoded
    /// back, as many times as it was mangled (at most three). Bytes that are no whole UTF-8
    /// sequence (a real "é" or "â") stay as they are.
    public static func repaired(_ s: String) -> String {
        guard mayHold(s) else { return s }
        var text = s
        // Again only while a marker is left: decoding real text ("é€’" is the bytes of "递") is
        // the risk of every pass.
        for _ in 0..<3 {
            let next = repairedOnce(text)
            if next == text { break }
            text = next
            if !mayHold(text) { break }
        }
        return text
    }

    /// Whether `s` holds "Ã" or "Â" or "â" (U+00C3, U+00C2, U+00E2), with which every mangled
    /// sequence of a two- to four-byte character starts: the quick test, over bytes.
    static func mayHold(_ s: String) -> Bool {
        var previous: UInt8 = 0
        for byte in s.utf8 {
            if previous == 0xC3, byte == 0x83 || byte == 0x82 || byte == 0xA2 { return true }
            previous = byte
        }
        return false
    }

    static func repairedOnce(_ s: String) -> String {
        var out = String.UnicodeScalarView()
        var run: [UInt8] = []
        var runScalars: [Unicode.Scalar] = []
        // Each whole UTF-8 sequence in the run is decoded; any other byte stays the character it was.
        func flush() {
            defer { run.removeAll(keepingCapacity: true); runScalars.removeAll(keepingCapacity: true) }
            var i = 0
            while i < run.count {
                let length = sequenceLength(run, at: i)
                if length > 1, let decoded = String(bytes: run[i..<(i + length)], encoding: .utf8), decoded.unicodeScalars.count == 1 {
                    out.append(contentsOf: decoded.unicodeScalars)
                    i += length
                } else {
                    out.append(runScalars[i])
                    i += 1
                }
            }
        }
        for scalar in s.unicodeScalars {
            if let byte = windows1252Byte(scalar) {
                run.append(byte)
                runScalars.append(scalar)
            } else {
                flush()
                out.append(scalar)
            }
        }
        flush()
        return String(out)
    }

    /// The length of the UTF-8 sequence whose lead byte is at `i`, when the continuation bytes
    /// it needs follow; 0 otherwise.
    static func sequenceLength(_ bytes: [UInt8], at i: Int) -> Int {
        let lead = bytes[i]
        let length = (0xC2...0xDF).contains(lead) ? 2 : (0xE0...0xEF).contains(lead) ? 3 : (0xF0...0xF4).contains(lead) ? 4 : 0
        guard length > 0, i + length <= bytes.count else { return 0 }
        for k in 1..<length where !(0x80...0xBF).contains(bytes[i + k]) { return 0 }
        return length
    }

    /// The Windows-1252 byte (0x80…0xFF) a scalar renders, nil for ASCII and for anything else.
    /// The five bytes Windows-1252 leaves undefined come through as the C1 controls of their value.
    static func windows1252Byte(_ scalar: Unicode.Scalar) -> UInt8? {
        let v = scalar.value
        if (0x80...0xFF).contains(v) { return UInt8(v) }
        switch v {
        case 0x20AC: return 0x80
        case 0x201A: return 0x82
        case 0x0192: return 0x83
        case 0x201E: return 0x84
        case 0x2026: return 0x85
        case 0x2020: return 0x86
        case 0x2021: return 0x87
        case 0x02C6: return 0x88
        case 0x2030: return 0x89
        case 0x0160: return 0x8A
        case 0x2039: return 0x8B
        case 0x0152: return 0x8C
        case 0x017D: return 0x8E
        case 0x2018: return 0x91
        case 0x2019: return 0x92
        case 0x201C: return 0x93
        case 0x201D: return 0x94
        case 0x2022: return 0x95
        case 0x2013: return 0x96
        case 0x2014: return 0x97
        case 0x02DC: return 0x98
        case 0x2122: return 0x99
        case 0x0161: return 0x9A
        case 0x203A: return 0x9B
        case 0x0153: return 0x9C
        case 0x017E: return 0x9E
        case 0x0178: return 0x9F
        default: return nil
        }
    }
}
