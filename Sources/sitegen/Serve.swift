import ArgumentParser
import Foundation
import Server

/// `sitegen serve`: build, serve on loopback, rebuild on change, reload open pages.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Build the site, serve it for preview, and rebuild and reload the pages when Content/ or Templates/ change.",
        discussion: """
        Serves <root>/Public on http://127.0.0.1:8080/ by default. Pages are built with a root base URL for the preview; \
        run `sitegen build` before publishing. Ctrl-C stops the server.
        """
    )

    @Option(name: .long, help: ArgumentHelp("The site folder (holding Content/ and Templates/).", valueName: "dir"))
    var root: String = "."

    @Option(name: .long, help: "The address to listen on. Anything other than a loopback address exposes the preview to your network.")
    var host: String = "127.0.0.1"

    @Option(name: .long, help: "The port to listen on (0: any free port).")
    var port: Int = 8080

    @Option(name: .customLong("allow-host"), help: ArgumentHelp("Also accept requests for this host name (by default only localhost, 127.0.0.1 and ::1 are accepted, against DNS rebinding). Repeatable.", valueName: "name"))
    var allowHost: [String] = []

    @Option(name: .shortAndLong, help: "Threads to build with (default: all cores).")
    var jobs: Int?

    @Flag(name: .shortAndLong, help: "After each build, print the time of each build stage.")
    var verbose = false

    func validate() throws {
        guard (0...65535).contains(port) else { throw ValidationError("--port must be between 0 and 65535") }
    }

    func run() async throws {
        var options = ServeOptions(root: root)
        options.host = host
        options.port = port
        options.allowedHosts = allowHost
        options.jobs = jobs
        options.verbose = verbose
        let server = PreviewServer(options: options) { line in
            FileHandle.standardError.write(Data((line + "\n").utf8))
        }
        let shownHost = host.contains(":") ? "[\(host)]" : host
        do {
            try await server.run { port in
                // Written straight to the descriptor: a pipe or file would buffer print(), and
                // scripts wait for this line.
                FileHandle.standardOutput.write(Data("Serving \(root)/Public at http://\(shownHost):\(port)/ — watching Content/ and Templates/; Ctrl-C stops\n".utf8))
            }
        } catch {
            Report.error("\(error)")
            throw ExitCode.failure
        }
    }
}
