import Foundation

/// Runs one property check under libFuzzer (built with `-DFUZZING -sanitize=fuzzer,address`) or,
/// without the flag, over the files and folders named on the command line (a saved corpus, a
/// crash file): the same check either way. A property violation aborts, so libFuzzer keeps the
/// input as a crash artifact; in replay mode every violation is printed and the exit status is 1.
public enum FuzzDriver {
    /// Checks one input; returns what is wrong with the code's answer to it (empty: all is well).
    public typealias Check = (Data) -> [String]

    nonisolated(unsafe) static var check: Check = { _ in [] }

    public static func main(_ check: @escaping Check) -> Never {
        Self.check = check
        #if FUZZING
        var argc = CommandLine.argc
        var argv = CommandLine.unsafeArgv
        exit(LLVMFuzzerRunDriver(&argc, &argv, fuzzOne))
        #else
        exit(replay(Array(CommandLine.arguments.dropFirst())))
        #endif
    }

    static func replay(_ paths: [String]) -> Int32 {
        var files: [String] = []
        for path in paths {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) else {
                FileHandle.standardError.write(Data("\(path): not found\n".utf8))
                return 2
            }
            if isDirectory.boolValue {
                let names = ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).sorted()
                files += names.filter { !$0.hasPrefix(".") }.map { (path as NSString).appendingPathComponent($0) }
            } else {
                files.append(path)
            }
        }
        var failed = 0
        let started = Date()
        for file in files {
            guard let data = FileManager.default.contents(atPath: file) else { continue }
            let problems = check(data)
            if !problems.isEmpty {
                failed += 1
                print("\(file):\n" + problems.map { "  - \($0)" }.joined(separator: "\n"))
            }
        }
        print("replayed \(files.count) inputs in \(String(format: "%.2f", Date().timeIntervalSince(started))) s: \(failed) failed")
        return failed == 0 ? 0 : 1
    }
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func LLVMFuzzerRunDriver(
    _ argc: UnsafeMutablePointer<Int32>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> Int32
) -> Int32

private func fuzzOne(_ bytes: UnsafePointer<UInt8>?, _ count: Int) -> Int32 {
    let data = bytes.map { Data(bytes: $0, count: count) } ?? Data()
    let problems = FuzzDriver.check(data)
    if !problems.isEmpty {
        FileHandle.standardError.write(Data(("PROPERTY VIOLATED:\n" + problems.map { "  - \($0)" }.joined(separator: "\n") + "\n").utf8))
        abort()
    }
    return 0
}
#endif
