import Foundation

extension StoryEntry {
    /// Lower case without accents, exactly as search.js folds a query (the search data's words, `SearchIndex`):
    /// `s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()`.
    public static func fold(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) })
        return String(scalars).lowercased()
    }
}
