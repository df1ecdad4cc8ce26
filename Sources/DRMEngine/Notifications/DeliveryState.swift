/// The states of a delivery (`notification_deliveries.status`).
public enum DeliveryState: String, Sendable, Hashable, Codable, CaseIterable {
    /// Written with its event; not tried yet.
    case pending
    /// An attempt is under way (or its worker was lost during it).
    case sending
    /// Failed for now; tried again at `next_attempt_at`.
    case retrying
    case delivered
    /// Refused by the destination, out of attempts, or its destination disabled.
    case failed

    /// Whether nothing more happens to it (unless redelivered).
    public var isFinal: Bool { self == .delivered || self == .failed }
}
