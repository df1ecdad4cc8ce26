import DRMCore
public import DRMEngine
public import Vapor

/// `/api/v1/system/health`: the platform's health as this node sees it — database reachability, latency, size
/// and schema revision; queue depth and the oldest waiting task's age; workers and their heartbeats; the
/// scheduler's leader; disk free for the data directory; this process's memory, uptime and version.
struct SystemController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let system = routes.grouped("api", "v1", "system")
        system.endpoint(
            .GET, "health", access: .permission(.init(.system, .read)),
            summary: "Database, queue, workers, leader, disk, memory, uptime and version, with problems found",
            use: health)
    }

    func health(request: Request) async throws -> SystemHealth {
        await request.application.environment.health.read()
    }
}

extension SystemHealth: Content {}
