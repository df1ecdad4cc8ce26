public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// Creating, changing, listing and deleting notification destinations; secrets are encrypted by the credential
/// vault and never come back out of this type except to sign. Every change is audited.
public struct NotificationDestinations: Sendable {
    public let database: any Database
    public let vault: CredentialVault
    public let audit: AuditTrail

    public init(database: any Database, vault: CredentialVault, audit: AuditTrail) {
        self.database = database
        self.vault = vault
        self.audit = audit
    }

    /// Every destination, by name.
    public func list() async throws -> [DestinationRecord] {
        try await NotificationDestination.query(on: database).sort(\.$name).all().map(DestinationRecord.init)
    }

    /// One destination.
    public func find(_ id: Int) async throws -> DestinationRecord {
        try DestinationRecord(try await row(id, on: database))
    }

    /// Creates a destination.
    public func create(_ draft: DestinationDraft, createdBy: Int?) async throws -> DestinationRecord {
        try draft.validate(creating: true)
        return try await database.transaction { db in
            try await ensureUnique(draft.name, except: nil, on: db)
            let row = NotificationDestination()
            row.destinationUUID = UUID()
            row.name = draft.name.trimmingCharacters(in: .whitespaces)
            row.destinationType = draft.type
            row.config = draft.config
            row.secretEncrypted = try draft.secret.map(seal)
            row.isEnabled = draft.enabled
            row.consecutiveFailures = 0
            row.createdBy = createdBy
            try await row.create(on: db)
            let record = try DestinationRecord(row)
            try await audit.record(
                .notificationDestinationCreated, resource: ("notification_destination", String(record.id)),
                details: ["name": .string(record.name), "type": .string(record.type.rawValue)], on: db)
            return record
        }
    }

    /// Changes a destination. A new secret starts a rotation (the old one signs too until ``endRotation(_:)``);
    /// enabling a disabled destination clears its failure count.
    public func update(_ id: Int, _ draft: DestinationDraft) async throws -> DestinationRecord {
        try draft.validate(creating: false)
        return try await database.transaction { db in
            let row = try await row(id, on: db)
            guard row.destinationType == draft.type else {
                throw NotificationError.invalid(field: "type", message: "can't change once the destination exists")
            }
            try await ensureUnique(draft.name, except: id, on: db)
            row.name = draft.name.trimmingCharacters(in: .whitespaces)
            row.config = draft.config
            if let secret = draft.secret {
                row.previousSecretEncrypted = row.secretEncrypted
                row.secretEncrypted = try seal(secret)
            }
            if draft.enabled, !row.isEnabled {
                row.consecutiveFailures = 0
                row.disabledReason = nil
            }
            row.isEnabled = draft.enabled
            try await row.save(on: db)
            try await audit.record(
                .notificationDestinationUpdated, resource: ("notification_destination", String(id)),
                details: ["name": .string(row.name), "secret_rotated": .bool(draft.secret != nil)], on: db)
            return try DestinationRecord(row)
        }
    }

    /// Ends a secret rotation: only the newest secret signs from now on.
    public func endRotation(_ id: Int) async throws -> DestinationRecord {
        try await database.transaction { db in
            let row = try await row(id, on: db)
            row.previousSecretEncrypted = nil
            try await row.save(on: db)
            try await audit.record(
                .notificationDestinationUpdated, resource: ("notification_destination", String(id)),
                details: ["rotation_ended": .bool(true)], on: db)
            return try DestinationRecord(row)
        }
    }

    /// Deletes a destination with its rules and deliveries.
    public func delete(_ id: Int) async throws {
        try await database.transaction { db in
            let row = try await row(id, on: db)
            try await row.delete(on: db)
            try await audit.record(
                .notificationDestinationDeleted, resource: ("notification_destination", String(id)),
                details: ["name": .string(row.name)], on: db)
        }
    }

    /// The secrets a destination signs with, newest first (for the sender only).
    func secrets(of row: NotificationDestination) throws -> [String] {
        try [row.secretEncrypted, row.previousSecretEncrypted].compactMap { $0 }.compactMap {
            try vault.decrypt($0).token
        }
    }

    func seal(_ secret: String) throws -> String {
        try vault.encrypt(CredentialSecret(type: "webhook_secret", token: secret))
    }

    func row(_ id: Int, on db: any Database) async throws -> NotificationDestination {
        guard let row = try await NotificationDestination.find(id, on: db) else {
            throw NotificationError.notFound("destination \(id)")
        }
        return row
    }

    func ensureUnique(_ name: String, except id: Int?, on db: any Database) async throws {
        var query = NotificationDestination.query(on: db)
            .filter(\.$name == name.trimmingCharacters(in: .whitespaces))
        if let id { query = query.filter(\.$id != id) }
        if try await query.count() > 0 {
            throw NotificationError.conflict(field: "name", message: "a destination named '\(name)' exists")
        }
    }
}
