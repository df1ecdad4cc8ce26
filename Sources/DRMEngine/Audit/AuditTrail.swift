import Crypto
public import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// Writes audit events: what happened, to what, by whom, with details whose secrets are redacted, and a checksum
/// of the row so that an edited row can be told.
public struct AuditTrail: Sendable {
    public var context: AuditContext
    public var now: @Sendable () -> Date

    public init(_ context: AuditContext, now: @escaping @Sendable () -> Date = { Date() }) {
        self.context = context
        self.now = now
    }

    /// Records one event on `database` (pass the transaction of the change it describes).
    public func record(
        _ action: AuditAction, outcome: AuditOutcome = .success, severity: AuditSeverity = .info,
        resource: (type: String, id: String?)? = nil, details: JSONValue = [:], on database: any Database
    ) async throws {
        try await event(action, outcome: outcome, severity: severity, resource: resource, details: details)
            .create(on: database)
    }

    /// The row of one event, not yet written (for writing many in one statement).
    public func event(
        _ action: AuditAction, outcome: AuditOutcome = .success, severity: AuditSeverity = .info,
        resource: (type: String, id: String?)? = nil, details: JSONValue = [:]
    ) throws -> AuditEvent {
        let event = AuditEvent()
        // Milliseconds: what every database keeps exactly, so the checksum can be recomputed from the row.
        event.occurredAt = Date(timeIntervalSince1970: (now().timeIntervalSince1970 * 1000).rounded() / 1000)
        event.actorUserID = context.actorUserID
        event.actorName = String(context.actorName.prefix(100))
        event.action = action.rawValue
        event.outcome = outcome.rawValue
        event.severity = severity.rawValue
        event.resourceType = resource?.type
        event.resourceID = resource?.id.map { String($0.prefix(100)) }
        event.ipAddress = context.ipAddress.map { String($0.prefix(45)) }
        event.userAgent = context.userAgent
        event.requestID = context.requestID.map { String($0.prefix(64)) }
        event.details = AuditRedaction.redacted(details)
        event.checksum = try Self.checksum(of: event)
        return event
    }

    /// The SHA-256 (hex) of an event's canonical JSON: every column but `id` and `checksum`, keys sorted.
    public static func checksum(of event: AuditEvent) throws -> String {
        let canonical: JSONValue = [
            "occurred_at": .number((event.occurredAt.timeIntervalSince1970 * 1000).rounded()),
            "actor_user_id": event.actorUserID.map { .number(Double($0)) } ?? .null,
            "actor_name": .string(event.actorName), "action": .string(event.action),
            "outcome": .string(event.outcome), "severity": .string(event.severity),
            "resource_type": event.resourceType.map(JSONValue.string) ?? .null,
            "resource_id": event.resourceID.map(JSONValue.string) ?? .null,
            "ip_address": event.ipAddress.map(JSONValue.string) ?? .null,
            "user_agent": event.userAgent.map(JSONValue.string) ?? .null,
            "request_id": event.requestID.map(JSONValue.string) ?? .null,
            "details": event.details,
        ]
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return SHA256.hash(data: try encoder.encode(canonical)).map { String(format: "%02x", $0) }.joined()
    }

    /// `{"field": {"from": old, "to": new}}` for each field whose value differs; secret fields say only that
    /// they changed.
    public static func changes(_ pairs: [String: (from: JSONValue, to: JSONValue)]) -> JSONValue {
        .object(
            pairs.filter { $0.value.from != $0.value.to }.mapValues { pair in
                ["from": pair.from, "to": pair.to]
            })
    }
}
