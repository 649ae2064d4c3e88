/// Dense ids 0, 1, 2… for 64-bit term hashes, in the order they were first inserted: an
/// open-addressing table (linear probing, Fibonacci hashing). The hashes are FNV-1a values
/// already; Swift's `Dictionary` would hash each again with SipHash, and these tables are probed
/// for every word the grouping and the summaries read.
struct TermIDs: Sendable {
    /// The hash of each id.
    private(set) var keys: [UInt64] = []
    /// -1 where empty, else an id.
    private var slots: [Int32]
    private var shift: UInt64

    init(capacity: Int = 32) {
        var bits: UInt64 = 4
        while (1 << bits) < capacity * 2 { bits += 1 }
        slots = [Int32](repeating: -1, count: 1 << bits)
        shift = 64 - bits
        keys.reserveCapacity(capacity)
    }

    var count: Int { keys.count }

    @inline(__always) private func home(_ key: UInt64) -> Int {
        Int(truncatingIfNeeded: (key &* 0x9E37_79B9_7F4A_7C15) >> shift)
    }

    /// The id of `key`, or nil when it was never inserted.
    func id(of key: UInt64) -> Int32? {
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let s = slots[i]
            if s < 0 { return nil }
            if keys[Int(s)] == key { return s }
            i = (i + 1) & mask
        }
    }

    func contains(_ key: UInt64) -> Bool { id(of: key) != nil }

    /// The id of `key`, a new one (the next number) when it was not there yet.
    @discardableResult
    mutating func insert(_ key: UInt64) -> (id: Int32, inserted: Bool) {
        if (keys.count + 1) * 2 > slots.count { grow() }
        let mask = slots.count - 1
        var i = home(key)
        while true {
            let s = slots[i]
            if s < 0 {
                let id = Int32(keys.count)
                slots[i] = id
                keys.append(key)
                return (id, true)
            }
            if keys[Int(s)] == key { return (s, false) }
            i = (i + 1) & mask
        }
    }

    private mutating func grow() {
        let size = slots.count * 2
        slots = [Int32](repeating: -1, count: size)
        shift -= 1
        let mask = size - 1
        for (id, key) in keys.enumerated() {
            var i = home(key)
            while slots[i] >= 0 { i = (i + 1) & mask }
            slots[i] = Int32(id)
        }
    }
}
