import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// A device type to add or change.
struct DeviceTypeRequest: Content {
    var value: String
    var label: String
    var category: String
    var description: String?
    var communicationMethods: [String]?
    var discoveryPorts: [Int]?
    var discoveryServices: [String]?
    var discoveryKeywords: [String]?
    var tags: [String]?
    var isActive: Bool?

    enum CodingKeys: String, CodingKey {
        case value, label, category, description, tags
        case communicationMethods = "communication_methods"
        case discoveryPorts = "discovery_ports"
        case discoveryServices = "discovery_services"
        case discoveryKeywords = "discovery_keywords"
        case isActive = "is_active"
    }

    static let schema = Schema.object(
        [
            "value": Schema.string, "label": Schema.string, "category": Schema.string, "description": Schema.string,
            "communication_methods": ["type": "array", "items": Schema.string],
            "discovery_ports": ["type": "array", "items": Schema.integer(1...65535)],
            "discovery_services": ["type": "array", "items": Schema.string],
            "discovery_keywords": ["type": "array", "items": Schema.string],
            "tags": ["type": "array", "items": Schema.string], "is_active": Schema.boolean,
        ], required: ["value", "label", "category"])

    var draft: DeviceTypeCatalog.Draft {
        DeviceTypeCatalog.Draft(
            value: value, label: label, category: category, description: description,
            communicationMethods: communicationMethods ?? [], discoveryPorts: discoveryPorts ?? [],
            discoveryServices: discoveryServices ?? [], discoveryKeywords: discoveryKeywords ?? [], tags: tags ?? [],
            isActive: isActive ?? true)
    }
}

/// A device type as the API shows it, with how many targets use it.
struct DeviceTypeResponse: Content {
    var id: Int
    var value: String
    var label: String
    var category: String
    var description: String?
    var communicationMethods: JSONValue
    var discoveryPorts: JSONValue
    var discoveryServices: JSONValue
    var discoveryKeywords: JSONValue
    var tags: JSONValue
    var isSystem: Bool
    var isActive: Bool
    var targetCount: Int

    enum CodingKeys: String, CodingKey {
        case id, value, label, category, description, tags
        case communicationMethods = "communication_methods"
        case discoveryPorts = "discovery_ports"
        case discoveryServices = "discovery_services"
        case discoveryKeywords = "discovery_keywords"
        case isSystem = "is_system"
        case isActive = "is_active"
        case targetCount = "target_count"
    }

    init(_ type: DeviceType, usage: [String: Int]) throws {
        id = try type.savedID
        value = type.value
        label = type.label
        category = type.category
        description = type.description
        communicationMethods = type.communicationMethods
        discoveryPorts = type.discoveryPorts
        discoveryServices = type.discoveryServices
        discoveryKeywords = type.discoveryKeywords
        tags = type.tags
        isSystem = type.isSystem
        isActive = type.isActive
        targetCount = usage[type.value] ?? 0
    }
}

/// A device-type category.
struct DeviceTypeCategoryResponse: Content {
    var value: String
    var label: String
    var description: String?
    var color: String?
    var sortOrder: Int?

    enum CodingKeys: String, CodingKey {
        case value, label, description, color
        case sortOrder = "sort_order"
    }

    init(_ category: DeviceTypeCategory) {
        value = category.value
        label = category.label
        description = category.description
        color = category.color
        sortOrder = category.sortOrder
    }
}

/// What `validate` found.
struct ValidationResponse: Content {
    struct Problem: Content {
        var field: String
        var message: String
    }

    var valid: Bool
    var problems: [Problem]
}
