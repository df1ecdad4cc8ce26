import DRMStore
public import FluentKit
public import Foundation
public import Logging
public import ServiceLifecycle

/// Refreshes the gauges of `/metrics` that need the database (queue depth and the oldest waiting task, running
/// executions, live workers) every ``interval`` (`Service`, in `serve` and `worker`), so that a scrape reads only
/// memory. A failed read keeps the last values; `enabledrm_metrics_sampled_timestamp_seconds` tells their age.
public struct MetricsSampler: Service {
    public let database: any Database
    public let metrics: EngineMetrics
    public var interval: Duration = .seconds(15)
    public var now: @Sendable () -> Date = { Date() }
    public var logger = Logger(label: "enabledrm.metrics")

    public init(database: any Database, metrics: EngineMetrics) {
        self.database = database
        self.metrics = metrics
        logger[metadataKey: "component"] = "metrics-sampler"
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                await sample()
                try? await Task.sleep(for: interval)
            }
        }
    }

    /// One refresh.
    public func sample() async {
        let now = now()
        do {
            metrics.setSampled(try await QueueSample.read(on: database, now: now), at: now)
        } catch {
            logger.warning("metrics sample failed", metadata: ["error": "\(String(reflecting: error))"])
        }
    }
}
