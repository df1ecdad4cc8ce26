import DRMCore
import DRMEngine

/// The JSON Schemas of the targets API's request bodies, for the API document.
enum TargetSchemas {
    /// Text of at most `max` characters with something other than spaces in it (what the checks accept).
    static func text(_ max: Int) -> JSONValue {
        ["type": "string", "minLength": 1, "maxLength": .number(Double(max)), "pattern": "\\S"]
    }

    static let tags: JSONValue = [
        "type": "array", "items": text(50), "maxItems": 50, "uniqueItems": true,
    ]
    static let osType: JSONValue = ["type": "string", "pattern": "^[A-Za-z0-9_-]{1,20}$"]
    static let config = Schema.object(["host": text(253), "port": Schema.integer(1...65535)])

    static let credential = Schema.object(
        [
            "type": Schema.oneOf(CredentialType.allCases.map(\.rawValue)), "username": Schema.string,
            "password": Schema.string, "private_key": Schema.string, "passphrase": Schema.string,
            "token": Schema.string, "certificate": Schema.string,
        ], required: ["type"])

    static let method = Schema.object(
        [
            "method_type": Schema.oneOf(CommunicationMethodConfig.MethodType.allCases.map(\.rawValue)),
            "config": config, "name": text(100), "is_primary": Schema.boolean, "is_active": Schema.boolean,
            "priority": Schema.integer(1...1000), "credential": credential,
        ], required: ["method_type", "config"])

    static let fields: [String: JSONValue] = [
        "name": text(100), "target_type": Schema.oneOf(TargetType.allCases.map(\.rawValue)),
        "os_type": osType, "environment": Schema.oneOf(TargetEnvironment.allCases.map(\.rawValue)),
        "status": Schema.oneOf(TargetStatus.allCases.map(\.rawValue)), "is_active": Schema.boolean,
        "description": Schema.string, "location": Schema.string, "data_center": Schema.string,
        "region": Schema.string, "device_type": Schema.string, "tags": tags,
    ]

    static let create = Schema.object(
        fields.merging([
            "communication_methods": ["type": "array", "items": method, "minItems": 1, "maxItems": 20],
            "template_id": Schema.integer(1...Int(Int32.max)),
        ]) { $1 },
        required: ["name", "communication_methods"])

    static let update = Schema.object(fields)

    static let updateMethod = Schema.object([
        "config": config, "name": text(100),
        "is_primary": Schema.boolean, "is_active": Schema.boolean, "priority": Schema.integer(1...1000),
        "credential": credential, "remove_credential": Schema.boolean,
    ])

    static let importRows = Schema.array(
        Schema.object([
            "name": Schema.string, "host": Schema.string, "port": Schema.integer(1...65535),
            "username": Schema.string, "password": Schema.string, "key_file": Schema.string, "tags": tags,
            "os_type": Schema.string, "environment": Schema.oneOf(TargetImport.environments),
            "description": Schema.string,
        ]))
}
