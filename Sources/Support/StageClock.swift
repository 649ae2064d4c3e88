import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// Wall and CPU time of one pipeline stage.
public struct StageTime: Sendable, Codable {
    public var name: String
    public var wall: Double
    public var cpu: Double
    /// The process's peak resident memory at the end of the stage, in bytes.
    public var peakBytes: Int

    public init(name: String, wall: Double, cpu: Double, peakBytes: Int) {
        self.name = name
        self.wall = wall
        self.cpu = cpu
        self.peakBytes = peakBytes
    }
}

/// Times the build's stages one after another: `lap("group")` closes the stage that began at the
/// previous lap. CPU time is the process's (all threads), so `cpu / wall` shows how parallel a
/// stage ran.
public struct StageClock {
    public init() {}
    private var wallStart = Date()
    private var cpuStart = StageClock.cpuSeconds()
    public private(set) var stages: [StageTime] = []

    /// A stage lapped again (stages that take turns, batch by batch) adds to its earlier times.
    /// Returns this lap's own times.
    @discardableResult
    public mutating func lap(_ name: String) -> StageTime {
        let now = Date(), cpu = Self.cpuSeconds()
        let time = StageTime(name: name, wall: now.timeIntervalSince(wallStart), cpu: cpu - cpuStart, peakBytes: Self.peakBytes())
        if let i = stages.firstIndex(where: { $0.name == name }) {
            stages[i].wall += time.wall
            stages[i].cpu += time.cpu
            stages[i].peakBytes = max(stages[i].peakBytes, time.peakBytes)
        } else {
            stages.append(time)
        }
        wallStart = now
        cpuStart = cpu
        return time
    }

    public static func peakBytes() -> Int {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        return Int(usage.ru_maxrss) * 1024
    }

    public static func cpuSeconds() -> Double {
        var usage = rusage()
        getrusage(__rusage_who_t(RUSAGE_SELF.rawValue), &usage)
        func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
        return seconds(usage.ru_utime) + seconds(usage.ru_stime)
    }
}
