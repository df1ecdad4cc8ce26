import DRMCore
import DRMEngine
import Foundation

/// An execution's log as Server-Sent Events: `event: log` per line (its id as the event id, so a reconnecting
/// client resumes with `Last-Event-ID`), then one `event: end` with the final summary.
struct ExecutionEventStream: Sendable {
    let query: ExecutionQuery
    let executionID: Int
    let after: Int

    func run(_ send: (String) async throws -> Void) async throws {
        let encoder = JSONEncoder.api
        try await send(": following execution \(executionID)\n\n")
        let summary = try await ExecutionFollower(query: query, executionID: executionID, after: after).run { line in
            let data = String(decoding: try encoder.encode(line), as: UTF8.self)
            try await send("id: \(line.id ?? 0)\nevent: log\ndata: \(data)\n\n")
        }
        let data = String(decoding: try encoder.encode(summary), as: UTF8.self)
        try await send("event: end\ndata: \(data)\n\n")
    }
}
