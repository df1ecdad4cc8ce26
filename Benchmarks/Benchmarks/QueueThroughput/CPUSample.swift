import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit

/// CPU time so far, in microseconds: of the whole machine (every core, from `/proc/stat`), and of the queue (this
/// process and the PostgreSQL cluster's processes, from `/proc/<pid>/stat`).
struct CPUSample {
    var machine: Double
    var queue: Double

    static let microsecondsPerTick = 1e6 / Double(sysconf(Int32(_SC_CLK_TCK)))

    static func take(cluster database: TestDatabase) async throws -> CPUSample {
        var queue = processTicks("self") ?? 0
        if database.dialect == .postgres {
            let backend = try await database.sql.raw("SELECT pg_backend_pid() AS pid").first()?
                .decode(column: "pid", as: Int.self)
            if let backend, let postmaster = parent(of: backend) {
                // The postmaster with its exited children (a backend that ended still counts), and the live ones.
                queue += processTicks(String(postmaster), reapedChildren: true) ?? 0
                let children = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
                for pid in children.compactMap(Int.init) where parent(of: pid) == postmaster {
                    queue += processTicks(String(pid)) ?? 0
                }
            }
        }
        return CPUSample(machine: machineBusyTicks() * microsecondsPerTick, queue: queue * microsecondsPerTick)
    }

    /// Busy ticks of all cores: user, nice, system, irq, softirq, steal.
    static func machineBusyTicks() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
            let line = text.split(separator: "\n").first
        else { return 0 }
        let fields = line.split(separator: " ").dropFirst().compactMap { Double($0) }
        guard fields.count >= 8 else { return 0 }
        return fields[0] + fields[1] + fields[2] + fields[5] + fields[6] + fields[7]
    }

    /// The fields of `/proc/<pid>/stat` after the command name: state, ppid, …
    static func statFields(_ pid: String) -> [Substring]? {
        guard let text = try? String(contentsOfFile: "/proc/\(pid)/stat", encoding: .utf8),
            let close = text.lastIndex(of: ")")
        else { return nil }
        return text[text.index(after: close)...].split(separator: " ")
    }

    static func parent(of pid: Int) -> Int? {
        statFields(String(pid)).flatMap { $0.count > 1 ? Int($0[1]) : nil }
    }

    /// utime + stime of a process (all its threads), and of its reaped children when asked, in ticks.
    static func processTicks(_ pid: String, reapedChildren: Bool = false) -> Double? {
        guard let fields = statFields(pid), fields.count > 14, let user = Double(fields[11]),
            let system = Double(fields[12]), let childUser = Double(fields[13]), let childSystem = Double(fields[14])
        else { return nil }
        return user + system + (reapedChildren ? childUser + childSystem : 0)
    }

    static func loadAverage() -> Double {
        guard let text = try? String(contentsOfFile: "/proc/loadavg", encoding: .utf8) else { return 0 }
        return text.split(separator: " ").first.flatMap { Double($0) } ?? 0
    }
}
