/// How much an audit event matters (the original's severities).
public enum AuditSeverity: String, CaseIterable, Sendable, Codable {
    case info, low, medium, high, critical
}
