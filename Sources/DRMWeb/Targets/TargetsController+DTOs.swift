import DRMCore
import DRMEngine
import DRMStore
import Vapor

/// A credential in a request: its type and the secret fields it needs. Never echoed back.
struct CredentialRequest: Content {
    var type: CredentialType
    var username: String?
    var password: String?
    var privateKey: String?
    var passphrase: String?
    var token: String?
    var certificate: String?

    enum CodingKeys: String, CodingKey {
        case type, username, password, passphrase, token, certificate
        case privateKey = "private_key"
    }

    var input: CredentialInput {
        CredentialInput(
            type: type, username: username, password: password, privateKey: privateKey, passphrase: passphrase,
            token: token, certificate: certificate)
    }
}

/// A communication method in `POST /api/v1/targets` or `POST /api/v1/targets/:id/methods`.
struct MethodRequest: Content {
    var methodType: String
    var config: JSONValue
    var name: String?
    var isPrimary: Bool?
    var isActive: Bool?
    var priority: Int?
    var credential: CredentialRequest?

    enum CodingKeys: String, CodingKey {
        case config, name, priority, credential
        case methodType = "method_type"
        case isPrimary = "is_primary"
        case isActive = "is_active"
    }

    var draft: MethodDraft {
        MethodDraft(
            methodType: methodType, config: config, name: name, isPrimary: isPrimary, isActive: isActive ?? true,
            priority: priority ?? 1, credential: credential?.input)
    }
}

/// `POST /api/v1/targets`.
struct CreateTargetRequest: Content {
    var name: String
    var targetType: TargetType?
    var osType: String?
    var environment: TargetEnvironment?
    var status: TargetStatus?
    var isActive: Bool?
    var description: String?
    var location: String?
    var dataCenter: String?
    var region: String?
    var deviceType: String?
    var tags: [String]?
    var communicationMethods: [MethodRequest]
    /// A device-type template whose defaults fill what this request leaves out.
    var templateID: Int?

    enum CodingKeys: String, CodingKey {
        case name, environment, status, description, location, region, tags
        case templateID = "template_id"
        case targetType = "target_type"
        case osType = "os_type"
        case isActive = "is_active"
        case dataCenter = "data_center"
        case deviceType = "device_type"
        case communicationMethods = "communication_methods"
    }

    /// The fields the request sets itself (a template fills only the others).
    var explicit: Set<String> {
        var fields: Set<String> = []
        if osType != nil { fields.insert("os_type") }
        if environment != nil { fields.insert("environment") }
        if deviceType != nil { fields.insert("device_type") }
        if tags != nil { fields.insert("tags") }
        return fields
    }

    var draft: TargetDraft {
        TargetDraft(
            name: name, targetType: targetType ?? .system, osType: osType ?? "linux",
            environment: environment ?? .development, status: status ?? .active, isActive: isActive ?? true,
            description: description, location: location, dataCenter: dataCenter, region: region,
            deviceType: deviceType, tags: tags ?? [], methods: communicationMethods.map(\.draft))
    }
}

/// `PATCH /api/v1/targets/:id`: only the fields given change; an empty text clears an optional field.
struct UpdateTargetRequest: Content {
    var name: String?
    var targetType: TargetType?
    var osType: String?
    var environment: TargetEnvironment?
    var status: TargetStatus?
    var isActive: Bool?
    var description: String?
    var location: String?
    var dataCenter: String?
    var region: String?
    var deviceType: String?
    var tags: [String]?

    enum CodingKeys: String, CodingKey {
        case name, environment, status, description, location, region, tags
        case targetType = "target_type"
        case osType = "os_type"
        case isActive = "is_active"
        case dataCenter = "data_center"
        case deviceType = "device_type"
    }

    var changes: TargetChanges {
        TargetChanges(
            name: name, targetType: targetType, osType: osType, environment: environment, status: status,
            isActive: isActive, description: description, location: location, dataCenter: dataCenter,
            region: region, deviceType: deviceType, tags: tags)
    }
}

/// `PATCH /api/v1/targets/:id/methods/:method_id`.
struct UpdateMethodRequest: Content {
    var config: JSONValue?
    var name: String?
    var isPrimary: Bool?
    var isActive: Bool?
    var priority: Int?
    var credential: CredentialRequest?
    var removeCredential: Bool?

    enum CodingKeys: String, CodingKey {
        case config, name, priority, credential
        case isPrimary = "is_primary"
        case isActive = "is_active"
        case removeCredential = "remove_credential"
    }

    var changes: MethodChanges {
        MethodChanges(
            config: config, name: name, isPrimary: isPrimary, isActive: isActive, priority: priority,
            credential: credential?.input, removeCredential: removeCredential ?? false)
    }
}

/// `PUT /api/v1/targets/:id/methods/:method_id/host-key`.
struct HostKeyRequest: Content {
    var hostKey: String

    enum CodingKeys: String, CodingKey {
        case hostKey = "host_key"
    }
}

/// A credential as the API shows it: metadata only.
struct CredentialResponse: Content {
    var type: String
    var username: String?
    var hasPassword: Bool
    var hasPrivateKey: Bool
    var hasPassphrase: Bool
    var hasToken: Bool
    var hasCertificate: Bool
    var keyFingerprint: String?
    var readable: Bool

    enum CodingKeys: String, CodingKey {
        case type, username, readable
        case hasPassword = "has_password"
        case hasPrivateKey = "has_private_key"
        case hasPassphrase = "has_passphrase"
        case hasToken = "has_token"
        case hasCertificate = "has_certificate"
        case keyFingerprint = "key_fingerprint"
    }

    init(_ summary: CredentialSummary) {
        type = summary.type
        username = summary.username
        hasPassword = summary.hasPassword
        hasPrivateKey = summary.hasPrivateKey
        hasPassphrase = summary.hasPassphrase
        hasToken = summary.hasToken
        hasCertificate = summary.hasCertificate
        keyFingerprint = summary.keyFingerprint
        readable = summary.readable
    }
}

/// The outcome of a method's last connection test.
struct MethodTestResponse: Content {
    var testedAt: Date
    var success: Bool?
    var category: String?
    var message: String?
    var latencyMS: Int?

    enum CodingKeys: String, CodingKey {
        case success, category, message
        case testedAt = "tested_at"
        case latencyMS = "latency_ms"
    }
}

/// A communication method as the API shows it.
struct MethodResponse: Content {
    var id: Int
    var methodType: String
    var name: String
    var isPrimary: Bool
    var isActive: Bool
    var priority: Int?
    var config: JSONValue
    var hostKey: String?
    var lastTest: MethodTestResponse?
    var credential: CredentialResponse?

    enum CodingKeys: String, CodingKey {
        case id, name, priority, config, credential
        case methodType = "method_type"
        case isPrimary = "is_primary"
        case isActive = "is_active"
        case hostKey = "host_key"
        case lastTest = "last_test"
    }

    init(_ record: MethodRecord) throws {
        let method = record.method
        id = try method.savedID
        methodType = method.methodType
        name = method.methodName
        isPrimary = method.isPrimary
        isActive = method.isActive
        priority = method.priority
        config = method.config
        hostKey = method.hostKey
        lastTest = method.lastTestedAt.map {
            MethodTestResponse(
                testedAt: $0, success: method.lastTestSuccess, category: method.lastTestCategory,
                message: method.lastTestMessage, latencyMS: method.lastTestLatencyMS)
        }
        credential = record.credential.map(CredentialResponse.init)
    }
}

/// A target as the API shows it, with its methods.
struct TargetResponse: Content {
    var id: Int
    var uuid: UUID
    var serial: String
    var name: String
    var targetType: String
    var osType: String
    var environment: String
    var status: String
    var healthStatus: String
    var isActive: Bool
    var description: String?
    var location: String?
    var dataCenter: String?
    var region: String?
    var deviceType: String?
    var tags: [String]
    var createdAt: Date?
    var updatedAt: Date?
    var communicationMethods: [MethodResponse]

    enum CodingKeys: String, CodingKey {
        case id, uuid, serial, name, environment, status, description, location, region, tags
        case targetType = "target_type"
        case osType = "os_type"
        case healthStatus = "health_status"
        case isActive = "is_active"
        case dataCenter = "data_center"
        case deviceType = "device_type"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
        case communicationMethods = "communication_methods"
    }

    init(_ record: TargetRecord) throws {
        let target = record.target
        id = try target.savedID
        uuid = target.targetUUID
        serial = target.targetSerial
        name = target.name
        targetType = target.targetType
        osType = target.osType
        environment = target.environment
        status = target.status
        healthStatus = target.healthStatus
        isActive = target.isActive
        description = target.description
        location = target.location
        dataCenter = target.dataCenter
        region = target.region
        deviceType = target.deviceType
        tags = record.tags
        createdAt = target.createdAt
        updatedAt = target.updatedAt
        communicationMethods = try record.methods.map(MethodResponse.init)
    }
}

/// `POST /api/v1/targets/import`: which rows went in and which didn't.
struct ImportResponse: Content {
    struct Imported: Content {
        var row: Int
        var id: Int
        var serial: String
        var name: String
    }

    struct Rejected: Content {
        var row: Int
        var reasons: [String]
    }

    var atomic: Bool
    var committed: Bool
    var summary: String
    var imported: [Imported]
    var rejected: [Rejected]

    init(_ report: TargetImportReport) {
        atomic = report.atomic
        committed = !(report.atomic && !report.rejected.isEmpty)
        summary = report.summary
        imported = report.imported.map { Imported(row: $0.row, id: $0.targetID, serial: $0.serial, name: $0.name) }
        rejected = report.rejected.map { Rejected(row: $0.row, reasons: $0.reasons) }
    }
}
