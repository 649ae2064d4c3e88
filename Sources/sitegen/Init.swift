import ArgumentParser
import Foundation
import Publish

/// `sitegen init`: a new site folder from the defaults.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new site folder: site.yml, a small example corpus with its outlets, the about and methodology pages, and the default theme.",
        discussion: """
        The theme and the example content are copied from the sitegen repository this binary was \
        built from (\(SiteInitializer.builtFrom.path)). An installed binary whose repository has \
        moved or gone needs --from with the folder of a sitegen checkout.
        """)

    @Argument(help: ArgumentHelp("The folder to create (it must be new or empty; a .git in it is fine).", valueName: "dir"))
    var directory: String

    @Flag(name: .long, help: "Write into a non-empty folder, replacing files of the same names.")
    var force = false

    @Option(name: .long, help: ArgumentHelp("A sitegen checkout to copy the defaults from.", valueName: "dir"))
    var from: String?

    func run() throws {
        let initializer = SiteInitializer(source: from.map { URL(fileURLWithPath: $0) } ?? SiteInitializer.builtFrom)
        do {
            let written = try initializer.create(at: directory, force: force)
            let dir = Self.shellQuoted(directory)
            print("""
            Created a new site in \(directory) (\(written.count) files): edit Content/site.yml, and put your articles in Content/corpus/.
            Build it, then preview it:
              sitegen build --root \(dir)
              python3 -m http.server 8080 --bind 127.0.0.1 --directory \(Self.shellQuoted((directory as NSString).appendingPathComponent("Public")))
            """)
        } catch {
            Report.error("\(error)")
            throw ExitCode.failure
        }
    }

    /// The path as a shell word: unchanged when plain, in single quotes otherwise.
    static func shellQuoted(_ path: String) -> String {
        let plain = path.unicodeScalars.allSatisfy { CharacterSet.alphanumerics.contains($0) || "/._-+:@%,".unicodeScalars.contains($0) }
        return plain && !path.isEmpty ? path : "'" + path.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}
