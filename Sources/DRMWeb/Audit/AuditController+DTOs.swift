import DRMCore
import DRMStore
import Foundation
import Vapor

/// One audit event as the API shows it.
struct AuditEventResponse: Content {
    var id: Int
    var occurredAt: Date
    var actorUserID: Int?
    var actorName: String
    var action: String
    var outcome: String
    var severity: String
    var resourceType: String?
    var resourceID: String?
    var ipAddress: String?
    var userAgent: String?
    var requestID: String?
    var details: JSONValue
    var checksum: String

    enum CodingKeys: String, CodingKey {
        case id, action, outcome, severity, details, checksum
        case occurredAt = "occurred_at"
        case actorUserID = "actor_user_id"
        case actorName = "actor_name"
        case resourceType = "resource_type"
        case resourceID = "resource_id"
        case ipAddress = "ip_address"
        case userAgent = "user_agent"
        case requestID = "request_id"
    }

    init(_ event: AuditEvent) {
        id = event.id ?? 0
        occurredAt = event.occurredAt
        actorUserID = event.actorUserID
        actorName = event.actorName
        action = event.action
        outcome = event.outcome
        severity = event.severity
        resourceType = event.resourceType
        resourceID = event.resourceID
        ipAddress = event.ipAddress
        userAgent = event.userAgent
        requestID = event.requestID
        details = event.details
        checksum = event.checksum
    }

    static let csvHeader = [
        "id", "occurred_at", "actor_name", "actor_user_id", "action", "outcome", "severity", "resource_type",
        "resource_id", "ip_address", "user_agent", "request_id", "details", "checksum",
    ]

    /// RFC 4180 CSV with a header row; `details` as compact JSON in one cell.
    static func csv(_ events: [AuditEventResponse]) -> String {
        let time = ISO8601DateFormatter()
        time.formatOptions.insert(.withFractionalSeconds)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        var rows = [csvHeader]
        for event in events {
            let details = (try? encoder.encode(event.details)).map { String(decoding: $0, as: UTF8.self) } ?? "{}"
            let cells: [String?] = [
                String(event.id), time.string(from: event.occurredAt), event.actorName,
                event.actorUserID.map(String.init),
                event.action, event.outcome, event.severity, event.resourceType, event.resourceID, event.ipAddress,
                event.userAgent, event.requestID, details, event.checksum,
            ]
            rows.append(cells.map { $0 ?? "" })
        }
        return CSV.write(rows)
    }
}
