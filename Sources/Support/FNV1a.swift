/// FNV-1a, 64 bits: a fast hash of bytes that is the same on every run and machine (Swift's own
/// `Hasher` is seeded per process). Used for fingerprints, line keys and term ids.
public struct FNV1a: Sendable {
    public var value: UInt64 = 0xcbf2_9ce4_8422_2325

    @inlinable public init() {}

    @inlinable public mutating func add(_ byte: UInt8) {
        value = (value ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
    }

    /// The eight bytes of a number, least significant first.
    @inlinable public mutating func add(word: UInt64) {
        var v = word
        for _ in 0..<8 {
            add(UInt8(truncatingIfNeeded: v))
            v >>= 8
        }
    }

    @inlinable public static func hash<S: Sequence>(_ bytes: S) -> UInt64 where S.Element == UInt8 {
        var h = FNV1a()
        for b in bytes { h.add(b) }
        return h.value
    }
}
