import DRMCore
import FluentKit
import Foundation
import SQLKit

/// The columns of a branch that a run needs, read without Fluent's per-row reflection (runs read hundreds).
struct BranchRow: Sendable {
    var id: Int
    var targetID: Int
    var serial: String
    var status: ExecutionStatus
    var startedAt: Date?

    static func load(executionID: Int, on db: any Database) async throws -> [BranchRow] {
        let sql = db as! any SQLDatabase
        return try await sql.raw(
            """
            SELECT id, target_id, branch_serial, CAST(status AS TEXT) AS status, started_at
            FROM job_execution_branches WHERE job_execution_id = \(bind: executionID) ORDER BY id
            """
        ).all().map { row in
            BranchRow(
                id: try row.decode(column: "id", as: Int.self),
                targetID: try row.decode(column: "target_id", as: Int.self),
                serial: try row.decode(column: "branch_serial", as: String.self),
                status: ExecutionStatus(rawValue: try row.decode(column: "status", as: String.self)) ?? .failed,
                startedAt: try row.decode(column: "started_at", as: Date?.self))
        }
    }
}
