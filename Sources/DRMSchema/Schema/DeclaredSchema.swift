extension DatabaseSchema {
    /// The schema EnableDRM declares (enum types, tables, views): the single source of truth for head. The migration chain must arrive at
    /// exactly this schema (a test and `.ci/run` check it); to change it, edit the tables, then write the migration
    /// with `enabledrm db revision --autogenerate`.
    public static let declared = DatabaseSchema(
        enums: EnumType.declared, tables: Table.declared, views: DatabaseView.declared)
}

extension EnumType {
    /// Every declared enum type.
    public static let declared: [EnumType] = [
        .jobType, .jobStatus, .executionStatus, .actionType, .logPhase, .logLevel, .logCategory, .scheduleType,
        .scheduleStatus, .executionStatusSchedule, .notificationType, .notificationStatus, .alertSeverity,
        .alertStatus, .taskStatus,
    ]
}

extension Table {
    /// Every declared table, in foreign-key order: each comes after the tables it references.
    public static let declared: [Table] = [
        .users, .userSessions, .universalTargets, .targetCommunicationMethods, .targetCredentials, .systemSettings,
        .jobs, .jobActions, .jobTargets, .jobExecutions, .jobExecutionBranches, .jobActionResults,
        .jobExecutionLogs, .performanceMetrics, .systemHealthSnapshots, .analyticsAlertRules, .reportTemplates,
        .generatedReports, .discoveryJobs, .discoveredDevices, .discoveryTemplates, .discoverySchedules,
        .jobSchedules, .scheduleExecutions, .notificationTemplates, .notificationLogs, .alertRules,
        .alertLogs,
        .celeryTaskHistory, .celeryMetricsSnapshots, .deviceTypeCategories, .deviceTypes, .deviceTypeTemplates,
        .deviceTypeUsage, .alembicVersion,
        // Added by migration 0002.
        .auditEvents,
        // Added by migration 0006.
        .loginThrottles,
        // Added by migration 0010.
        .schedulerLeases,
        // Added by migration 0012.
        .notificationDestinations, .notificationRules, .notificationDeliveries,
    ]
}
