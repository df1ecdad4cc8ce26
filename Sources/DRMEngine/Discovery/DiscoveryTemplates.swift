public import DRMCore
import DRMStore
public import FluentKit
public import Foundation

/// Saved discovery configurations (`discovery_templates`): create, list, read, delete. A template's request is
/// checked like a run's when it is saved, so a run started from it fails only if the allowed ranges changed.
public struct DiscoveryTemplates: Sendable {
    public let database: any Database
    public let audit: AuditTrail
    public var allowed: ScanRange?

    public init(database: any Database, audit: AuditTrail, allowed: ScanRange? = nil) {
        self.database = database
        self.audit = audit
        self.allowed = allowed
    }

    /// Saves a template; the name must be new among active templates.
    public func create(name: String, description: String? = nil, request: DiscoveryRequest, createdBy: Int)
        async throws -> DiscoveryTemplateRecord
    {
        let name = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard (1...255).contains(name.count) else {
            throw DiscoveryError.invalid(field: "name", message: "must be 1…255 characters")
        }
        do {
            _ = try request.plan(within: allowed)
        } catch {
            throw DiscoveryError(error)
        }
        let id = try await database.transaction { db in
            let taken = try await DiscoveryTemplate.query(on: db).filter(\.$name == name).filter(\.$isActive == true)
                .first()
            if taken != nil {
                throw DiscoveryError.conflict(field: "name", message: "a template named '\(name)' exists")
            }
            let row = DiscoveryTemplate()
            row.templateUUID = UUID()
            row.templateSerial = "TMPL-" + row.templateUUID.uuidString.lowercased()
            row.name = name
            row.description = description
            row.discoveryType = "network_scan"
            row.templateConfig = try JSONValue(encoding: request)
            row.isActive = true
            row.createdBy = createdBy
            try await row.create(on: db)
            let id = try row.requireID()
            try await audit.record(
                .discoveryTemplateCreated, resource: ("discovery_template", String(id)),
                details: ["name": .string(name), "range": .string(request.range)], on: db)
            return id
        }
        return try await detail(id)
    }

    /// Active templates by name.
    public func list() async throws -> [DiscoveryTemplateRecord] {
        try await DiscoveryTemplate.query(on: database).filter(\.$isActive == true).sort(\.$name).all()
            .map(DiscoveryTemplateRecord.init)
    }

    public func detail(_ id: Int) async throws -> DiscoveryTemplateRecord {
        guard let row = try await DiscoveryTemplate.find(id, on: database), row.isActive != false else {
            throw DiscoveryError.notFound("template \(id)")
        }
        return try DiscoveryTemplateRecord(row)
    }

    /// Deletes a template (its runs keep their own copy of the configuration).
    public func delete(_ id: Int) async throws {
        try await database.transaction { db in
            guard let row = try await DiscoveryTemplate.find(id, on: db) else {
                throw DiscoveryError.notFound("template \(id)")
            }
            let name = row.name
            try await row.delete(on: db)
            try await audit.record(
                .discoveryTemplateDeleted, resource: ("discovery_template", String(id)),
                details: ["name": .string(name)], on: db)
        }
    }
}
