/// How an audited action ended.
public enum AuditOutcome: String, CaseIterable, Sendable, Codable {
    case success, failure, denied
}
