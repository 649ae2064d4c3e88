/// A list of clutter phrases matched against a line's key as bytes, each phrase filed under its
/// first byte: a key is compared only with the phrases that can start where it does (at its
/// first byte for prefixes, at each of its bytes for substrings), and no rule is copied on the
/// way. Lookups answer what a walk down the list in order would: the first rule that matches.
struct PhraseTable: Sendable {
    let rules: [ClutterRule]
    private let phrases: [[UInt8]]
    /// Indices into `rules` by first byte, ascending.
    private let byFirstByte: [[Int]]
    /// Rules with an empty phrase: they match every key.
    private let empty: [Int]

    init(_ rules: [ClutterRule]) {
        self.rules = rules
        phrases = rules.map { Array($0.phrase.utf8) }
        var buckets = [[Int]](repeating: [], count: 256)
        var empty: [Int] = []
        for (i, phrase) in phrases.enumerated() {
            if let first = phrase.first { buckets[Int(first)].append(i) } else { empty.append(i) }
        }
        byFirstByte = buckets
        self.empty = empty
    }

    /// The first rule whose phrase starts `key` and that `accepts`.
    func firstPrefix(of key: UnsafeBufferPointer<UInt8>, accepts: (ClutterRule) -> Bool) -> ClutterRule? {
        var best = empty.first { accepts(rules[$0]) } ?? Int.max
        if let first = key.first {
            for r in byFirstByte[Int(first)] where r < best && matches(r, in: key, at: 0) && accepts(rules[r]) {
                best = r
                break
            }
        }
        return best == Int.max ? nil : rules[best]
    }

    /// The first rule whose phrase occurs anywhere in `key` and that `accepts`.
    func firstContained(in key: UnsafeBufferPointer<UInt8>, accepts: (ClutterRule) -> Bool) -> ClutterRule? {
        var best = empty.first { accepts(rules[$0]) } ?? Int.max
        for i in key.indices {
            for r in byFirstByte[Int(key[i])] where r < best && matches(r, in: key, at: i) && accepts(rules[r]) {
                best = r
                break
            }
        }
        return best == Int.max ? nil : rules[best]
    }

    private func matches(_ r: Int, in key: UnsafeBufferPointer<UInt8>, at start: Int) -> Bool {
        phrases[r].withUnsafeBufferPointer { phrase in
            guard key.count - start >= phrase.count else { return false }
            var k = 1 // the first byte chose the bucket
            while k < phrase.count && key[start + k] == phrase[k] { k += 1 }
            return k == phrase.count
        }
    }
}
