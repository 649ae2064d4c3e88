import Foundation

extension StoryEntry {
    /// The searchable text of a story that its item on `/search/` does not hold as its title:
    /// outlet names and topics, folded, separated by " | " so a query word cannot match across two
    /// names. (search.js folds the item's title itself: repeating it here would add a sixth to
    /// the gzipped page of a large corpus.)
    public var searchText: String {
        Self.fold((coverage.sources.compactMap { $0.outlet?.name } + story.topics).joined(separator: " | "))
    }

    /// Lower case without accents, exactly as search.js folds a query:
    /// `s.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()`.
    public static func fold(_ s: String) -> String {
        var scalars = String.UnicodeScalarView()
        scalars.append(contentsOf: s.decomposedStringWithCanonicalMapping.unicodeScalars.filter { !(0x300...0x36F).contains($0.value) })
        return String(scalars).lowercased()
    }
}
