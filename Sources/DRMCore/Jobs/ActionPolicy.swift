public import Foundation

/// How an action is run: its time-out, retries and what a failure does to the rest of its branch.
public struct ActionPolicy: Sendable, Hashable {
    /// Seconds before the action is stopped (default 300).
    public var timeoutSeconds: Int
    /// Whether the branch goes on with its next action after this one fails.
    public var continueOnError: Bool
    /// How many times a failed attempt is tried again (0…10).
    public var retries: Int
    /// The pause before the first retry; each further one doubles it.
    public var retryBackoffSeconds: Double
    /// Whether running the action twice is harmless, so a branch lost with its worker may run again.
    public var idempotent: Bool

    public init(
        timeoutSeconds: Int = 300, continueOnError: Bool = false, retries: Int = 0, retryBackoffSeconds: Double = 1,
        idempotent: Bool = false
    ) {
        self.timeoutSeconds = timeoutSeconds
        self.continueOnError = continueOnError
        self.retries = retries
        self.retryBackoffSeconds = retryBackoffSeconds
        self.idempotent = idempotent
    }

    init(_ config: JSONValue?, field: String) throws(FieldError) {
        var reader = try FieldReader(config ?? .object([:]), prefix: field)
        timeoutSeconds = try reader.integer("timeout_seconds", in: 1...86_400, default: 300)
        continueOnError = try reader.bool("continue_on_error", default: false)
        retries = try reader.integer("retries", in: 0...10, default: 0)
        retryBackoffSeconds = try reader.number("retry_backoff_seconds", in: 0...3600, default: 1)
        idempotent = try reader.bool("idempotent", default: false)
        try reader.finish(kind: "an action's config")
    }

    /// The pause before retry number `attempt` (1 for the first retry).
    public func backoff(beforeRetry attempt: Int) -> Double {
        retryBackoffSeconds * Double(1 << min(max(attempt - 1, 0), 16))
    }
}
