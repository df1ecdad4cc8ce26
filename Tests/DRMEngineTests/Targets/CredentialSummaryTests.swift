import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

/// Issue #12 item 5 (migration 0016): a credential's non-secret summary is stored when it is written, lists read
/// only that (a vault that can't decrypt anything still lists user names), and credentials stored before 0016
/// get theirs filled in once; one target's page still decrypts to say whether its credential is readable; on
/// SQLite and PostgreSQL.
@Suite struct CredentialSummaryTests {
    /// An inventory on the same database whose vault holds another key: any decryption it tries fails.
    static func blind(_ database: TestDatabase) -> TargetInventory {
        TargetInventory(
            database: database.handle.database,
            vault: CredentialVault(current: CredentialKey(secretKey: Data(repeating: 7, count: 32))),
            audit: AuditTrail(.cli))
    }

    @Test("lists read the stored summary; older credentials are filled in once", arguments: SchemaDialect.allCases)
    func summaries(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = TargetInventoryTests.inventory(database)
            _ = try await targets.create(
                TargetDraft(name: "web-1", methods: [TargetInventoryTests.ssh("10.0.0.1", password: "Pa55-word-1")]))
            let stored = try await Credential.query(on: database.handle.database).all()
            #expect(stored.count == 1)
            #expect(stored.first?.summary?["username"] == .string("ops"))
            #expect(stored.first?.summary?["has_password"] == .bool(true))
            let summaryText = String(describing: stored.first?.summary)
            #expect(!summaryText.contains("Pa55"), "nothing secret in the summary: \(summaryText)")

            let listed = try await Self.blind(database).list(TargetQuery()).items
            #expect(listed.first?.methods.first?.credential?.username == "ops", "no decryption needed to list")
            #expect(listed.first?.methods.first?.credential?.readable == true)
            let id = try #require(listed.first?.target.id)
            let detail = try await Self.blind(database).detail(id)
            #expect(
                detail.methods.first?.credential?.readable == false,
                "one target's page decrypts, so it says the configured key no longer reads the credential")

            // A credential from before migration 0016: no summary until it is filled in.
            let sql = try #require(database.handle.database as? any SQLDatabase)
            try await sql.raw("UPDATE target_credentials SET summary = NULL").run()
            let unreadable = try await Self.blind(database).list(TargetQuery()).items
            #expect(unreadable.first?.methods.first?.credential?.username == nil, "the blind vault can't read it")
            #expect(try await targets.fillCredentialSummaries() == 1)
            #expect(try await targets.fillCredentialSummaries() == 0, "each is filled in once")
            let filled = try await Self.blind(database).list(TargetQuery()).items
            #expect(filled.first?.methods.first?.credential?.username == "ops")
            #expect(filled.first?.methods.first?.credential?.hasPassword == true)
        }
    }
}
