import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Fluent
import Foundation
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The target page's host key forms need `host_keys:update`: a manager sees the keys but no forms and is refused
/// the post (nothing changes); a bad action or method is a 4xx naming it, never a 500.
@Suite struct TargetHostKeyPageTests {
    static let key = "ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAIJFgtZsULQrGrexxyNJ7cUJsB4rYFvocqvCXdIZaUAMT"

    @Test func aManagerSeesTheKeysButMayNotChangeThem() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await WebPagesTests.session(app, .administrator)
            let manager = try await WebPagesTests.session(app, .manager)
            let targetID = try await JobPagesTests.target(app, "db-1")
            let methodID = try #require(
                try await CommunicationMethod.query(on: app.db).filter(\.$targetID == targetID).first()?.id)
            let path = "/targets/\(targetID)"
            let managerToken = try await JobPagesTests.token(app, cookie: manager, page: path)
            let adminToken = try await JobPagesTests.token(app, cookie: admin, page: path)

            let page = try await WebPagesTests.get(app, path, cookie: manager)
            let refused = try await JobPagesTests.post(
                app, path + "/host-key", cookie: manager,
                pairs: [
                    ("_csrf", managerToken), ("method_id", String(methodID)), ("action", "pin"), ("host_key", Self.key),
                ])
            let unpinned = try await CommunicationMethod.query(on: app.db).filter(\.$id == methodID).first()?.hostKey
            let badAction = try await JobPagesTests.post(
                app, path + "/host-key", cookie: admin,
                pairs: [("_csrf", adminToken), ("method_id", String(methodID)), ("action", "steal")])
            let noMethod = try await JobPagesTests.post(
                app, path + "/host-key", cookie: admin,
                pairs: [("_csrf", adminToken), ("method_id", "999999"), ("action", "forget")])
            let pinned = try await JobPagesTests.post(
                app, path + "/host-key", cookie: admin,
                pairs: [
                    ("_csrf", adminToken), ("method_id", String(methodID)), ("action", "pin"), ("host_key", Self.key),
                ])
            let stored = try await CommunicationMethod.query(on: app.db).filter(\.$id == methodID).first()?.hostKey

            #expect(page.status == .ok)
            #expect(page.body.string.contains("id=\"host-keys\""), "the keys are shown")
            #expect(!page.body.string.contains("data-key-action"), "without forms")
            #expect(refused.status == .forbidden)
            #expect(unpinned == nil, "nothing changed")
            #expect(badAction.status == .unprocessableEntity)
            #expect(badAction.body.string.contains("action"), "the field is named")
            #expect(noMethod.status == .notFound)
            #expect(pinned.status == .seeOther)
            #expect(stored == Self.key)
        }
    }
}
