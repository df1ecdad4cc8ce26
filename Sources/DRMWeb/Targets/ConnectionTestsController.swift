import DRMCore
import DRMEngine
import DRMRemote
import Vapor

/// `/api/v1/targets/…/test`: connection tests against the real systems, results stored on each method.
struct ConnectionTestsController: RouteCollection {
    func boot(routes: any RoutesBuilder) throws {
        let targets = routes.grouped("api", "v1", "targets")
        let execute = Access.permission(.init(.targets, .execute))
        targets.endpoint(
            .POST, ":id", "test", access: execute, summary: "Test every active communication method of a target",
            use: testOne)
        targets.endpoint(
            .POST, "test", access: execute,
            summary: "Test the targets a filter selects (all without one), concurrently",
            body: Schema.object(["filter": Schema.string]), use: testMany)
    }

    func testOne(request: Request) async throws -> ConnectionTestReport {
        let id = try request.id(of: "target")
        _ = try await request.targets.detail(id)
        return ConnectionTestReport(try await request.connectionTester.test(targetIDs: [id]))
    }

    struct ManyRequest: Content {
        var filter: String?
    }

    func testMany(request: Request) async throws -> ConnectionTestReport {
        let body = request.body.data == nil ? ManyRequest() : try request.content.decode(ManyRequest.self)
        var filter: TargetFilter?
        if let text = body.filter, !text.isEmpty {
            do {
                filter = try TargetFilter.parse(text)
            } catch {
                throw APIError.invalid("filter", error.description)
            }
        }
        let tester = request.connectionTester
        return ConnectionTestReport(try await tester.test(targetIDs: try await tester.targetIDs(matching: filter)))
    }
}

/// The outcome of a batch of connection tests.
struct ConnectionTestReport: Content {
    struct Result: Content {
        var targetID: Int
        var targetName: String
        var methodID: Int
        var methodType: String
        var endpoint: String
        var success: Bool
        var category: String?
        var message: String
        var latencyMS: Int
        var details: [String: String]

        enum CodingKeys: String, CodingKey {
            case success, category, message, details, endpoint
            case targetID = "target_id"
            case targetName = "target_name"
            case methodID = "method_id"
            case methodType = "method_type"
            case latencyMS = "latency_ms"
        }
    }

    var tested: Int
    var succeeded: Int
    var failed: Int
    var results: [Result]

    init(_ outcomes: [ConnectionTester.Outcome]) {
        results = outcomes.map {
            Result(
                targetID: $0.targetID, targetName: $0.targetName, methodID: $0.methodID, methodType: $0.methodType,
                endpoint: $0.endpoint, success: $0.result.success, category: $0.result.category?.rawValue,
                message: $0.result.message, latencyMS: $0.latencyMS, details: $0.result.details)
        }
        tested = results.count
        succeeded = results.filter(\.success).count
        failed = tested - succeeded
    }
}
