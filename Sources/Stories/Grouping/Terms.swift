import Corpus
import Support

/// Words of a text as the grouping compares them: lower-cased, stop words out, plurals folded.
enum Terms {
    /// Function words and newsroom filler: they say nothing about which event a text reports.
    static let stopWords: Set<String> = Set("""
    a an the and or but if of to in on at by for with from as is are was were be been being this that these \
    those it its he she they we you i his her their our your them him us not no yes do does did done have has \
    had will would can could should may might must said says say also after before over under about into than \
    then there here when where who whom which what why how all any some more most other such only own same so \
    too very just up down out off again further once new one two three first last year years day days week \
    time mr mrs ms while during since still even because many much now like get got make made told according \
    people percent news report reported reports monday tuesday wednesday thursday friday saturday sunday
    """.split(separator: " ").map { $0.trimmed }.filter { !$0.isEmpty })

    static let stopHashes: TermIDs = {
        var table = TermIDs(capacity: stopWords.count)
        for word in stopWords { table.insert(hash(Array(word.utf8)[...])) }
        return table
    }()

    /// Calls `body` with each term's hash and bytes (lower-cased, stemmed), without making a
    /// String per word: this runs over every word of every article's lead and of every summary
    /// sentence. The bytes are valid only during the call.
    static func forEach(in text: String, _ body: (UInt64, UnsafeBufferPointer<UInt8>) -> Void) {
        forEach(in: text) { hash, term, _ in body(hash, term) }
    }

    /// How a term was written in the text.
    struct Written: Sendable {
        /// Its first letter is a capital.
        var capitalized: Bool
        /// It is the text's first word (stop words counted): a capital there may only open a sentence.
        var first: Bool
    }

    /// `forEach` that also tells how each term was written.
    static func forEach(in text: String, _ body: (UInt64, UnsafeBufferPointer<UInt8>, Written) -> Void) {
        let stops = stopHashes
        UTF8Scalars.withBytes(of: text) { bytes in
            // The word is built in scratch memory as large as any word of `text` can get (a
            // scalar's lower-case form takes at most three times its bytes): an array's append
            // checks its capacity and uniqueness on every byte, a fifth of this loop.
            withUnsafeTemporaryAllocation(of: UInt8.self, capacity: bytes.count * 3 + 4) { word in
                var n = 0
                var i = 0
                var capital = false
                var words = 0
                func end() {
                    flush(word, n, stops) { body($0, $1, Written(capitalized: capital, first: words == 0)) }
                    words += 1
                    n = 0
                }
                while i < bytes.count {
                    let b = bytes[i]
                    if b < 0x80 {
                        i += 1
                        if b >= 0x61 && b <= 0x7A { if n == 0 { capital = false }; word[n] = b; n += 1 }
                        else if b >= 0x41 && b <= 0x5A { if n == 0 { capital = true }; word[n] = b + 32; n += 1 }
                        else if b >= 0x30 && b <= 0x39 { if n == 0 { capital = false }; word[n] = b; n += 1 }
                        else if b == 0x27, n > 0 { word[n] = b; n += 1 }
                        else if n > 0 { end() }
                        continue
                    }
                    let v = UTF8Scalars.next(bytes, &i)
                    if v == 0x2019, n > 0 {
                        word[n] = 0x27
                        n += 1
                    } else if let scalar = Unicode.Scalar(v), scalar.properties.isAlphabetic {
                        if n == 0 { capital = scalar.properties.isUppercase }
                        for u in scalar.properties.lowercaseMapping.utf8 { word[n] = u; n += 1 }
                    } else if n > 0 {
                        end()
                    }
                }
                if n > 0 { end() }
            }
        }
    }

    /// Hands the word in the first `count` bytes of `word` to `body` if it is a term. The word is
    /// cut and stemmed in place (`stemCut` says how).
    @inline(__always)
    private static func flush(_ word: UnsafeMutableBufferPointer<UInt8>, _ count: Int, _ stops: TermIDs, _ body: (UInt64, UnsafeBufferPointer<UInt8>) -> Void) {
        // Numbers of two digits or more count ("2019", "68", "15-week"): years, tallies and
        // sizes tell apart two events on one subject; single digits are mostly noise.
        var n = count
        guard n >= 2 else { return }
        if word[n - 2] == 0x27, word[n - 1] == 0x73 { n -= 2 }
        while n > 0, word[n - 1] == 0x27 { n -= 1 }
        guard n >= 2 else { return }
        guard !stops.contains(FNV1a.hash(UnsafeBufferPointer(rebasing: word[0..<n]))) else { return }
        switch stemCut(word, n) {
        case .plural: n -= 1
        case .ies: word[n - 3] = 0x79; n -= 2 // "policies" → "policy"
        case nil: break
        }
        let term = UnsafeBufferPointer(rebasing: word[0..<n])
        body(FNV1a.hash(term), term)
    }

    private enum Stem { case plural, ies }

    /// A light English plural fold of the first `n` bytes of `w`: "senators" → "senator",
    /// "policies" → "policy"; not "bus", "status", "analysis".
    @inline(__always)
    private static func stemCut(_ w: UnsafeMutableBufferPointer<UInt8>, _ n: Int) -> Stem? {
        if n > 4, w[n - 3] == 0x69, w[n - 2] == 0x65, w[n - 1] == 0x73 { return .ies }
        if n > 3, w[n - 1] == 0x73, w[n - 2] != 0x73, w[n - 2] != 0x75, w[n - 2] != 0x69 { return .plural }
        return nil
    }

    static func hash(_ bytes: ArraySlice<UInt8>) -> UInt64 { FNV1a.hash(bytes) }
}
