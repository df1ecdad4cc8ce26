import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import SQLKit
import Testing

/// Issue #12 items 5 and 20: a page of a large inventory is read from an index in name order, exports go a batch
/// at a time, and an import row with only a user name keeps it; on SQLite and PostgreSQL.
@Suite struct TargetListScaleTests {
    static func create(_ names: [String], _ targets: TargetInventory) async throws {
        for (index, name) in names.enumerated() {
            _ = try await targets.create(
                TargetDraft(name: name, methods: [TargetInventoryTests.ssh("10.3.0.\(index + 1)")]))
        }
    }

    @Test(
        "names sort without regard to case, beyond ASCII too, alike with and without a search",
        arguments: SchemaDialect.allCases)
    func caseInsensitiveOrder(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = TargetInventoryTests.inventory(database)
            try await Self.create(["Öl-2", "öl-1", "Beta", "alpha", "ÄRGER", "zeta"], targets)
            let expected = ["alpha", "ÄRGER", "Beta", "öl-1", "Öl-2", "zeta"].sorted {
                ($0.lowercased(), $0) < ($1.lowercased(), $1)
            }
            let listed = try await targets.list(TargetQuery()).items.map(\.target.name)
            let searched = try await targets.list(TargetQuery(text: "")).items.map(\.target.name)
            let filtered = try await targets.list(TargetQuery(filter: try TargetFilter.parse("not tag=none"))).items
                .map(\.target.name)
            #expect(listed == expected)
            #expect(searched == expected)
            #expect(filtered == expected, "the in-memory path sorts as SQL does")
            let reversed = try await targets.list(TargetQuery(sort: "-name", offset: 1, limit: 2)).items
                .map(\.target.name)
            #expect(reversed == Array(expected.reversed()[1...2]))

            // A rename moves the target in the order.
            let first = try await targets.find(expected[0])
            _ = try await targets.update(try first.target.requireID(), TargetChanges(name: "zzz"))
            let renamed = try await targets.list(TargetQuery()).items.map(\.target.name)
            #expect(renamed == (expected.dropFirst() + ["zzz"]).sorted { $0.lowercased() < $1.lowercased() })
        }
    }

    @Test(
        "a page in name order is read from the name-key index, not sorted from every row",
        arguments: SchemaDialect.allCases)
    func pageUsesTheIndex(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let page = "SELECT id FROM universal_targets ORDER BY name_key ASC, id ASC LIMIT 50 OFFSET 100"
            let plan: String
            switch dialect {
            case .sqlite:
                plan = try await database.sql.raw(SQLQueryString("EXPLAIN QUERY PLAN " + page)).all()
                    .map { try $0.decode(column: "detail", as: String.self) }.joined(separator: "; ")
                #expect(!plan.contains("TEMP B-TREE"), "\(plan)")
            case .postgres:
                try await database.sql.raw("SET enable_seqscan = off").run()
                plan = try await database.sql.raw(SQLQueryString("EXPLAIN " + page)).all()
                    .map { try $0.decode(column: "QUERY PLAN", as: String.self) }.joined(separator: "; ")
                #expect(!plan.contains("Sort"), "\(plan)")
            }
            #expect(plan.contains("idx_universal_targets_name_key"), "\(plan)")
        }
    }

    @Test(
        "an export goes a batch at a time in name order, with the filter, and is audited once",
        arguments: SchemaDialect.allCases)
    func exportInBatches(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = TargetInventoryTests.inventory(database)
            let names = (1...23).map { String(format: "n-%02d", $0) } + ["N-05"]
            for (index, name) in names.enumerated() {
                _ = try await targets.create(
                    TargetDraft(
                        name: name, tags: index % 2 == 0 ? ["even"] : [],
                        methods: [TargetInventoryTests.ssh("10.3.1.\(index + 1)")]))
            }
            var batches: [[String]] = []
            let count = try await targets.export(filter: nil, format: "csv", batchSize: 5) { rows in
                batches.append(rows.map(\.name))
            }
            #expect(count == 24)
            #expect(batches.map(\.count) == [5, 5, 5, 5, 4])
            // Equal keys (n-05, N-05) keep the order they were created in.
            let ordered = names.enumerated().sorted {
                ($0.element.lowercased(), $0.offset) < ($1.element.lowercased(), $1.offset)
            }
            #expect(batches.flatMap { $0 } == ordered.map(\.element))
            var even: [String] = []
            _ = try await targets.export(filter: try TargetFilter.parse("tag=even"), format: "json", batchSize: 4) {
                even += $0.map(\.name)
            }
            #expect(even.count == 12 && even.first == "n-01")
            let exports = try await AuditEvent.query(on: database.handle.database)
                .filter(\.$action == AuditAction.targetsExported.rawValue).count()
            #expect(exports == 2)
        }
    }

    @Test(
        "an import row with a user name and no password or key keeps the user name", arguments: SchemaDialect.allCases)
    func importKeepsTheUserName(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let targets = TargetInventoryTests.inventory(database)
            let csv = """
                name,host,port,username,password,key_file,tags,os_type
                agent-1,10.3.2.1,22,deploy,,,,linux
                none-1,10.3.2.2,22,,,,,linux
                """
            let report = try await targets.importRows(try TargetImport.numberedCSV(csv))
            #expect(report.imported.count == 2 && report.rejected.isEmpty, "\(report.rejected)")
            let agent = try await targets.find("agent-1")
            #expect(agent.primary?.credential?.username == "deploy")
            #expect(
                agent.primary?.credential?.hasPrivateKey == false && agent.primary?.credential?.hasPassword == false)
            #expect(try await targets.find("none-1").primary?.credential == nil)
            let exported = try await targets.exportRows(filter: nil, format: "csv")
            #expect(
                exported.first { $0.name == "agent-1" }?.username == "deploy", "the user name survives a round trip")
        }
    }
}
