public import DRMCore
import DRMStore
import FluentKit
import Foundation

extension TargetInventory {
    /// The targets that pass `filter` as import rows (the primary method's host, port and user name; passwords and
    /// keys are never exported), in name order, handed to `write` a batch at a time: a large inventory is read in
    /// pages of `batchSize` targets (keyset on the indexed name key), never held whole. After the last batch,
    /// records `target.export` with the number of rows; returns it.
    public func export(
        filter: TargetFilter?, format: String, batchSize: Int = 250,
        _ write: ([TargetImportRow]) async throws -> Void
    ) async throws -> Int {
        var after: (key: String, id: Int)?
        var count = 0
        let needsFacts = filter.map { !$0.isConjunctionOfEqualitiesOnColumns } ?? false
        while true {
            var select = Self.narrowed(Target.query(on: database), to: filter)
            if let after {
                select = select.group(.or) { or in
                    or.filter(\.$nameKey > after.key).group(.and) { and in
                        and.filter(\.$nameKey == after.key).filter(\.$id > after.id)
                    }
                }
            }
            let batch = try await select.sort(\.$nameKey).sort(\.$id).limit(batchSize).all()
            guard let last = batch.last else { break }
            after = (last.nameKey, try last.requireID())
            var records = try await records(batch)
            if let filter, needsFacts { records = records.filter { filter.matches($0.subject) } }
            if !records.isEmpty {
                try await write(records.map(Self.exportRow))
                count += records.count
            }
            if batch.count < batchSize { break }
        }
        try await audit.record(
            .targetsExported,
            details: [
                "format": .string(format), "rows": .number(Double(count)),
                "filter": filter.map { .string($0.description) } ?? .null,
            ], on: database)
        return count
    }

    /// Every row of ``export(filter:format:batchSize:_:)`` at once (for small inventories and tests).
    public func exportRows(filter: TargetFilter?, format: String) async throws -> [TargetImportRow] {
        var rows: [TargetImportRow] = []
        _ = try await export(filter: filter, format: format) { rows += $0 }
        return rows
    }

    static func exportRow(_ record: TargetRecord) -> TargetImportRow {
        let primary = record.primary
        return TargetImportRow(
            name: record.target.name, host: primary?.host ?? "", port: primary?.port,
            username: primary?.credential?.username, tags: record.tags, osType: record.target.osType,
            environment: record.target.environment, description: record.target.description,
            hostKey: primary?.method.hostKey)
    }

    /// Rows as the JSON import format: an array of objects with the import columns (never a password or key).
    public static func exportJSON(_ rows: [TargetImportRow]) -> JSONValue {
        .array(rows.map(exportObject))
    }

    /// One row as an object of the JSON import format.
    public static func exportObject(_ row: TargetImportRow) -> JSONValue {
        var object: [String: JSONValue] = [
            "name": .string(row.name), "host": .string(row.host), "tags": .array(row.tags.map(JSONValue.string)),
        ]
        if let port = row.port { object["port"] = .number(Double(port)) }
        if let username = row.username { object["username"] = .string(username) }
        if let os = row.osType { object["os_type"] = .string(os) }
        if let environment = row.environment { object["environment"] = .string(environment) }
        if let description = row.description { object["description"] = .string(description) }
        return .object(object)
    }
}
