import Benchmark
import DRMSchema
import DRMTestSupport

/// The database each benchmark checks, created in its setup and removed in its teardown.
nonisolated(unsafe) var databases: [SchemaDialect: TestDatabase] = [:]

let benchmarks: @Sendable () -> Void = {
    Benchmark.defaultConfiguration = .init(
        metrics: [.wallClock, .cpuTotal, .mallocCountTotal],
        maxDuration: .seconds(10),
        maxIterations: 200
    )
    for dialect in SchemaDialect.allCases {
        Benchmark(
            "db check, 35 tables, \(dialect)",
            closure: { benchmark in
                guard let database = databases[dialect] else { return }
                for _ in benchmark.scaledIterations {
                    let report = try await SchemaCheck(database: database.sql).run()
                    precondition(report.isAligned, "the benchmark database drifted: \(report.differences)")
                    blackHole(report)
                }
            },
            setup: { databases[dialect] = try await TestDatabase.migrated(dialect) },
            teardown: { await databases.removeValue(forKey: dialect)?.close() }
        )
    }
}
