import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// Walks every registered API route and proves that each role gets exactly what the permission table says.
@Suite struct RoutePermissionTests {
    static let password = "Route-walker-42"

    @Test("every route answers each role as the permission table says", arguments: SchemaDialect.allCases)
    func everyRoute(dialect: SchemaDialect) async throws {
        try await AuthTests.withApp(dialect) { app, _ in
            var tokens: [UserRole: String] = [:]
            for role in UserRole.allCases {
                let name = "walker-\(role.rawValue)"
                try await UserAccounts(database: app.db, hasher: .bcrypt, audit: AuditTrail(.system)).create(
                    username: name, email: "\(name)@example.com", password: Self.password, role: role)
                tokens[role] = try AuthTests.tokens(try await AuthTests.login(app, name, Self.password)).access
            }
            let routes = app.routes.all.filter { $0.path.first?.description == "api" }
            #expect(routes.count >= 10)
            for route in routes {
                let name = "\(route.method) /\(route.path.map(\.description).joined(separator: "/"))"
                let endpoint = try #require(route.endpoint, "\(name) declares no access rule")
                // An id nobody has, so that an allowed request changes nothing (404) rather than acting.
                let path = route.path.map { $0.description.hasPrefix(":") ? "999999" : $0.description }.joined(
                    separator: "/")
                guard case .permission(let permission) = endpoint.access else { continue }

                let anonymous = try await AuthTests.send(app, route.method, path, json: [:])
                #expect(anonymous.status == .unauthorized, "\(name) without a token")
                for role in UserRole.allCases {
                    let response = try await AuthTests.send(app, route.method, path, token: tokens[role], json: [:])
                    if PermissionTable.allows(role, permission) {
                        #expect(
                            ![.unauthorized, .forbidden].contains(response.status),
                            "\(role) may \(permission): \(name) → \(response.status)")
                        #expect(response.status.code < 500, "\(name) as \(role): \(response.body.string)")
                    } else {
                        #expect(
                            response.status == .forbidden, "\(role) may not \(permission): \(name) → \(response.status)"
                        )
                    }
                }
            }
        }
    }
}
