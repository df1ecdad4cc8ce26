import DRMCore
import DRMEngine
import Foundation
import Vapor

/// `POST /api/v1/discovery/runs` and `POST /api/v1/discovery/templates`: what to sweep. A run takes a template's
/// configuration with `template_id`; fields given beside it override the template's.
struct DiscoveryRunRequest: Content, Sendable {
    var name: String?
    var description: String?
    var templateID: Int?
    var range: String?
    var exclude: String?
    var ports: String?
    var concurrency: Int?
    var rate: Int?
    var timeoutMS: Int?
    var retries: Int?
    var allowLarge: Bool?
    var resolveNames: Bool?

    enum CodingKeys: String, CodingKey {
        case name, description, range, exclude, ports, concurrency, rate, retries
        case templateID = "template_id"
        case timeoutMS = "timeout_ms"
        case allowLarge = "allow_large"
        case resolveNames = "resolve_names"
    }

    /// The request, on top of `base` (a template's) when given; `range` is required without one.
    func request(over base: DiscoveryRequest?) throws -> DiscoveryRequest {
        guard let range = range ?? base?.range else {
            throw DiscoveryError.invalid(field: "range", message: "is required (or give template_id)")
        }
        var request = base ?? DiscoveryRequest(range: range)
        request.range = range
        if let exclude { request.exclude = exclude }
        if let ports { request.ports = ports }
        if let concurrency { request.concurrency = concurrency }
        if let rate { request.rate = rate }
        if let timeoutMS { request.timeoutMS = timeoutMS }
        if let retries { request.retries = retries }
        if let allowLarge { request.allowLarge = allowLarge }
        if let resolveNames { request.resolveNames = resolveNames }
        return request
    }
}

/// `POST /api/v1/discovery/runs/{id}/review`: accept or ignore devices.
struct DiscoveryReviewRequest: Content, Sendable {
    var deviceIDs: [Int]
    var state: DeviceReviewState

    enum CodingKeys: String, CodingKey {
        case state
        case deviceIDs = "device_ids"
    }
}

/// `POST /api/v1/discovery/runs/{id}/import`: the devices to import and how.
struct DiscoveryImportRequest: Content, Sendable {
    struct Device: Content, Sendable {
        var deviceID: Int
        var name: String?
        var methods: [String]?
        var environment: TargetEnvironment?
        var tags: [String]?
        var deviceType: String?

        enum CodingKeys: String, CodingKey {
            case name, methods, environment, tags
            case deviceID = "device_id"
            case deviceType = "device_type"
        }
    }

    var devices: [Device]

    var selections: [DiscoveryImportSelection] {
        devices.map {
            DiscoveryImportSelection(
                deviceID: $0.deviceID, name: $0.name, methods: $0.methods, environment: $0.environment ?? .development,
                tags: $0.tags ?? [], deviceType: $0.deviceType)
        }
    }
}

/// A stored run in responses.
struct DiscoveryRunResponse: Content {
    var id: Int
    var serial: String
    var name: String
    var status: String
    var config: DiscoveryRequest
    var templateID: Int?
    var phase: String?
    var progressDone: Int
    var progressTotal: Int
    var openPorts: Int
    var hostsFound: Int
    var cancelRequested: Bool
    var createdBy: Int
    var createdAt: Date?
    var startedAt: Date?
    var completedAt: Date?
    var errorMessage: String?

    enum CodingKeys: String, CodingKey {
        case id, serial, name, status, config, phase
        case templateID = "template_id"
        case progressDone = "progress_done"
        case progressTotal = "progress_total"
        case openPorts = "open_ports"
        case hostsFound = "hosts_found"
        case cancelRequested = "cancel_requested"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case startedAt = "started_at"
        case completedAt = "completed_at"
        case errorMessage = "error_message"
    }

    init(_ record: DiscoveryRunRecord) {
        id = record.id
        serial = record.serial
        name = record.name
        status = record.status.rawValue
        config = record.request
        templateID = record.templateID
        phase = record.phase
        progressDone = record.progressDone
        progressTotal = record.progressTotal
        openPorts = record.openPorts
        hostsFound = record.hostsFound
        cancelRequested = record.cancelRequested
        createdBy = record.createdBy
        createdAt = record.createdAt
        startedAt = record.startedAt
        completedAt = record.completedAt
        errorMessage = record.errorMessage
    }
}

/// A discovered device in responses: the `enabledrm discover` object's facts plus the review.
struct DiscoveryDeviceResponse: Content {
    var id: Int
    var runID: Int
    var ip: String
    var hostname: String?
    var openPorts: [Int]
    var services: [String: String]
    var deviceClass: String?
    var deviceType: String
    var confidence: Double
    var reasons: [String]
    var suggestedMethods: [String]
    var details: [String: [String: String]]
    var reviewState: String
    var inventoryStatus: String
    var changes: [String]
    var targetID: Int?
    var targetName: String?
    var matchedBy: String?

    enum CodingKeys: String, CodingKey {
        case id, ip, hostname, services, confidence, reasons, details, changes
        case runID = "run_id"
        case openPorts = "open_ports"
        case deviceClass = "device_class"
        case deviceType = "device_type"
        case suggestedMethods = "suggested_methods"
        case reviewState = "review_state"
        case inventoryStatus = "inventory_status"
        case targetID = "target_id"
        case targetName = "target_name"
        case matchedBy = "matched_by"
    }

    init(_ record: DiscoveryDeviceRecord) {
        let host = record.host
        id = record.id
        runID = record.runID
        ip = host.address
        hostname = host.hostname
        openPorts = host.openPorts
        services = Dictionary(uniqueKeysWithValues: host.services.map { ("\($0.port)", $0.service.rawValue) })
        deviceClass = host.classification.deviceClass?.rawValue
        deviceType = host.classification.deviceType
        confidence = host.classification.confidence
        reasons = host.classification.reasons
        suggestedMethods = host.classification.suggestedMethods
        details = Dictionary(
            uniqueKeysWithValues: host.services.map { service in
                var facts = service.details
                if let product = service.product { facts["product"] = product }
                return ("\(service.port)", facts)
            })
        reviewState = record.reviewState.rawValue
        inventoryStatus = record.inventory.rawValue
        changes = record.changes
        targetID = record.targetID
        targetName = record.targetName
        matchedBy = record.matchedBy
    }
}

/// A target of the swept range that didn't answer.
struct GoneTargetResponse: Content {
    var targetID: Int
    var name: String
    var address: String

    enum CodingKeys: String, CodingKey {
        case name, address
        case targetID = "target_id"
    }

    init(_ gone: DiscoveryReview.GoneTarget) {
        targetID = gone.id
        name = gone.name
        address = gone.address
    }
}

/// A template in responses.
struct DiscoveryTemplateResponse: Content {
    var id: Int
    var name: String
    var description: String?
    var config: DiscoveryRequest
    var createdBy: Int
    var createdAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, name, description, config
        case createdBy = "created_by"
        case createdAt = "created_at"
    }

    init(_ record: DiscoveryTemplateRecord) {
        id = record.id
        name = record.name
        description = record.description
        config = record.request
        createdBy = record.createdBy
        createdAt = record.createdAt
    }
}

/// The import's outcome: the targets made, one per device in the order given.
struct DiscoveryImportResponse: Content {
    var targets: [TargetResponse]
}

enum DiscoverySchemas {
    static let config: [String: JSONValue] = [
        "range": Schema.string, "exclude": Schema.string, "ports": Schema.string,
        "concurrency": Schema.integer(1...4096), "rate": Schema.integer(1...1_000_000),
        "timeout_ms": Schema.integer(10...60_000), "retries": Schema.integer(0...5), "allow_large": Schema.boolean,
        "resolve_names": Schema.boolean,
    ]
    static let run = Schema.object(
        config.merging(
            ["name": Schema.string, "description": Schema.string, "template_id": Schema.integer(1...Int(Int32.max))]
        ) { $1 })
    static let template = Schema.object(
        config.merging(["name": Schema.string, "description": Schema.string]) { $1 }, required: ["name", "range"])
    static let review = Schema.object(
        [
            "device_ids": Schema.array(Schema.integer(1...Int(Int32.max))),
            "state": Schema.oneOf(["pending", "accepted", "ignored"]),
        ], required: ["device_ids", "state"])
    static let importDevices = Schema.object(
        [
            "devices": Schema.array(
                Schema.object(
                    [
                        "device_id": Schema.integer(1...Int(Int32.max)), "name": Schema.string,
                        "methods": Schema.array(Schema.oneOf(["ssh", "winrm", "rest_api", "smtp", "postgresql"])),
                        "environment": Schema.oneOf(TargetEnvironment.allCases.map(\.rawValue)),
                        "tags": Schema.array(Schema.string), "device_type": Schema.string,
                    ], required: ["device_id"]))
        ], required: ["devices"])
}
