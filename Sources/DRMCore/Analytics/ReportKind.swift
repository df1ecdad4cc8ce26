/// The reports EnableDRM draws from its rollups.
public enum ReportKind: String, Sendable, CaseIterable, Codable {
    /// Success rate and its trend, the slowest and the most failing jobs.
    case jobSuccess = "job-success"
    /// Failures by target, and the targets that are unreachable now.
    case targetHealth = "target-health"
    /// p50 and p95 durations per job over time.
    case durations
    /// Runs per hour or day, and the queue now.
    case queueLoad = "queue-load"
    /// The figures of all the others in one page.
    case summary

    public var title: String {
        switch self {
        case .jobSuccess: "Job success"
        case .targetHealth: "Target health"
        case .durations: "Durations"
        case .queueLoad: "Queue load"
        case .summary: "Executive summary"
        }
    }
}
