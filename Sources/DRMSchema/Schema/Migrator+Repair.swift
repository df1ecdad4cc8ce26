import Foundation
public import SQLKit

/// A plan that can't run as it stands, with every reason.
public struct PlanRefusal: Error, Sendable, CustomStringConvertible {
    public var reasons: [String]

    public init(reasons: [String]) {
        self.reasons = reasons
    }

    public var description: String {
        "refused, nothing was changed: " + reasons.joined(separator: "; ")
    }
}

extension Migrator {
    /// Brings a drifted database at a revision of the chain back to the declared schema at that revision, in one
    /// transaction; the revision stays. Drops that would delete data are refused unless `allowDataLoss`.
    @discardableResult
    public func repair(allowDataLoss: Bool = false) async throws -> [SchemaOperation] {
        try await locked { db in
            guard let current = try await Self.currentRevision(on: db) else {
                throw MigrationError.noSuchTarget("base")
            }
            guard chain.position(of: current) != nil else { throw MigrationError.unknownRevision(current) }
            let expected = current == chain.head ? declared : try chain.schema(at: current)
            let live = try await db.introspectSchema()
            let plan = SchemaPlanner(db.schemaDialect).plan(from: live, to: expected, keepingExtraViews: true)
            var reasons = try await Self.violations(of: plan.preconditions, on: db)
            if !allowDataLoss { reasons += try await Self.dataLoss(of: plan.operations, in: live, on: db) }
            guard reasons.isEmpty else { throw PlanRefusal(reasons: reasons) }
            guard !plan.operations.isEmpty else { return [] }
            _ = try await run("repair", plan.operations, from: live, expecting: current, recording: current, on: db)
            return plan.operations
        }
    }

    /// The values that break `preconditions`, one line each.
    static func violations(of preconditions: [SchemaPlanner.Precondition], on db: any SQLDatabase) async throws
        -> [String]
    {
        var reasons: [String] = []
        for precondition in preconditions {
            let values = try await db.rows(precondition.sql + " LIMIT 20").map {
                try $0.decode(column: "value", as: String.self)
            }
            if !values.isEmpty { reasons.append("\(precondition.message): \(values.joined(separator: ", "))") }
        }
        return reasons
    }

    /// What the drops in `operations` would delete, one line each: `users.nickname: 3 rows hold a value`.
    public static func dataLoss(of operations: [SchemaOperation], in live: DatabaseSchema, on db: any SQLDatabase)
        async throws -> [String]
    {
        var losses: [String] = []
        for operation in operations {
            switch operation {
            case .dropColumn(let table, let column):
                let count = try await rowCount(
                    "SELECT count(*) AS n FROM \"\(table)\" WHERE \"\(column)\" IS NOT NULL", on: db)
                if count > 0 { losses.append("dropping \(table).\(column) would lose the values of \(count) rows") }
            case .dropTable(let table):
                let count = try await rowCount("SELECT count(*) AS n FROM \"\(table)\"", on: db)
                if count > 0 { losses.append("dropping table \(table) would lose \(count) rows") }
            default:
                continue
            }
        }
        return losses
    }

    static func rowCount(_ sql: String, on db: any SQLDatabase) async throws -> Int {
        try await db.rows(sql).first?.decode(column: "n", as: Int.self) ?? 0
    }
}
