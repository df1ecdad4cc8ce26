import DRMCore
import DRMEngine
import Foundation

/// An execution's log as Server-Sent Events: `event: progress` first and whenever the status, start or counts
/// change (``Progress``), `event: log` per line (its id as the event id, so a reconnecting client resumes with
/// `Last-Event-ID`), then one `event: end` with the final summary.
struct ExecutionEventStream: Sendable {
    let query: ExecutionQuery
    let executionID: Int
    let after: Int

    func run(_ send: (String) async throws -> Void) async throws {
        let encoder = JSONEncoder.api
        try await send(": following execution \(executionID)\n\n")
        let follower = ExecutionFollower(query: query, executionID: executionID, after: after)
        let summary = try await follower.run { summary in
            let data = String(decoding: try encoder.encode(Progress(summary)), as: UTF8.self)
            try await send("event: progress\ndata: \(data)\n\n")
        } _: { line in
            let data = String(decoding: try encoder.encode(line), as: UTF8.self)
            try await send("id: \(line.id ?? 0)\nevent: log\ndata: \(data)\n\n")
        }
        let data = String(decoding: try encoder.encode(summary), as: UTF8.self)
        try await send("event: end\ndata: \(data)\n\n")
    }
}

extension ExecutionEventStream {
    /// Where a run stands: its status, when it started, targets by status and how many have ended.
    struct Progress: Encodable {
        var status: ExecutionStatus
        var startedAt: Date?
        var targets: [String: Int]
        var totalTargets: Int
        var done: Int
        var cancelRequested: Bool

        init(_ summary: ExecutionSummary) {
            status = summary.status
            startedAt = summary.startedAt
            targets = summary.targets
            totalTargets = summary.totalTargets
            done = summary.targets.filter { ExecutionStatus(rawValue: $0.key)?.isTerminal ?? false }.values.reduce(0, +)
            cancelRequested = summary.cancelRequested
        }

        enum CodingKeys: String, CodingKey {
            case status, targets, done
            case startedAt = "started_at"
            case totalTargets = "total_targets"
            case cancelRequested = "cancel_requested"
        }
    }
}
