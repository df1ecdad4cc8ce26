extension Migration {
    /// The 35 tables and 15 enum types of the original ENABLEDRM schema, with its exact names and types.
    static let baseline = Migration(
        "0001",
        "baseline: the 35-table ENABLEDRM schema",
        up: EnumType.baseline.map(SchemaOperation.createEnum) + Table.baseline.map(SchemaOperation.createTable)
    )
}

extension EnumType {
    static let baseline: [EnumType] = [
        .jobType, .jobStatus, .executionStatus, .actionType, .logPhase, .logLevel, .logCategory, .scheduleType,
        .scheduleStatus, .executionStatusSchedule, .notificationType, .notificationStatus, .alertSeverity,
        .alertStatus, .taskStatus,
    ]
}

extension Table {
    /// In foreign-key order: each table comes after the tables it references.
    static let baseline: [Table] = [
        .users, .userSessions, .universalTargets, .targetCommunicationMethods, .targetCredentials, .systemSettings,
        .jobs, .jobActions, .jobTargets, .jobExecutions, .jobExecutionBranches, .jobActionResults,
        .jobExecutionLogs, .performanceMetrics, .systemHealthSnapshots, .analyticsAlertRules, .reportTemplates,
        .generatedReports, .discoveryJobs, .discoveredDevices, .discoveryTemplates, .discoverySchedules,
        .jobSchedules, .scheduleExecutions, .notificationTemplates, .notificationLogs, .alertRules, .alertLogs,
        .celeryTaskHistory, .celeryMetricsSnapshots, .deviceTypeCategories, .deviceTypes, .deviceTypeTemplates,
        .deviceTypeUsage, .alembicVersion,
    ]
}
