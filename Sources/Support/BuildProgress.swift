import Dispatch
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How far a long build has got, on one line of a terminal rewritten in place:
/// `markdown+render    12,345/24,574 story pages  2,310/s  5.3 s`. Each stage ends with one
/// line that stays (name, count, seconds). SiteBuilder calls `stage` as each stage begins and
/// `advance` from any thread; the line is redrawn at most every `redrawInterval` seconds.
/// Use `forBuild(forced:)`, which gives nil when nothing should be shown (standard error is not
/// a terminal, or `--no-progress`); the sink and the clock can be swapped for tests.
public final class BuildProgress: @unchecked Sendable {
    /// Receives the text to print, escape codes included.
    public typealias Sink = @Sendable (String) -> Void
    /// Seconds on a clock that only moves forward.
    public typealias Clock = @Sendable () -> Double

    /// Stage names are padded to this width, so the lines of the stages stack in columns
    /// ("measure+summarise" is the longest SiteBuilder uses).
    static let nameWidth = 17
    /// Carriage return and ANSI "erase the whole line".
    static let rewind = "\r\u{1B}[2K"

    private let write: Sink
    private let clock: Clock
    private let redrawInterval: Double
    private let lock = NSLock()
    private var timer: DispatchSourceTimer?

    // Guarded by `lock`.
    private var name: String?
    private var unit = ""
    private var total: Int?
    private var count = 0
    private var started = 0.0
    private var lastDraw = -Double.infinity

    /// `ticking` redraws on a timer too, so a stage that reports no counts still shows its
    /// seconds going up.
    public init(write: @escaping Sink = BuildProgress.standardError, clock: @escaping Clock = BuildProgress.uptime,
                redrawInterval: Double = 0.1, ticking: Bool = false) {
        self.write = write
        self.clock = clock
        self.redrawInterval = redrawInterval
        if ticking {
            let timer = DispatchSource.makeTimerSource(queue: .global(qos: .utility))
            timer.schedule(deadline: .now() + redrawInterval, repeating: redrawInterval)
            timer.setEventHandler { [weak self] in self?.tick() }
            timer.resume()
            self.timer = timer
        }
    }

    deinit { timer?.cancel() }

    /// The reporter `sitegen build` uses, or nil when it should print nothing. `forced` is
    /// `--progress` (true) or `--no-progress` (false); without either, progress is shown only
    /// when standard error is a terminal that understands ANSI codes.
    public static func forBuild(forced: Bool?, environment: [String: String] = ProcessInfo.processInfo.environment,
                                stderrIsTerminal: Bool = isatty(2) == 1) -> BuildProgress? {
        guard isWanted(forced: forced, stderrIsTerminal: stderrIsTerminal, term: environment["TERM"]) else { return nil }
        return BuildProgress(ticking: true)
    }

    /// A pipe, a file or a `dumb` terminal (Emacs, some CI logs) would keep every `\r` and
    /// escape code as text.
    public static func isWanted(forced: Bool?, stderrIsTerminal: Bool, term: String?) -> Bool {
        if let forced { return forced }
        guard let term, !term.isEmpty, term != "dumb" else { return false }
        return stderrIsTerminal
    }

    /// Ends the stage under way (printing its line) and starts `name`. `total` is how many
    /// `unit`s it will count, when known.
    public func stage(_ name: String, total: Int? = nil, unit: String = "") {
        lock.lock()
        defer { lock.unlock() }
        endStage()
        self.name = name
        self.unit = unit
        self.total = total
        count = 0
        started = clock()
        draw(at: started)
    }

    /// Counts `n` more units of the stage; safe and cheap from any thread.
    public func advance(by n: Int = 1) {
        lock.lock()
        defer { lock.unlock() }
        count += n
        redrawIfDue()
    }

    /// Redraws the line if it is due (the timer of a ticking reporter calls this).
    public func tick() {
        lock.lock()
        defer { lock.unlock() }
        redrawIfDue()
    }

    /// Ends the stage under way, printing its line. Does nothing when no stage is under way.
    public func finish() {
        lock.lock()
        defer { lock.unlock() }
        endStage()
    }

    /// Erases the line of the stage under way without printing its line (the build failed and
    /// its error comes next).
    public func cancel() {
        lock.lock()
        defer { lock.unlock() }
        guard name != nil else { return }
        name = nil
        write(Self.rewind)
    }

    private func redrawIfDue() {
        guard name != nil else { return }
        let now = clock()
        if now - lastDraw >= redrawInterval { draw(at: now) }
    }

    private func draw(at now: Double) {
        guard let name else { return }
        lastDraw = now
        write(Self.rewind + Self.line(name: name, count: count, total: total, unit: unit, seconds: now - started, final: false))
    }

    private func endStage() {
        guard let name else { return }
        self.name = nil
        let line = Self.line(name: name, count: count, total: total, unit: unit, seconds: clock() - started, final: true)
        write(Self.rewind + line + "\n")
    }

    /// "markdown+render    12,345/24,574 story pages  2,310/s  5.3 s" while the stage runs;
    /// "markdown+render    24,574 story pages  10.6 s" when it is done. A stage that counted
    /// nothing and knew no total shows only its seconds.
    static func line(name: String, count: Int, total: Int?, unit: String, seconds: Double, final: Bool) -> String {
        var parts = [name.padding(toLength: max(name.count, nameWidth), withPad: " ", startingAt: 0)]
        if total != nil || count > 0 {
            var figure = grouped(count)
            if !final, let total { figure += "/" + grouped(total) }
            parts.append(unit.isEmpty ? figure : figure + " " + unit)
            if !final, count > 0, seconds >= 0.05 { parts.append(grouped(Int((Double(count) / seconds).rounded())) + "/s") }
        }
        parts.append(String(format: "%.1f s", seconds))
        return parts.joined(separator: "  ")
    }

    /// 24574 → "24,574", whatever the locale (the report lines are read by scripts too).
    static func grouped(_ n: Int) -> String {
        let digits = String(n.magnitude)
        var out = ""
        for (i, c) in digits.enumerated() {
            if i > 0, (digits.count - i) % 3 == 0 { out.append(",") }
            out.append(c)
        }
        return n < 0 ? "-" + out : out
    }

    public static let standardError: Sink = { FileHandle.standardError.write(Data($0.utf8)) }
    public static let uptime: Clock = { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 }
}
