import Benchmark
import DRMCore
import Foundation

/// The evaluator's cost per next-time computation (goal: under 20 µs for a cron in a zone with DST), each
/// iteration asking for the time after the previous one, so it walks through DST changes.
let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        scalingFactor: .kilo,
        maxDuration: .seconds(5)
    )
    let cases: [(String, String)] = [
        ("30 2 * * *", "Europe/Berlin"), ("*/15 * * * *", "America/New_York"),
        ("0 9 * * MON-FRI", "Australia/Lord_Howe"), ("0 0 LW * *", "Pacific/Chatham"),
        ("0 12 * * FRI#2", "America/Sao_Paulo"),
    ]
    for (expression, zoneName) in cases {
        Benchmark("next fire time: \(expression) in \(zoneName)") { benchmark in
            let timing = ScheduleTiming(
                rule: .cron(try CronExpression(expression)), zone: try ScheduleTiming.zone(named: zoneName))
            var cursor = Date(timeIntervalSince1970: 1_767_225_600)
            for _ in benchmark.scaledIterations {
                guard let fire = timing.next(after: cursor) else { break }
                cursor = fire.instant
            }
            blackHole(cursor)
        }
    }
}
