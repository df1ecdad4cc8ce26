/// Where a stored discovery run stands (`discovery_jobs.status`).
public enum DiscoveryRunStatus: String, Sendable, Hashable, Codable, CaseIterable {
    case pending, running, completed, failed, cancelled

    /// Whether the run has ended.
    public var isTerminal: Bool { self == .completed || self == .failed || self == .cancelled }
}
