import Foundation
import LinkCheck

/// Why `publish` or `init` stopped. Each message names what failed and what to do about it; in
/// every case the target was left as it was.
public enum PublishError: Error, CustomStringConvertible, Equatable {
    case brokenLinks([LinkChecker.Problem])
    case targetHoldsSite(String)
    case targetNotASite(String)
    case targetNotWritable(String, String)
    case gitMissing
    case invalidBranch(String)
    case git(step: String, url: String, output: String)
    case pushRejected(url: String, branch: String, output: String)
    case defaultsMissing(String)
    case initNotEmpty(String)
    case initFailed(String, String)

    public var description: String {
        switch self {
        case let .brokenLinks(list):
            return "the built site has \(list.count) broken link\(list.count == 1 ? "" : "s") or missing asset\(list.count == 1 ? "" : "s") (listed above); nothing was published. Fix them (sitegen check lists them too) and publish again"
        case let .targetHoldsSite(path):
            return "\(path) holds the site's own Content/ or Templates/: publishing there would delete them. Publish to another folder, such as Public/"
        case let .targetNotASite(path):
            return "\(path) holds files but no index.html, so it does not look like a site published before; publishing replaces everything in it. Choose a new or empty folder, or pass --force to replace its content"
        case let .targetNotWritable(path, reason):
            return "could not publish to \(path): \(reason). The folder and the folder above it must be writable (the new site is assembled beside it, then swapped in); the target is unchanged"
        case .gitMissing:
            return "git was not found on PATH; install it (apt-get install git) or publish to a folder instead"
        case let .invalidBranch(name):
            return "\"\(name)\" is not a valid branch name; pass another --branch (default gh-pages)"
        case let .git(step, url, output):
            return "git could not \(step) \(url): \(Self.shortened(output)). Check the URL and your access to it (ssh key, token); nothing was pushed"
        case let .pushRejected(url, branch, output):
            return "the push to branch \(branch) of \(url) was rejected: \(Self.shortened(output)). If someone else pushed to it meanwhile, publish again; if the branch is protected or checked out there, publish to another --branch"
        case let .defaultsMissing(path):
            return "the default site is not at \(path): sitegen init copies the theme and example content from the sitegen repository it was built from. Pass --from with the folder of a sitegen checkout"
        case let .initNotEmpty(path):
            return "\(path) is not empty; choose a new or empty folder, or pass --force to write the new site's files over what is there"
        case let .initFailed(path, reason):
            return "could not create \(path): \(reason)"
        }
    }

    /// Git's own message, on one line and not too long.
    static func shortened(_ output: String) -> String {
        let line = output.split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces).trimmingCharacters(in: CharacterSet(charactersIn: ".")) }
            .filter { !$0.isEmpty }.joined(separator: " / ")
        if line.isEmpty { return "no message from git" }
        return line.count > 600 ? String(line.prefix(600)) + "…" : line
    }
}
