import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// `/api/v1/queue`: the task queue — depth, throughput, latency, workers — and its task history.
struct QueueController: RouteCollection {
    struct TaskResponse: Content {
        var id: Int
        var taskID: String
        var name: String
        var status: TaskStatus
        var args: JSONValue?
        var retries: Int
        var worker: String?
        var result: String?
        var createdAt: Date?
        var startedAt: Date?
        var completedAt: Date?
        var leaseExpiresAt: Date?

        enum CodingKeys: String, CodingKey {
            case id, name, status, args, retries, worker, result
            case taskID = "task_id"
            case createdAt = "created_at"
            case startedAt = "started_at"
            case completedAt = "completed_at"
            case leaseExpiresAt = "lease_expires_at"
        }
    }

    func boot(routes: any RoutesBuilder) throws {
        let queue = routes.grouped("api", "v1", "queue")
        let read = Access.permission(.init(.queue, .read))
        queue.endpoint(
            .GET, access: read, summary: "Queue depth, running tasks, throughput per minute, latency, workers",
            use: overview)
        queue.endpoint(
            .GET, "tasks", access: read, summary: "Task history, newest first",
            query: [
                "page": Schema.integer(1...1_000_000), "per_page": Schema.integer(1...200),
                "status": Schema.oneOf(TaskStatus.allCases.map(\.rawValue)),
            ], use: tasks)
    }

    func overview(request: Request) async throws -> QueueMetrics.Overview {
        try await request.queueMetrics.overview()
    }

    func tasks(request: Request) async throws -> Page<TaskResponse> {
        let page = try PageRequest(request)
        var status: TaskStatus?
        if let text = request.query[String.self, at: "status"] {
            guard let known = TaskStatus(rawValue: text) else {
                throw APIError(.badRequest, code: "invalid_query", message: "unknown status", field: "status")
            }
            status = known
        }
        let (rows, total) = try await request.tasks.page(status: status, offset: page.offset, limit: page.perPage)
        return Page(
            items: rows.map {
                TaskResponse(
                    id: $0.id ?? 0, taskID: $0.taskID, name: $0.taskName, status: $0.status, args: $0.args,
                    retries: $0.retries ?? 0, worker: $0.worker, result: $0.result, createdAt: $0.createdAt,
                    startedAt: $0.startedAt, completedAt: $0.completedAt, leaseExpiresAt: $0.leaseExpiresAt)
            }, page: page.page, perPage: page.perPage, total: total)
    }
}
