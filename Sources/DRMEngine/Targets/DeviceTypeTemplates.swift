import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// Saved defaults for new targets (`device_type_templates`): a device type, OS, environment, tags and the port of
/// a method type. A target created from a template takes each default it doesn't set itself; the template's
/// `usage_count` and the user's `device_type_usage` count the use.
public struct DeviceTypeTemplates: Sendable {
    /// What a template fills in.
    public struct Defaults: Codable, Sendable, Equatable {
        public var deviceType: String?
        public var osType: String?
        public var environment: String?
        public var tags: [String]?
        public var methodType: String?
        public var port: Int?

        enum CodingKeys: String, CodingKey {
            case tags, environment, port
            case deviceType = "device_type"
            case osType = "os_type"
            case methodType = "method_type"
        }

        public init(
            deviceType: String? = nil, osType: String? = nil, environment: String? = nil, tags: [String]? = nil,
            methodType: String? = nil, port: Int? = nil
        ) {
            self.deviceType = deviceType
            self.osType = osType
            self.environment = environment
            self.tags = tags
            self.methodType = methodType
            self.port = port
        }

        var json: JSONValue {
            (try? JSONDecoder().decode(JSONValue.self, from: JSONEncoder().encode(self))) ?? [:]
        }

        init(_ json: JSONValue) {
            self = (try? JSONDecoder().decode(Defaults.self, from: JSONEncoder().encode(json))) ?? Defaults()
        }
    }

    /// A template a new target takes its defaults from, as `userID` chose it; `explicit` names the fields the
    /// request set itself (those keep their values).
    public struct Use: Sendable {
        public var id: Int
        public var userID: Int
        public var explicit: Set<String>

        public init(id: Int, userID: Int, explicit: Set<String>) {
            self.id = id
            self.userID = userID
            self.explicit = explicit
        }
    }

    public let database: any Database
    public let audit: AuditTrail
    public var now: @Sendable () -> Date = { Date() }

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// The templates `userID` may use: the public ones and their own.
    public func list(for userID: Int) async throws -> [DeviceTypeTemplate] {
        try await DeviceTypeTemplate.query(on: database)
            .group(.or) { $0.filter(\.$isPublic == true).filter(\.$createdBy == userID) }.sort(\.$name).all()
    }

    /// Saves a template after checking its defaults.
    public func create(
        name: String, description: String?, category: String, defaults: Defaults, isPublic: Bool, by userID: Int
    ) async throws -> DeviceTypeTemplate {
        let trimmed = name.trimmingCharacters(in: .whitespaces)
        guard !trimmed.isEmpty, trimmed.count <= 200 else {
            throw DeviceTypeError.invalid(field: "name", message: "name must be 1–200 characters")
        }
        if try await DeviceTypeCategory.query(on: database).filter(\.$value == category).first() == nil {
            throw DeviceTypeError.invalid(field: "category", message: "no category '\(category)'")
        }
        if let type = defaults.deviceType,
            try await DeviceType.query(on: database).filter(\.$value == type).first() == nil
        {
            throw DeviceTypeError.invalid(field: "defaults.device_type", message: "no device type '\(type)'")
        }
        if let method = defaults.methodType, CommunicationMethodConfig.MethodType(methodType: method) == nil {
            throw DeviceTypeError.invalid(
                field: "defaults.method_type", message: "unknown method '\(method)'")
        }
        if let port = defaults.port, !(1...65535).contains(port) {
            throw DeviceTypeError.invalid(field: "defaults.port", message: "a port must be 1–65535")
        }
        if let environment = defaults.environment, TargetEnvironment(rawValue: environment) == nil {
            throw DeviceTypeError.invalid(
                field: "defaults.environment",
                message: "environment must be production, staging, development or testing")
        }
        let template = DeviceTypeTemplate()
        template.name = trimmed
        template.description = description
        template.category = category
        template.templateConfig = defaults.json
        template.isPublic = isPublic
        template.createdBy = userID
        template.usageCount = 0
        try await database.transaction { db in
            try await template.create(on: db)
            try await audit.record(
                .templateCreated, resource: ("device_type_template", String(try template.requireID())),
                details: ["name": .string(trimmed), "defaults": defaults.json], on: db)
        }
        return template
    }

    /// Removes a template: its author's or, for administrators, anyone's.
    public func delete(_ id: Int, by userID: Int, isAdministrator: Bool) async throws {
        guard let template = try await DeviceTypeTemplate.find(id, on: database),
            isAdministrator || template.createdBy == userID
        else { throw DeviceTypeError.notFound }
        try await database.transaction { db in
            try await template.delete(on: db)
            try await audit.record(.templateDeleted, resource: ("device_type_template", String(id)), on: db)
        }
    }

    /// The defaults of a template `userID` may use.
    public func defaults(of id: Int, for userID: Int) async throws -> Defaults {
        guard let template = try await DeviceTypeTemplate.find(id, on: database),
            template.isPublic || template.createdBy == userID
        else { throw DeviceTypeError.invalid(field: "template_id", message: "no template \(id)") }
        return Defaults(template.templateConfig)
    }

    /// Counts one use of a template (and of its device type by `userID`), on `db` (the creating transaction).
    public func recordUse(of id: Int, by userID: Int, on db: (any Database)? = nil) async throws {
        let database = db ?? database
        guard let template = try await DeviceTypeTemplate.find(id, on: database) else { return }
        template.usageCount = (template.usageCount ?? 0) + 1
        template.lastUsed = now()
        try await template.save(on: database)
        guard let type = Defaults(template.templateConfig).deviceType else { return }
        let usage =
            try await DeviceTypeUsage.query(on: database).filter(\.$userID == userID)
            .filter(\.$deviceTypeValue == type).filter(\.$usageContext == "target_create").first()
            ?? {
                let row = DeviceTypeUsage()
                row.userID = userID
                row.deviceTypeValue = type
                row.usageContext = "target_create"
                row.usageCount = 0
                return row
            }()
        usage.usageCount = (usage.usageCount ?? 0) + 1
        usage.lastUsed = now()
        try await usage.save(on: database)
    }
}

extension DeviceTypeTemplates.Defaults {
    /// `draft` with each default it doesn't set itself: fields still at their defaults take the template's, and a
    /// method of the template's type without a port gets the template's port.
    public func applied(to draft: TargetDraft, explicit: Set<String>) -> TargetDraft {
        var draft = draft
        if !explicit.contains("device_type"), let deviceType { draft.deviceType = deviceType }
        if !explicit.contains("os_type"), let osType { draft.osType = osType }
        if !explicit.contains("environment"), let environment, let value = TargetEnvironment(rawValue: environment) {
            draft.environment = value
        }
        if !explicit.contains("tags"), let tags { draft.tags = tags }
        if let port {
            for index in draft.methods.indices
            where methodType.map({ draft.methods[index].methodType == $0 }) ?? true {
                if case .object(var config) = draft.methods[index].config, config["port"] == nil {
                    config["port"] = .number(Double(port))
                    draft.methods[index].config = .object(config)
                }
            }
        }
        return draft
    }
}
