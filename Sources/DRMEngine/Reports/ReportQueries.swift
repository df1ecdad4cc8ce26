public import DRMCore
import DRMStore
public import FluentKit
public import Foundation
import SQLKit

/// Builds reports from the rollups of `performance_metrics` (never from raw executions, so a report gives the same
/// numbers after retention): whole days of the range from day rows, the hours at its ends from hour rows.
public struct ReportQueries: Sendable {
    public let database: any Database
    public var now: @Sendable () -> Date

    public init(database: any Database, now: @escaping @Sendable () -> Date = { Date() }) {
        self.database = database
        self.now = now
    }

    /// One rollup row as read.
    struct Row: Sendable {
        var subjectID: Int
        var start: Date
        var tally: RollupTally
    }

    /// The report `kind` over `range`, limited to `jobIDs` (all when empty) and to targets tagged `tag`.
    public func report(_ kind: ReportKind, range: ReportRange, jobIDs: [Int] = [], tag: String? = nil)
        async throws -> ReportData
    {
        let byTarget = kind == .targetHealth
        let rollup: RollupKind = byTarget ? .targetRuns : .jobRuns
        let subjects = try await subjectFilter(byTarget: byTarget, jobIDs: jobIDs, tag: tag)
        let rows = try await rollupRows(rollup, range: range, subjects: subjects)
        let previousRows = try await rollupRows(rollup, range: range.previous, subjects: subjects)
        let names = try await self.names(byTarget: byTarget, ids: Set(rows.map(\.subjectID)))
        let period = range.chartPeriod
        var perSubject: [Int: [Row]] = [:]
        for row in rows { perSubject[row.subjectID, default: []].append(row) }
        var subjectList = perSubject.map { id, rows in
            ReportData.Subject(
                id: id, name: names[id] ?? "#\(id)", figures: .init(Self.total(rows)),
                points: kind == .durations ? Self.points(rows, period: period) : nil)
        }
        subjectList.sort { ($0.figures.runs, $1.name) > ($1.figures.runs, $0.name) }
        if kind == .durations {
            subjectList = Array(subjectList.prefix(8)) + subjectList.dropFirst(8).map { Self.withoutPoints($0) }
        }
        let slowest = subjectList.filter { $0.figures.p95 != nil }
            .sorted { ($0.figures.p95 ?? 0, $1.name) > ($1.figures.p95 ?? 0, $0.name) }.prefix(10)
        let failing = subjectList.filter { $0.figures.failures + $0.figures.timedOut > 0 }
            .sorted {
                ($0.figures.failures + $0.figures.timedOut, $1.name) > (
                    $1.figures.failures + $1.figures.timedOut, $0.name
                )
            }.prefix(10)
        var data = ReportData(
            kind: kind, title: kind.title, range: range, generatedAt: now(), jobIDs: jobIDs.sorted(), tag: tag,
            totals: .init(Self.total(rows)), previous: .init(Self.total(previousRows)),
            points: Self.points(rows, period: period), subjects: subjectList,
            slowest: byTarget ? [] : slowest.map(Self.withoutPoints), mostFailing: failing.map(Self.withoutPoints),
            unreachable: [])
        if kind == .targetHealth || kind == .summary { data.unreachable = try await unreachable(tag: tag) }
        if kind == .queueLoad || kind == .summary {
            let queue = try await queueNow()
            data.queueDepth = queue.depth
            data.oldestWaitingSeconds = queue.oldest
        }
        return data
    }

    static func withoutPoints(_ subject: ReportData.Subject) -> ReportData.Subject {
        var subject = subject
        subject.points = nil
        return subject
    }

    static func total(_ rows: [Row]) -> RollupTally {
        rows.reduce(into: RollupTally()) { $0.add($1.tally) }
    }

    /// One point per `period`, in order (periods without runs left out).
    static func points(_ rows: [Row], period: RollupPeriod) -> [ReportData.Point] {
        var buckets: [Date: RollupTally] = [:]
        for row in rows { buckets[period.start(of: row.start), default: .init()].add(row.tally) }
        return buckets.keys.sorted().map { ReportData.Point(start: $0, figures: .init(buckets[$0] ?? .init())) }
    }

    /// The subjects to read (`nil`: all): the given jobs, and with a tag the targets carrying it (or, for job
    /// reports, the jobs with such a target).
    func subjectFilter(byTarget: Bool, jobIDs: [Int], tag: String?) async throws -> [Int]? {
        var ids: Set<Int>? = jobIDs.isEmpty || byTarget ? nil : Set(jobIDs)
        guard let tag else { return ids.map { Array($0) } }
        let tagged = try await Target.query(on: database).all().filter {
            if case .array(let tags) = $0.tags { return tags.contains(.string(tag)) }
            return false
        }.compactMap(\.id)
        if byTarget { return tagged }
        let jobs = Set(try await JobTarget.query(on: database).filter(\.$targetID ~~ tagged).all().map(\.jobID))
        ids = ids.map { $0.intersection(jobs) } ?? jobs
        return ids.map { Array($0) }
    }

    /// The rollup rows of `range`: day rows of its whole days, hour rows of the rest (hour rows only when the chart
    /// is by hour).
    func rollupRows(_ kind: RollupKind, range: ReportRange, subjects: [Int]?) async throws -> [Row] {
        if let subjects, subjects.isEmpty { return [] }
        let sql = database as! any SQLDatabase
        let days = range.chartPeriod == .hour ? (start: range.end, end: range.end) : range.wholeDays
        let only: SQLQueryString =
            subjects.map { "AND subject_id IN (\(unsafeRaw: $0.map(String.init).joined(separator: ", ")))" } ?? ""
        let rows = try await sql.raw(
            """
            SELECT subject_id, timestamp, count, success_count, failure_count, timed_out_count, cancelled_count,
                duration_count, duration_sum, min_duration, max_duration, duration_histogram
            FROM performance_metrics
            WHERE metric_type = \(bind: kind.rawValue) \(only) AND (
                (aggregation_period = 'day' AND timestamp >= \(bind: days.start) AND timestamp < \(bind: days.end))
                OR (aggregation_period = 'hour' AND (
                    (timestamp >= \(bind: range.start) AND timestamp < \(bind: days.start))
                    OR (timestamp >= \(bind: days.end) AND timestamp < \(bind: range.end)))))
            """
        ).all()
        return try rows.map {
            Row(
                subjectID: try $0.decode(column: "subject_id", as: Int.self),
                start: try $0.decode(column: "timestamp", as: Date.self), tally: try RollupTally(row: $0))
        }
    }

    func names(byTarget: Bool, ids: Set<Int>) async throws -> [Int: String] {
        guard !ids.isEmpty else { return [:] }
        if byTarget {
            return Dictionary(
                uniqueKeysWithValues: try await Target.query(on: database).filter(\.$id ~~ ids).all().compactMap {
                    t in t.id.map { ($0, t.name) }
                })
        }
        return Dictionary(
            uniqueKeysWithValues: try await Job.query(on: database).filter(\.$id ~~ ids).all().compactMap { job in
                job.id.map { ($0, job.name) }
            })
    }

    /// Targets whose health is critical or unreachable now, by name.
    func unreachable(tag: String?) async throws -> [String] {
        try await Target.query(on: database).filter(\.$healthStatus ~~ ["critical", "unreachable", "offline"]).all()
            .filter { target in
                guard let tag else { return true }
                if case .array(let tags) = target.tags { return tags.contains(.string(tag)) }
                return false
            }.map(\.name).sorted()
    }

    /// Tasks waiting now and the age of the oldest.
    func queueNow() async throws -> (depth: Int, oldest: Double?) {
        let waiting = TaskRecord.query(on: database).filter(\.$status ~~ [.pending, .retry])
        let depth = try await waiting.count()
        let oldest = try await TaskRecord.query(on: database).filter(\.$status ~~ [.pending, .retry])
            .sort(\.$createdAt).first()?.createdAt
        return (depth, oldest.map { max(0, now().timeIntervalSince($0)) })
    }
}
