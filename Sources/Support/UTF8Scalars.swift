/// Decoding of a `String`'s UTF-8 bytes one scalar at a time, for the loops that read every
/// character of the corpus (line shapes, terms): `String.unicodeScalars` costs several times more
/// per character than this on ASCII-heavy text.
public enum UTF8Scalars {
    /// The scalar value starting at `i` in `bytes` (valid UTF-8, as every `String`'s storage is);
    /// moves `i` past it.
    @inlinable @inline(__always)
    public static func next(_ bytes: UnsafeBufferPointer<UInt8>, _ i: inout Int) -> UInt32 {
        let b0 = UInt32(bytes[i])
        if b0 < 0x80 { i += 1; return b0 }
        if b0 < 0xE0 {
            let v = (b0 & 0x1F) << 6 | UInt32(bytes[i + 1] & 0x3F)
            i += 2
            return v
        }
        if b0 < 0xF0 {
            let v = (b0 & 0x0F) << 12 | UInt32(bytes[i + 1] & 0x3F) << 6 | UInt32(bytes[i + 2] & 0x3F)
            i += 3
            return v
        }
        let v = (b0 & 0x07) << 18 | UInt32(bytes[i + 1] & 0x3F) << 12 | UInt32(bytes[i + 2] & 0x3F) << 6
            | UInt32(bytes[i + 3] & 0x3F)
        i += 4
        return v
    }

    /// Calls `body` with the UTF-8 bytes of `text`, contiguous (a bridged string is copied first).
    @inlinable
    public static func withBytes<R>(of text: String, _ body: (UnsafeBufferPointer<UInt8>) -> R) -> R {
        if let r = text.utf8.withContiguousStorageIfAvailable(body) { return r }
        return Array(text.utf8).withUnsafeBufferPointer(body)
    }
}

/// Substring search over bytes: cleaning rules over line keys, sitegen's markers in the HTML it
/// made. (Foundation's `range(of:)` goes through NSString.)
public enum ByteSearch {
    /// The offset of the first `needle` in `haystack` that starts at or after `start` and ends by
    /// `end` (default: the end); nil when there is none or `needle` is empty.
    @inlinable
    public static func firstOffset(of needle: UnsafeBufferPointer<UInt8>, in haystack: UnsafeBufferPointer<UInt8>,
                                   from start: Int = 0, to end: Int? = nil) -> Int? {
        let end = end ?? haystack.count
        guard let first = needle.first, end - start >= needle.count else { return nil }
        let last = end - needle.count
        var i = start
        while i <= last {
            if haystack[i] == first {
                var k = 1
                while k < needle.count && haystack[i + k] == needle[k] { k += 1 }
                if k == needle.count { return i }
            }
            i += 1
        }
        return nil
    }
}
