import Corpus
import Foundation
import Output
import Support

/// The guarantee behind every build that reuses earlier results: after any sequence of edits,
/// the site a build makes with its kept state is byte for byte the site a clean build makes of
/// the same folder.
///
/// It copies a site into a scratch folder (its corpus as JSON Lines files, a tenth of the
/// articles held back for later edits to add), builds it once with a `BuildCache` as `serve`
/// does, then runs `sequences` times: a few random edits (`SiteEditor`), a build with the kept
/// state, and a clean build of the same folder in memory, compared file by file.
public struct IncrementalVerifier {
    public var site: String
    public var sequences = 200
    public var seed: UInt64 = 1
    /// How many edits are applied together before each build, drawn from this list: mostly one,
    /// since an edit to the corpus reruns most stages and would hide a stale result of a later
    /// stage that another edit in the same sequence should have renewed.
    public var editCounts = [1, 1, 1, 2, 2, 3]
    public var jobs = ProcessInfo.processInfo.activeProcessorCount
    /// Where the scratch site goes (removed at the end unless a difference was found).
    public var scratch = FileManager.default.temporaryDirectory.appendingPathComponent("sitegen-verify-\(UUID().uuidString)").path

    public init(site: String) {
        self.site = site
    }

    /// What a run found.
    public struct Report: Sendable {
        public var sequences = 0
        public var edits: [String: Int] = [:]
        /// One line per sequence whose output differed from a clean build: the edits, and the
        /// first files that differ.
        public var differences: [String] = []
        /// Builds with kept state that failed where the clean build did not, or the reverse.
        public var failures: [String] = []
        public var articles = 0
        public var seconds = 0.0
        public var incrementalSeconds = 0.0
        public var cleanSeconds = 0.0
        public var scratch = ""
    }

    public func run(progress: (String) -> Void = { _ in }) throws -> Report {
        let started = Date()
        var report = Report()
        report.scratch = scratch
        var editor = try prepare()
        var options = BuildOptions(root: scratch, output: scratch + "/Public", jobs: jobs)
        options.cache = BuildCache()
        // As `serve` runs it: an open page made first, and quick previews of corpus edits.
        options.firstPages = ["index.html"]
        options.onFirstPages = { _ in }
        options.onPreview = { _ in }
        report.articles = try SiteBuilder(options: options).build().articles
        for sequence in 0..<sequences {
            var said: [String] = []
            for _ in 0..<editCounts.randomElement(using: &editor.random)! {
                let edit = try editor.applyRandom()
                said.append(edit)
                report.edits[String(edit.prefix { $0 != ":" }), default: 0] += 1
            }
            let t0 = Date()
            let kept = Result(catching: { try SiteBuilder(options: options).build() })
            let t1 = Date()
            let clean = Result(catching: { try SiteBuilder(options: BuildOptions(root: scratch, output: scratch + "/Clean", jobs: jobs)).render().files })
            report.cleanSeconds += Date().timeIntervalSince(t1)
            report.incrementalSeconds += t1.timeIntervalSince(t0)
            report.sequences += 1
            switch (kept, clean) {
            case (.success, .success(let files)):
                let diff = Self.differences(files, onDisk: scratch + "/Public")
                if !diff.isEmpty { report.differences.append("sequence \(sequence + 1) [\(said.joined(separator: "; "))]: \(diff.joined(separator: ", "))") }
            case (.failure(let a), .failure(let b)) where "\(a)" == "\(b)":
                break
            default:
                report.failures.append("sequence \(sequence + 1) [\(said.joined(separator: "; "))]: with kept state \(Self.outcome(kept)); clean \(Self.outcome(clean))")
            }
            progress("sequence \(sequence + 1)/\(sequences): \(said.joined(separator: "; "))")
        }
        if report.differences.isEmpty && report.failures.isEmpty { try? FileManager.default.removeItem(atPath: scratch) }
        report.seconds = Date().timeIntervalSince(started)
        return report
    }

    private static func outcome<T>(_ result: Result<T, Error>) -> String {
        switch result {
        case .success: return "built"
        case .failure(let error): return "failed: \(error)"
        }
    }

    /// The scratch copy of the site: Templates/ and Content/, the corpus as JSON Lines files
    /// of up to 1,000 records (every tenth record held back as the editor's reserve).
    func prepare() throws -> SiteEditor {
        let fm = FileManager.default
        try? fm.removeItem(atPath: scratch)
        try fm.createDirectory(atPath: scratch, withIntermediateDirectories: true)
        try fm.copyItem(atPath: site + "/Templates", toPath: scratch + "/Templates")
        try fm.copyItem(atPath: site + "/Content", toPath: scratch + "/Content")
        var records: [String] = []
        let corpus = scratch + "/Content/corpus"
        for file in FileTree.files(below: corpus) where file.hasSuffix(".jsonl") || file.hasSuffix(".jsonl.gz") {
            try LineReader.forEachLine(path: corpus + "/" + file) { line, _ in
                if let text = String(data: line, encoding: .utf8), !text.trimmed.isEmpty { records.append(text) }
            }
            try fm.removeItem(atPath: corpus + "/" + file)
        }
        var reserve: [String] = []
        var kept: [String] = []
        for (i, record) in records.enumerated() {
            if i % 10 == 9 { reserve.append(record) } else { kept.append(record) }
        }
        for (part, start) in stride(from: 0, to: kept.count, by: 1_000).enumerated() {
            let lines = kept[start..<min(start + 1_000, kept.count)]
            try (lines.joined(separator: "\n") + "\n").write(toFile: corpus + "/part-\(part + 1).jsonl", atomically: true, encoding: .utf8)
        }
        return SiteEditor(root: scratch, seed: seed, reserve: reserve)
    }

    /// The first few paths where the files a clean build made and the output folder differ.
    static func differences(_ files: [OutputFile], onDisk folder: String) -> [String] {
        var out: [String] = []
        let made = Dictionary(files.map { ($0.path, $0.data) }, uniquingKeysWith: { a, _ in a })
        let present = Set(FileTree.files(below: folder))
        for path in made.keys.sorted() where out.count < 5 {
            guard present.contains(path) else { out.append("\(path) missing"); continue }
            if FileManager.default.contents(atPath: folder + "/" + path) != made[path] { out.append("\(path) differs") }
        }
        for path in present.subtracting(made.keys).sorted().prefix(max(0, 5 - out.count)) { out.append("\(path) should not be there") }
        return out
    }
}
