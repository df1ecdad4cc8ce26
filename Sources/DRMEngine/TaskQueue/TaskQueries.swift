public import DRMCore
public import DRMStore
public import FluentKit

/// Reads of the task history (`celery_task_history`), newest first.
public struct TaskQueries: Sendable {
    public let database: any Database

    public init(database: any Database) {
        self.database = database
    }

    /// One page of the tasks (of one status when given), newest first, and how many match in all.
    public func page(status: TaskStatus?, offset: Int, limit: Int) async throws -> (items: [TaskRecord], total: Int) {
        var query = TaskRecord.query(on: database)
        if let status { query = query.filter(\.$status == status) }
        let total = try await query.count()
        let rows = try await query.sort(\.$id, .descending).range(offset..<(offset + limit)).all()
        return (rows, total)
    }

    /// The latest `limit` tasks, newest first.
    public func latest(_ limit: Int) async throws -> [TaskRecord] {
        try await TaskRecord.query(on: database).sort(\.$id, .descending).limit(limit).all()
    }
}
