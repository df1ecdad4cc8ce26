import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// The device-type catalog: the built-in system types (migration 0004), which can't be changed or deleted, and
/// custom types that managers add. How many targets use a type is counted from the targets themselves, so it is
/// never stale.
public struct DeviceTypeCatalog: Sendable {
    /// A custom device type as submitted, before validation.
    public struct Draft: Sendable {
        public var value: String
        public var label: String
        public var category: String
        public var description: String?
        public var communicationMethods: [String]
        public var discoveryPorts: [Int]
        public var discoveryServices: [String]
        public var discoveryKeywords: [String]
        public var tags: [String]
        public var isActive: Bool

        public init(
            value: String, label: String, category: String, description: String? = nil,
            communicationMethods: [String] = [], discoveryPorts: [Int] = [], discoveryServices: [String] = [],
            discoveryKeywords: [String] = [], tags: [String] = [], isActive: Bool = true
        ) {
            self.value = value
            self.label = label
            self.category = category
            self.description = description
            self.communicationMethods = communicationMethods
            self.discoveryPorts = discoveryPorts
            self.discoveryServices = discoveryServices
            self.discoveryKeywords = discoveryKeywords
            self.tags = tags
            self.isActive = isActive
        }
    }

    public let database: any Database
    public let audit: AuditTrail

    public init(database: any Database, audit: AuditTrail) {
        self.database = database
        self.audit = audit
    }

    /// Every problem with `draft`, first one first; empty when it can be saved.
    public func problems(with draft: Draft) async throws -> [DeviceTypeError] {
        var problems: [DeviceTypeError] = []
        if draft.value.wholeMatch(of: /[a-z][a-z0-9_]{1,99}/) == nil {
            problems.append(
                .invalid(field: "value", message: "value must be 2–100 of a–z, 0–9 and _, starting with a letter"))
        }
        if draft.label.trimmingCharacters(in: .whitespaces).isEmpty || draft.label.count > 200 {
            problems.append(.invalid(field: "label", message: "label must be 1–200 characters"))
        }
        let category = try await DeviceTypeCategory.query(on: database).filter(\.$value == draft.category)
            .filter(\.$isActive == true).first()
        if category == nil { problems.append(.invalid(field: "category", message: "no category '\(draft.category)'")) }
        for (index, method) in draft.communicationMethods.enumerated()
        where CommunicationMethodConfig.MethodType(methodType: method) == nil {
            let known = CommunicationMethodConfig.MethodType.allCases.map(\.rawValue).joined(separator: ", ")
            problems.append(
                .invalid(
                    field: "communication_methods[\(index)]", message: "unknown method '\(method)'; one of \(known)"))
        }
        for (index, port) in draft.discoveryPorts.enumerated() where !(1...65535).contains(port) {
            problems.append(.invalid(field: "discovery_ports[\(index)]", message: "a port must be 1–65535"))
        }
        return problems
    }

    /// Adds a custom type.
    public func create(_ draft: Draft, by userID: Int?) async throws -> DeviceType {
        if let problem = try await problems(with: draft).first { throw problem }
        if try await DeviceType.query(on: database).filter(\.$value == draft.value).first() != nil {
            throw DeviceTypeError.conflict(field: "value", message: "a device type '\(draft.value)' exists")
        }
        let type = DeviceType()
        type.isSystem = false
        type.createdBy = userID
        apply(draft, to: type)
        try await database.transaction { db in
            try await type.create(on: db)
            try await audit.record(
                .deviceTypeCreated, resource: ("device_type", draft.value), details: ["label": .string(draft.label)],
                on: db)
        }
        return type
    }

    /// Replaces a custom type's definition (its `value` stays).
    public func update(_ id: Int, with draft: Draft) async throws -> DeviceType {
        let type = try await mutable(id)
        var draft = draft
        draft.value = type.value
        if let problem = try await problems(with: draft).first { throw problem }
        let before: JSONValue = ["label": .string(type.label), "category": .string(type.category)]
        apply(draft, to: type)
        try await database.transaction { db in
            try await type.save(on: db)
            try await audit.record(
                .deviceTypeUpdated, resource: ("device_type", type.value),
                details: ["before": before, "label": .string(type.label), "category": .string(type.category)], on: db)
        }
        return type
    }

    /// Removes a custom type no target uses.
    public func delete(_ id: Int) async throws {
        let type = try await mutable(id)
        let users = try await Target.query(on: database).filter(\.$deviceType == type.value).count()
        guard users == 0 else {
            throw DeviceTypeError.conflict(field: "id", message: "\(users) target(s) use device type '\(type.value)'")
        }
        try await database.transaction { db in
            try await type.delete(on: db)
            try await audit.record(.deviceTypeDeleted, resource: ("device_type", type.value), on: db)
        }
    }

    /// How many targets use each type.
    public func usage() async throws -> [String: Int] {
        try await Target.query(on: database).filter(\.$deviceType != nil).all(\.$deviceType)
            .compactMap { $0 }.reduce(into: [:]) { $0[$1, default: 0] += 1 }
    }

    func mutable(_ id: Int) async throws -> DeviceType {
        guard let type = try await DeviceType.find(id, on: database) else { throw DeviceTypeError.notFound }
        guard !type.isSystem else {
            throw DeviceTypeError.conflict(
                field: "id", message: "'\(type.value)' is a built-in device type and can't be changed")
        }
        return type
    }

    func apply(_ draft: Draft, to type: DeviceType) {
        type.value = draft.value
        type.label = draft.label
        type.category = draft.category
        type.description = draft.description
        type.communicationMethods = .array(draft.communicationMethods.map { .string($0) })
        type.discoveryPorts = .array(draft.discoveryPorts.map { .number(Double($0)) })
        type.discoveryOids = []
        type.discoveryServices = .array(draft.discoveryServices.map { .string($0) })
        type.discoveryKeywords = .array(draft.discoveryKeywords.map { .string($0) })
        type.tags = .array(draft.tags.map { .string($0) })
        type.isActive = draft.isActive
        type.searchVector =
            ([draft.value, draft.label, draft.category, draft.description ?? ""]
            + draft.communicationMethods + draft.discoveryServices + draft.discoveryKeywords + draft.tags)
            .joined(separator: " ").lowercased()
    }
}
