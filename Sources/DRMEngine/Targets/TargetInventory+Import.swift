public import DRMCore
import DRMStore
public import FluentKit
import Foundation

/// What an import did: which rows went in (with their new targets) and which were rejected, and why.
public struct TargetImportReport: Sendable, Hashable {
    /// A row that became a target.
    public struct Imported: Sendable, Hashable {
        public var row: Int
        public var targetID: Int
        public var serial: String
        public var name: String
    }

    /// A row that was not imported, with every reason.
    public struct Rejected: Sendable, Hashable {
        public var row: Int
        public var reasons: [String]
    }

    public var imported: [Imported]
    public var rejected: [Rejected]
    /// Whether the import was all-or-nothing.
    public var atomic: Bool

    /// `imported N, rejected M`.
    public var summary: String { "imported \(imported.count), rejected \(rejected.count)" }
}

/// A parsed import row with its number: the CSV line it starts on, or the JSON object's position from 1.
public typealias NumberedImportRow = (row: Int, outcome: TargetImport.Outcome)

extension TargetImport {
    /// The rows of a CSV text, numbered by the line each starts on.
    public static func numberedCSV(_ text: String) throws(TargetImportError) -> [NumberedImportRow] {
        let outcomes = try parseCSV(text)
        // parseCSV keeps the non-blank records after the header, in order; number them the same way.
        let lines = ((try? CSV.parse(text)) ?? []).dropFirst().filter { record in
            !record.fields.allSatisfy { $0.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty }
        }.map(\.line)
        return outcomes.enumerated().map { index, outcome in
            (index < lines.count ? lines[index] : index + 2, outcome)
        }
    }

    /// The objects of a JSON array, numbered from 1.
    public static func numberedJSON(_ data: Data) throws(TargetImportError) -> [NumberedImportRow] {
        try parseJSON(data).enumerated().map { ($0.offset + 1, $0.element) }
    }
}

extension TargetInventory {
    /// Reads the private key a row's `key_file` names (the CLI reads files; the API refuses such rows).
    public typealias KeyFileReader = @Sendable (String) throws -> String

    /// Imports parsed rows as targets with one SSH method (port 22 unless given) and, when the row has a password,
    /// a key or a user name, a credential. Rows that are invalid, clash with an active target's endpoint or repeat
    /// an endpoint of the file are rejected with their reasons. The valid rows go in one transaction; with `atomic`,
    /// any rejected row refuses the whole file. One `target.import` event records the counts.
    public func importRows(
        _ rows: [NumberedImportRow], atomic: Bool = false, keyFiles: KeyFileReader? = nil
    ) async throws -> TargetImportReport {
        var rejected: [TargetImportReport.Rejected] = []
        var accepted: [(row: Int, draft: CheckedDraft)] = []
        var seen: [HostPort: Int] = [:]
        var seenNames: [String: Int] = [:]
        let existing = try await activeEndpoints(on: database, except: nil)
        let existingNames = Set(try await Target.query(on: database).all(\.$name))
        for (line, outcome) in rows {
            switch outcome {
            case .failure(let problems):
                rejected.append(.init(row: line, reasons: problems.errors.map(Self.reason)))
            case .success(let row):
                do {
                    let checked = try check(try draft(for: row, keyFiles: keyFiles))
                    let endpoint = HostPort(checked.methods[0].config)
                    if let owner = existing[endpoint] {
                        throw TargetError.endpointTaken(
                            field: "host", host: endpoint.host, port: endpoint.port, target: owner)
                    }
                    if let first = seen[endpoint] {
                        throw TargetError.invalid(
                            field: "host",
                            message:
                                "\(HostPort.text(endpoint.host, endpoint.port)) repeats the endpoint of row \(first)")
                    }
                    let name = checked.draft.name
                    if existingNames.contains(name) {
                        throw TargetError.conflict(field: "name", message: "a target named '\(name)' exists")
                    }
                    if let first = seenNames[name] {
                        throw TargetError.invalid(field: "name", message: "'\(name)' repeats the name of row \(first)")
                    }
                    seen[endpoint] = line
                    seenNames[name] = line
                    accepted.append((line, checked))
                } catch let error as TargetError {
                    rejected.append(.init(row: line, reasons: [Self.reason(error)]))
                }
            }
        }
        rejected.sort { $0.row < $1.row }
        if atomic && !rejected.isEmpty {
            try await audit.record(
                .targetsImported, outcome: .failure,
                details: ["atomic": true, "imported": 0, "rejected": .number(Double(rejected.count))], on: database)
            return TargetImportReport(imported: [], rejected: rejected, atomic: true)
        }
        let toInsert = accepted
        let rejectedCount = rejected.count
        let imported = try await withSerialRetry {
            try await database.transaction { db in
                var serial = try await latestSerial(on: db)
                var imported: [TargetImportReport.Imported] = []
                for (row, checked) in toInsert {
                    let target = try await insert(checked, serial: &serial, on: db)
                    imported.append(
                        .init(
                            row: row, targetID: try target.requireID(), serial: target.targetSerial, name: target.name))
                }
                try await audit.record(
                    .targetsImported,
                    details: [
                        "atomic": .bool(atomic), "imported": .number(Double(imported.count)),
                        "rejected": .number(Double(rejectedCount)),
                    ], on: db)
                return imported
            }
        }
        return TargetImportReport(imported: imported, rejected: rejected, atomic: atomic)
    }

    /// The draft a row stands for: an SSH method to `host:port` and a credential from its password and key.
    func draft(for row: TargetImportRow, keyFiles: KeyFileReader?) throws(TargetError) -> TargetDraft {
        var privateKey: String?
        if let path = row.keyFile {
            guard let keyFiles else { throw .invalid(field: "key_file", message: "key_file is read only by the CLI") }
            do {
                privateKey = try keyFiles(path)
            } catch {
                throw .invalid(field: "key_file", message: "can't read \(path)")
            }
        }
        var credential: CredentialInput?
        if privateKey != nil || row.password != nil {
            credential = CredentialInput(
                type: privateKey != nil ? .sshKey : .password, username: row.username, password: row.password,
                privateKey: privateKey)
        } else if row.username != nil {
            // A user name alone is kept (as an ssh_key credential without a key): agents and key forwarding log in
            // as that user.
            credential = CredentialInput(type: .sshKey, username: row.username)
        }
        var config: [String: JSONValue] = ["host": .string(row.host)]
        if let port = row.port { config["port"] = .number(Double(port)) }
        return TargetDraft(
            name: row.name, osType: row.osType ?? "linux",
            environment: row.environment.flatMap(TargetEnvironment.init(rawValue:)) ?? .development,
            description: row.description, tags: row.tags,
            methods: [
                MethodDraft(methodType: "ssh", config: .object(config), credential: credential, hostKey: row.hostKey)
            ])
    }

    static func reason(_ error: TargetImportRowError) -> String {
        error.field.map { "\($0): \(error.message)" } ?? error.message
    }

    static func reason(_ error: TargetError) -> String {
        switch error {
        case .invalid(let field, let message):
            "\(field.replacingOccurrences(of: "communication_methods.0.config.", with: "")): \(message)"
        default: "\(error.field.map { "\($0): " } ?? "")\(error.description)"
        }
    }
}
