public import DRMStore
public import FluentKit
import SQLKit

/// Reads that go beside a list of jobs: each job's latest execution and the names of the targets they name.
/// A page of jobs costs the same few queries however many jobs it shows.
public struct JobListQueries: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// The latest execution of each of `jobIDs` that has run, by job id: two queries in all.
    public func latestExecutions(of jobIDs: [Int]) async throws -> [Int: Execution] {
        let unique = Array(Set(jobIDs))
        guard !unique.isEmpty else { return [:] }
        let sql = database as! any SQLDatabase
        let rows = try await sql.select()
            .column(SQLFunction("MAX", args: SQLColumn("id")), as: "id")
            .from(Execution.schema)
            .where(SQLColumn("job_id"), .in, SQLBind.group(unique))
            .groupBy("job_id")
            .all()
        let latestIDs = try rows.map { try $0.decode(column: "id", as: Int.self) }
        guard !latestIDs.isEmpty else { return [:] }
        let executions = try await Execution.query(on: database).filter(\.$id ~~ latestIDs).all()
        return Dictionary(executions.map { ($0.jobID, $0) }, uniquingKeysWith: { first, _ in first })
    }

    /// Target names by id, for the targets of `ids` that exist.
    public func targetNames(_ ids: [Int]) async throws -> [Int: String] {
        let unique = Array(Set(ids))
        guard !unique.isEmpty else { return [:] }
        let targets = try await Target.query(on: database).filter(\.$id ~~ unique).all()
        return Dictionary(uniqueKeysWithValues: targets.compactMap { target in target.id.map { ($0, target.name) } })
    }
}
