import DRMCore

/// A Swift enum stored as text (`character varying`) in the database.
public protocol StoredTextEnum: RawRepresentable, CaseIterable, Codable, Sendable where RawValue == String {}

/// A Swift enum stored in a PostgreSQL enum type (and a checked TEXT column on SQLite).
public protocol StoredDatabaseEnum: StoredTextEnum {}

extension StoredTextEnum {
    /// The stored values of every case, in declaration order.
    static var storedValues: [String] { allCases.map(\.rawValue) }
}

extension UserRole: StoredTextEnum {}
extension JobType: StoredDatabaseEnum {}
extension JobStatus: StoredDatabaseEnum {}
extension ExecutionStatus: StoredDatabaseEnum {}
extension ActionType: StoredDatabaseEnum {}
extension LogPhase: StoredDatabaseEnum {}
extension ExecutionLogLevel: StoredDatabaseEnum {}
extension LogCategory: StoredDatabaseEnum {}
extension ScheduleType: StoredDatabaseEnum {}
extension ScheduleStatus: StoredDatabaseEnum {}
extension ScheduleExecutionStatus: StoredDatabaseEnum {}
extension NotificationType: StoredDatabaseEnum {}
extension NotificationStatus: StoredDatabaseEnum {}
extension AlertSeverity: StoredDatabaseEnum {}
extension AlertStatus: StoredDatabaseEnum {}
extension TaskStatus: StoredDatabaseEnum {}
