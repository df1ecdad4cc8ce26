import DRMCore
import DRMEngine
import DRMSchema
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Issue 18: who may read `GET /metrics`, and what it counts. In-memory requests have no loopback peer, so
/// they need a token whose role has `metrics:read` (loopback admission runs against a real server in
/// `MetricsScrapeTests`).
@Suite struct MetricsAccessTests {
    @Test func aTokenWithMetricsReadIsNeededOffLoopback() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system))
                .create(username: "visitor", email: "visitor@example.com", password: AuthTests.password, role: .guest)
            let manager = try AuthTests.tokens(try await AuthTests.login(app)).access
            let guest = try AuthTests.tokens(try await AuthTests.login(app, "visitor")).access

            let anonymous = try await AuthTests.send(app, .GET, "metrics")
            let refused = try await AuthTests.send(app, .GET, "metrics", token: guest)
            let allowed = try await AuthTests.send(app, .GET, "metrics", token: manager)

            #expect(anonymous.status == .unauthorized)
            #expect(refused.status == .forbidden)
            #expect(refused.body.string.contains("metrics:read"))
            #expect(allowed.status == .ok)
            #expect(allowed.headers.first(name: .contentType) == "text/plain; version=0.0.4; charset=utf-8")
            let body = allowed.body.string
            #expect(body.contains("# TYPE enabledrm_executions_total counter"))
            #expect(body.contains("# HELP enabledrm_queue_depth "))
            #expect(body.contains(#"enabledrm_logins_total{outcome="success"} 2"#), "\(body)")
            #expect(
                body.contains(#"enabledrm_http_requests_total{route="/metrics",method="GET",status_class="4xx"} 2"#))
            #expect(body.contains(#"route="/api/v1/auth/login",method="POST",status_class="2xx"} 2"#))
        }
    }

    @Test func offHidesTheEndpoint() async throws {
        try await AuthTests.withApp(.sqlite, flags: [.metricsAccess: "off"]) { app, _ in
            let token = try AuthTests.tokens(try await AuthTests.login(app)).access
            #expect(try await AuthTests.send(app, .GET, "metrics", token: token).status == .notFound)
        }
    }

    @Test func requestsCountByRouteTemplateNotPath() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let token = try AuthTests.tokens(try await AuthTests.login(app)).access
            for id in [101, 202, 303] {
                _ = try await AuthTests.send(app, .GET, "api/v1/jobs/\(id)", token: token)
            }
            _ = try await AuthTests.send(app, .GET, "no/such/page/\(UUID().uuidString)")

            let body = try await AuthTests.send(app, .GET, "metrics", token: token).body.string

            #expect(body.contains(#"route="/api/v1/jobs/:id",method="GET",status_class="4xx"} 3"#), "\(body)")
            #expect(body.contains(#"route="unmatched",method="GET",status_class="4xx"} 1"#))
            for id in ["101", "202", "303"] { #expect(!body.contains("/\(id)")) }
            #expect(body.contains(#"enabledrm_logins_total{outcome="invalid_credentials"} 0"#))
        }
    }
}
