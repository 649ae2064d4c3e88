import Corpus
import Support

/// Which templates a template's output can depend on: itself, the partials (`{{>name}}`) and
/// parents (`{{<name}}`) it names, and theirs in turn. `serve` keeps a page across a template
/// edit when no template it depends on changed: editing `home.mustache` leaves the story pages
/// as they are.
///
/// Read from the template text as swift-mustache reads a tag: the tag's kind right after `{{`,
/// then the name after optional white space. Where a template's partials cannot be read from
/// its text — a dynamic partial (`{{>*name}}`, chosen by the context) or a changed delimiter
/// (`{{=<% %>=}}`) — it is taken to depend on every template.
enum TemplateDependencies {
    /// The templates `text` names as partials or parents; `everything` when it may name any.
    struct References: Equatable {
        var names: Set<String> = []
        var everything = false
    }

    /// The characters swift-mustache allows in a partial's name.
    private static let nameCharacters = Set<Character>("0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ.-_?()*/")

    static func references(in text: String) -> References {
        var found = References()
        let characters = Array(text)
        var i = 0
        while i + 2 < characters.count {
            guard characters[i] == "{", characters[i + 1] == "{" else { i += 1; continue }
            let kind = characters[i + 2]
            i += 3
            if kind == "=" { found.everything = true; continue }
            guard kind == ">" || kind == "<" else { continue }
            while i < characters.count, characters[i].isWhitespace { i += 1 }
            var name = ""
            while i < characters.count, nameCharacters.contains(characters[i]) {
                name.append(characters[i])
                i += 1
            }
            if name.hasPrefix("*") { found.everything = true } else if !name.isEmpty { found.names.insert(name) }
        }
        return found
    }

    /// For each template (name → text), a fingerprint of the names and texts of every template
    /// it depends on, and of those it names that do not exist (adding one changes the output).
    static func fingerprints(of sources: [String: String]) -> [String: UInt64] {
        let references = sources.mapValues(Self.references(in:))
        let all = Set(sources.keys)
        var result: [String: UInt64] = [:]
        for name in sources.keys {
            var reached: Set<String> = [name]
            var queue = [name]
            while let next = queue.popLast() {
                guard let refs = references[next] else { continue } // named but absent
                if refs.everything { reached.formUnion(all); break }
                for other in refs.names where reached.insert(other).inserted { queue.append(other) }
            }
            var hash = FNV1a()
            for reachedName in reached.sorted() {
                for b in reachedName.utf8 { hash.add(b) }
                hash.add(0)
                if let text = sources[reachedName] {
                    hash.add(1)
                    for b in text.utf8 { hash.add(b) }
                    hash.add(0xFF) // never in UTF-8: the text ends here
                } else {
                    hash.add(2)
                }
            }
            result[name] = hash.value
        }
        return result
    }
}
