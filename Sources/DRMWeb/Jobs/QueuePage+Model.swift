import DRMCore
import DRMEngine
import DRMStore
import Vapor

extension QueuePage {
    /// What the queue page shows: the queue's figures and workers now, and the latest tasks.
    struct Model: Sendable {
        var overview: QueueMetrics.Overview
        /// The latest tasks, newest first.
        var tasks: [TaskRecord]

        /// The model of the queue now, read by engine queries.
        static func load(_ request: Request) async throws -> Model {
            _ = try await request.require(.queue)
            let overview = try await request.queueMetrics.overview()
            return Model(overview: overview, tasks: try await request.tasks.latest(50))
        }
    }
}
