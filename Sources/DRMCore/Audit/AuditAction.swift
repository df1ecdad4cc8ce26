/// What an audit event records. The raw value is what `audit_events.action` holds and what the API filters on.
public enum AuditAction: String, CaseIterable, Sendable, Codable {
    case login = "auth.login"
    case loginFailed = "auth.login_failed"
    /// A log-in refused because of too many failures (the original's `account_locked`).
    case loginThrottled = "auth.login_throttled"
    case logout = "auth.logout"
    case sessionRevoked = "session.revoke"
    /// A signed-in user asked for something their role doesn't allow.
    case permissionDenied = "permission.denied"
    case userCreated = "user.create"
    case userUpdated = "user.update"
    /// The log-in throttle's locks and counts of an account were cleared (`enabledrm user unlock`).
    case userUnlocked = "user.unlock"
    case settingsUpdated = "settings.update"
    case auditExported = "audit.export"
    case targetCreated = "target.create"
    case targetUpdated = "target.update"
    case targetDeleted = "target.delete"
    case targetsImported = "target.import"
    case targetsExported = "target.export"
    /// A credential was decrypted for use (a connection test or a job), not for display.
    case credentialAccessed = "credential.access"
    case credentialUpdated = "credential.update"
    /// An SSH host key was pinned on a communication method.
    case hostKeyAccepted = "host_key.accept"
    /// An SSH host key was unpinned from a communication method.
    case hostKeyForgotten = "host_key.forget"
    case connectionTested = "target.connection_test"
    case deviceTypeCreated = "device_type.create"
    case deviceTypeUpdated = "device_type.update"
    case deviceTypeDeleted = "device_type.delete"
    case templateCreated = "device_type_template.create"
    case templateDeleted = "device_type_template.delete"
    case jobCreated = "job.create"
    case jobUpdated = "job.update"
    case jobDeleted = "job.delete"
    /// A job (or an ad-hoc command) was started: an execution was queued.
    case jobExecuted = "job.execute"
    case scheduleCreated = "schedule.create"
    case scheduleUpdated = "schedule.update"
    case scheduleDeleted = "schedule.delete"
    case schedulePaused = "schedule.pause"
    case scheduleResumed = "schedule.resume"
    case scheduleTriggered = "schedule.trigger"
    case executionCancelled = "execution.cancel"
    /// An execution ended (its outcome says how).
    case executionFinished = "execution.finish"
    case discoveryStarted = "discovery.run"
    case discoveryCancelled = "discovery.cancel"
    case discoveryReviewed = "discovery.review"
    case discoveryImported = "discovery.import"
    case discoveryTemplateCreated = "discovery_template.create"
    case discoveryTemplateDeleted = "discovery_template.delete"
    case notificationDestinationCreated = "notification_destination.create"
    case notificationDestinationUpdated = "notification_destination.update"
    case notificationDestinationDeleted = "notification_destination.delete"
    /// A destination was disabled because its deliveries kept failing.
    case notificationDestinationDisabled = "notification_destination.disable"
    case notificationTemplateCreated = "notification_template.create"
    case notificationRuleCreated = "notification_rule.create"
    case notificationRuleDeleted = "notification_rule.delete"
    /// A delivery was sent again, or a test message sent, by hand.
    case notificationSent = "notification.send"
    /// Retention deleted old data (the counts per kind are in the details).
    case retentionPurged = "retention.purge"
    /// An execution was pinned (kept forever) or unpinned.
    case executionPinned = "execution.pin"
    case executionUnpinned = "execution.unpin"
    /// A report was generated.
    case reportGenerated = "report.generate"
}
