// swift-tools-version: 6.1
// Benchmarks live in their own package so that package-benchmark's tools version and traits stay out of the app,
// and out of the CI test path. Run from this directory: `swift package benchmark`.
import Foundation
import PackageDescription

/// A path dependency's identity is its directory's name, which is the checkout's: look it up rather than assume it.
let app = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().lastPathComponent
    .lowercased()

let package = Package(
    name: "EnableDRMBenchmarks",
    platforms: [.macOS(.v14)],
    dependencies: [
        .package(path: ".."),
        .package(
            url: "https://github.com/ordo-one/package-benchmark.git", from: "1.38.1", traits: ["MallocInterposer"]),
    ],
    targets: [
        // `db check` on the 35-table schema, on SQLite and on PostgreSQL.
        .executableTarget(
            name: "SchemaCheck",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DRMSchema", package: app),
                .product(name: "DRMTestSupport", package: app),
            ],
            path: "Benchmarks/SchemaCheck",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // The task queue's claim + finish throughput: 1, 4 and 16 workers on PostgreSQL, 1 on SQLite.
        .executableTarget(
            name: "QueueThroughput",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DRMEngine", package: app),
                .product(name: "DRMTestSupport", package: app),
            ],
            path: "Benchmarks/QueueThroughput",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // One `/metrics` scrape's body from a busy node's registry (issue 18: p99 ≤ 5 ms, ≤ 64 KB).
        .executableTarget(
            name: "MetricsScrape",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DRMCore", package: app),
                .product(name: "DRMEngine", package: app),
            ],
            path: "Benchmarks/MetricsScrape",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
        // The schedule evaluator: one next-fire-time computation for crons in zones with DST.
        .executableTarget(
            name: "ScheduleEvaluator",
            dependencies: [
                .product(name: "Benchmark", package: "package-benchmark"),
                .product(name: "DRMCore", package: app),
            ],
            path: "Benchmarks/ScheduleEvaluator",
            plugins: [.plugin(name: "BenchmarkPlugin", package: "package-benchmark")]
        ),
    ],
    swiftLanguageModes: [.v6]
)
