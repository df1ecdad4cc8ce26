public import DRMCore
public import Foundation

/// What a report shows, read from the rollups: the same for the HTML, CSV and JSON of a run, and the same before
/// and after retention deletes the executions it counts.
public struct ReportData: Sendable, Hashable, Codable {
    /// The figures of a set of runs.
    public struct Figures: Sendable, Hashable, Codable {
        public var runs: Int
        public var successes: Int
        public var failures: Int
        public var timedOut: Int
        public var cancelled: Int
        /// Percent, two decimals; `nil` without runs.
        public var successRate: Double?
        public var p50: Double?
        public var p95: Double?
        public var max: Double?

        public init(_ tally: RollupTally) {
            runs = tally.runs
            successes = tally.successes
            failures = tally.failures
            timedOut = tally.timedOut
            cancelled = tally.cancelled
            successRate = tally.successRate.map { ($0 * 100).rounded() / 100 }
            p50 = tally.p50
            p95 = tally.p95
            max = tally.maxDuration
        }

        enum CodingKeys: String, CodingKey {
            case runs, successes, failures, cancelled, max
            case timedOut = "timed_out"
            case successRate = "success_rate"
            case p50 = "p50_seconds"
            case p95 = "p95_seconds"
        }
    }

    /// The figures of one hour or day.
    public struct Point: Sendable, Hashable, Codable {
        public var start: Date
        public var figures: Figures
    }

    /// The figures of one job or target.
    public struct Subject: Sendable, Hashable, Codable {
        public var id: Int
        public var name: String
        public var figures: Figures
        /// Its points, for the reports that chart each subject (durations).
        public var points: [Point]?
    }

    public var kind: ReportKind
    public var title: String
    public var range: ReportRange
    public var generatedAt: Date
    /// The job ids and target tag the report was limited to.
    public var jobIDs: [Int]
    public var tag: String?
    public var totals: Figures
    /// Totals of the same length of time just before the range (the trend).
    public var previous: Figures
    /// One point per hour (ranges of two days or less) or day.
    public var points: [Point]
    /// Per job (or per target for target health), most runs first.
    public var subjects: [Subject]
    /// The slowest jobs by p95, slowest first (job success, summary).
    public var slowest: [Subject]
    /// The jobs or targets with the most unsuccessful runs, most first.
    public var mostFailing: [Subject]
    /// Targets whose health is critical or unreachable now (target health, summary).
    public var unreachable: [String]
    /// Tasks waiting now, and the age in seconds of the oldest (queue load, summary).
    public var queueDepth: Int?
    public var oldestWaitingSeconds: Double?

    enum CodingKeys: String, CodingKey {
        case kind, title, range, totals, previous, points, subjects, slowest, unreachable, tag
        case generatedAt = "generated_at"
        case jobIDs = "job_ids"
        case mostFailing = "most_failing"
        case queueDepth = "queue_depth"
        case oldestWaitingSeconds = "oldest_waiting_seconds"
    }
}
