import Corpus
import Foundation
import Support

/// Fuzz target `corpus` (also compiled into Fuzz/, where `Scripts/fuzz.sh corpus` runs it): the
/// input is written out as a small corpus folder, loaded and cleaned, and the result checked.
///
/// Input format: files introduced by `=== path` lines (text before the first one goes to
/// `a.jsonl`), e.g.
///
///     === a.jsonl
///     {"id":"1","title":"…"}
///     === sub/_story.yml
///     story: key
///     === sub/x.md
///     ---
///     title: …
///     ---
///     text
///
/// Paths are reduced to at most two components of `[A-Za-z0-9._-]` (never `.` or `..`), so the
/// fuzzer cannot write outside its scratch folder. `{{rep N}}text{{/rep}}` repeats `text` N times
/// (long titles, big bodies) within `expansionLimit` bytes in all (128 KB when fuzzing, so that
/// a run stays fast; the replay tests generate the 5 MB inputs).
public enum CorpusLoaderFuzz {
    public static func check(_ data: Data) -> [String] {
        check(data, expansionLimit: 128 << 10)
    }

    /// - Parameter compareLoads: load a second time with three threads and compare (off for the
    ///   replay tests' 5 MB inputs, to keep them fast).
    public static func check(_ data: Data, expansionLimit: Int, compareLoads: Bool = true) -> [String] {
        let folder = scratch.appendingPathComponent("corpus")
        try? FileManager.default.removeItem(at: folder)
        try? FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        var budget = expansionLimit
        for file in files(in: data) {
            let url = folder.appendingPathComponent(file.path)
            try? FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            try? expand(file.bytes, budget: &budget).write(to: url)
        }

        var problems: [String] = []
        let loaded: LoadedCorpus
        do {
            var serial = CleaningOptions()
            serial.jobs = 1
            loaded = try CorpusLoader(cleaning: serial).load(directory: folder.path, displayPrefix: "corpus")
            problems += articleProblems(loaded)
            if compareLoads {
                // The same input gives the same corpus, whatever the number of threads.
                var parallel = CleaningOptions()
                parallel.jobs = 3
                let again = try CorpusLoader(cleaning: parallel).load(directory: folder.path, displayPrefix: "corpus")
                if loaded.articles != again.articles { problems.append("two loads of the same files differ (1 job vs 3 jobs)") }
                if loaded.diagnostics != again.diagnostics { problems.append("two loads report different problems") }
            }
        } catch {
            return ["loading an existing folder threw \(error)"]
        }

        // Every kept record is either in the corpus or reported as a duplicate.
        if loaded.cleaning.articles != loaded.articles.count + loaded.cleaning.duplicates.count {
            problems.append("\(loaded.cleaning.articles) records kept by the loader, but \(loaded.articles.count) articles + \(loaded.cleaning.duplicates.count) duplicates")
        }
        for d in loaded.diagnostics {
            // Reports name files as the user sees them, not the folder the loader was handed.
            if d.description.contains(scratch.path) { problems.append("a report names the absolute path: \(d)") }
            if !d.location.path.hasPrefix("corpus") { problems.append("a report's location is not under the corpus folder: \(d)") }
            if let line = d.location.line, line < 1 { problems.append("a report's line is \(line): \(d)") }
            if d.message.isEmpty { problems.append("a report with an empty message at \(d.location)") }
            // Reports go to a terminal: what they quote from the corpus must not drive it.
            if d.description.unicodeScalars.contains(where: { ($0.value < 0x20 && $0 != "\t") || (0x7F...0x9F).contains($0.value) || (0x202A...0x202E).contains($0.value) || (0x2066...0x2069).contains($0.value) }) {
                problems.append("a report holds a control or bidi character: \(String(reflecting: d.description))")
            }
        }
        return problems
    }

    /// What every loaded article must be, whatever the input (DESIGN.md §3, §8).
    public static func articleProblems(_ loaded: LoadedCorpus) -> [String] {
        var problems: [String] = []
        var ids = Set<String>()
        for a in loaded.articles {
            let who = "article \(String(reflecting: String(a.id.prefix(60))))"
            if a.id.trimmed.isEmpty { problems.append("an article has an empty id") }
            if a.id != a.id.trimmed { problems.append("\(who): id has surrounding white space") }
            if !ids.insert(a.id).inserted { problems.append("\(who): duplicate id") }
            if a.title.trimmed.isEmpty { problems.append("\(who): empty title") }
            if a.title.unicodeScalars.contains(where: isLineBreak) { problems.append("\(who): title has a line break: \(String(reflecting: String(a.title.prefix(80))))") }
            if let body = a.body {
                if body.trimmed.isEmpty { problems.append("\(who): body present but blank") }
                for paragraph in body.components(separatedBy: "\n\n") where paragraph.isEmpty || paragraph != paragraph.trimmed {
                    problems.append("\(who): body has an empty or untrimmed paragraph: \(String(reflecting: String(paragraph.prefix(40))))")
                    break
                }
            }
            if let outlet = a.outlet, outlet.trimmed.isEmpty || outlet.unicodeScalars.contains(where: isLineBreak) {
                problems.append("\(who): outlet is blank or has a line break: \(String(reflecting: outlet))")
            }
            if a.topics.contains(where: { $0.trimmed.isEmpty }) { problems.append("\(who): a blank topic") }
            if let date = a.published {
                // Years 1800–2200, give or take a time zone.
                let t = date.timeIntervalSince1970
                if !(t > -5_364_748_800 && t < 7_289_654_400) { problems.append("\(who): published \(date) is outside the plausible years") }
            }
            if let url = SafeURL.web(a.url) {
                let lower = url.lowercased()
                if !(lower.hasPrefix("http://") || lower.hasPrefix("https://") || lower.hasPrefix("mailto:")) {
                    problems.append("\(who): SafeURL let through \(String(reflecting: url))")
                }
                if url.unicodeScalars.contains(where: { $0.value < 0x21 || $0.value == 0x7F }) {
                    problems.append("\(who): SafeURL let through a control character or space: \(String(reflecting: url))")
                }
            }
            problems += SlugProperties.problems(Slug.make(a.title, fallback: "story"), of: a.title)
        }
        return problems
    }

    static func isLineBreak(_ s: Unicode.Scalar) -> Bool {
        [0x0A, 0x0B, 0x0C, 0x0D, 0x85, 0x2028, 0x2029].contains(s.value)
    }

    // MARK: The input format

    struct File {
        var path: String
        var bytes: Data
    }

    static func files(in data: Data) -> [File] {
        let bytes = [UInt8](data)
        let marker: [UInt8] = Array("=== ".utf8)
        func isHeader(at i: Int) -> Bool {
            (i == 0 || bytes[i - 1] == 10) && i + marker.count <= bytes.count && Array(bytes[i..<(i + marker.count)]) == marker
        }
        var files: [File] = []
        var path = "a.jsonl"
        var start = 0
        var i = 0
        func close(at end: Int) {
            // The newline before a header belongs to the header.
            let stop = end > start && end < bytes.count && bytes[end - 1] == 10 ? end - 1 : end
            if !(files.isEmpty && start == 0 && stop == 0) {
                files.append(File(path: path, bytes: Data(bytes[start..<max(start, stop)])))
            }
        }
        while i < bytes.count {
            if isHeader(at: i) {
                close(at: i)
                var j = i + marker.count
                while j < bytes.count, bytes[j] != 10 { j += 1 }
                path = safePath(String(decoding: bytes[(i + marker.count)..<j], as: UTF8.self))
                start = min(j + 1, bytes.count)
                i = start
                continue
            }
            i += 1
        }
        close(at: bytes.count)
        return files
    }

    /// At most two components of `[A-Za-z0-9._-]`, none empty, `.` or `..`.
    static func safePath(_ raw: String) -> String {
        let parts = raw.trimmed.split(separator: "/").suffix(2).map { part -> String in
            let kept = String(String.UnicodeScalarView(part.unicodeScalars.filter {
                ($0 >= "a" && $0 <= "z") || ($0 >= "A" && $0 <= "Z") || ($0 >= "0" && $0 <= "9") || $0 == "." || $0 == "_" || $0 == "-"
            }).prefix(64))
            return kept.isEmpty || kept == "." || kept == ".." ? "x" : kept
        }
        return parts.isEmpty ? "x" : parts.joined(separator: "/")
    }

    /// `{{rep N}}text{{/rep}}` → `text` N times, within `budget` bytes.
    static func expand(_ data: Data, budget: inout Int) -> Data {
        let open = Data("{{rep ".utf8), close = Data("{{/rep}}".utf8), end = Data("}}".utf8)
        var out = Data()
        var rest = data[...]
        while let o = rest.range(of: open), let e = rest[o.upperBound...].range(of: end),
              let n = Int(String(decoding: rest[o.upperBound..<e.lowerBound], as: UTF8.self).trimmed),
              let c = rest[e.upperBound...].range(of: close) {
            out += rest[..<o.lowerBound]
            let unit = rest[e.upperBound..<c.lowerBound]
            let times = unit.isEmpty ? 0 : min(max(0, n), max(0, budget) / unit.count)
            for _ in 0..<times { out += unit }
            budget -= times * unit.count
            rest = rest[c.upperBound...]
        }
        out += rest
        return out
    }

    /// One folder per process, in `SITEGEN_FUZZ_TMP` (which Scripts/fuzz.sh sets and removes:
    /// a crashing process leaves its folder), else on tmpfs when there is one.
    static let scratch: URL = {
        let base = ProcessInfo.processInfo.environment["SITEGEN_FUZZ_TMP"]
            ?? (FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory())
        let url = URL(fileURLWithPath: base).appendingPathComponent("sitegen-fuzz-\(getpid())-\(UUID().uuidString.prefix(8))")
        try? FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
        scratchFolders.append(url.path)
        atexit { for path in scratchFolders { try? FileManager.default.removeItem(atPath: path) } }
        return url
    }()
}

nonisolated(unsafe) private var scratchFolders: [String] = []
