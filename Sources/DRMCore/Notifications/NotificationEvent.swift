/// The events that can send a notification (`notification_rules.events`, `notification_deliveries.event_type`).
public enum NotificationEvent: String, Sendable, Hashable, Codable, CaseIterable {
    case jobStarted = "job.started"
    case jobSucceeded = "job.succeeded"
    case jobFailed = "job.failed"
    /// A failed run whose previous run succeeded (or the job's first run).
    case jobFirstFailure = "job.first_failure"
    /// A successful run whose previous run failed.
    case jobRecovered = "job.recovered"
    /// A test message sent by hand.
    case test = "notification.test"

    /// The events an execution's end raises, given whether it succeeded and whether the previous run (if any)
    /// succeeded.
    public static func finished(succeeded: Bool, previousSucceeded: Bool?) -> [NotificationEvent] {
        if succeeded {
            return previousSucceeded == false ? [.jobSucceeded, .jobRecovered] : [.jobSucceeded]
        }
        return previousSucceeded == false ? [.jobFailed] : [.jobFailed, .jobFirstFailure]
    }

    /// Words for a subject line.
    public var summary: String {
        switch self {
        case .jobStarted: "started"
        case .jobSucceeded: "succeeded"
        case .jobFailed: "failed"
        case .jobFirstFailure: "started failing"
        case .jobRecovered: "recovered"
        case .test: "test message"
        }
    }
}
