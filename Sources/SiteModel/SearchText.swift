import Foundation

extension StoryEntry {
    /// Lower case without accents, exactly as search.js folds a query (the search data's words, `SearchIndex`):
    /// `s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase().replace(/\u03c2/g, '\u03c3')`.
    public static func fold(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) })
        // Final sigma as sigma: JavaScript's toLowerCase() makes "Σ" at a word's end "ς", Swift "σ".
        var lower = String.UnicodeScalarView()
        lower.append(contentsOf: String(scalars).lowercased().unicodeScalars.map { $0 == "\u{03C2}" ? "\u{03C3}" : $0 })
        return String(lower)
    }
}
