import DRMCore
import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import Testing

@testable import DRMEngine

/// Reports read the rollups: exact figures for a known history, whole days from day rows and the ends from hour
/// rows, and the same numbers after retention deleted every execution they count.
@Suite(.serialized) struct ReportQueriesTests {
    @Test(
        "reports give exact figures, and the same after retention deleted the executions",
        arguments: SchemaDialect.allCases)
    func sameAfterRetention(dialect: SchemaDialect) async throws {
        try await HistoryWorld.with(dialect) { history in
            _ = try await history.standardHistory()
            let db = history.world.db
            let later = HistoryWorld.base.addingTimeInterval(3 * 86400)
            let queries = ReportQueries(database: db, now: { later })
            // A range from 09:00 the day of the history to the end of the third day: hours, then whole days.
            let range = try ReportRange.custom(
                from: HistoryWorld.base.addingTimeInterval(-3600), to: HistoryWorld.base.addingTimeInterval(2 * 86400))
            let hourly = try ReportRange.custom(
                from: HistoryWorld.base, to: HistoryWorld.base.addingTimeInterval(7200))
            func reports() async throws -> [ReportData] {
                var all: [ReportData] = []
                for kind in ReportKind.allCases {
                    all.append(try await queries.report(kind, range: range))
                    all.append(try await queries.report(kind, range: hourly))
                }
                all.append(try await queries.report(.jobSuccess, range: range, jobIDs: [history.job.id]))
                return all
            }

            let before = try await reports()
            let success = before[0]
            #expect(success.totals.runs == 7)
            #expect(success.totals.successes == 3)
            #expect(success.totals.failures == 2)
            #expect(success.totals.timedOut == 1)
            #expect(success.totals.cancelled == 1)
            #expect(success.totals.successRate == 42.86)
            #expect(success.totals.p50 == 3)
            #expect(success.totals.p95 == 45)
            #expect(success.totals.max == 45)
            #expect(success.subjects.map(\.name) == ["history"])
            #expect(success.mostFailing.map(\.name) == ["history"])
            let byHour = before[1]
            #expect(byHour.points.map(\.figures.runs) == [5, 2], "one point per hour for a short range")
            #expect(byHour.points.map(\.figures.p95) == [10, 45])
            let targets = before[2]
            #expect(targets.subjects.map(\.name).sorted() == ["a", "b"])
            #expect(targets.subjects.first { $0.name == "b" }?.figures.successes == 6)

            var purge = RetentionPurge(database: db, now: { later.addingTimeInterval(86400) })
            purge.batchSize = 3
            let done = try await purge.run(
                RetentionPolicy(
                    days: [.executionLogs: 1, .executions: 1, .taskHistory: 1, .healthSnapshots: 1, .auditEvents: 1],
                    keptPerJob: 0), audit: AuditTrail(.cli))
            #expect(done.first { $0.kind == .executions }?.rows == 7)
            #expect(try await Execution.query(on: db).count() == 0)

            let after = try await reports()
            #expect(after.map(Self.figures) == before.map(Self.figures), "the same numbers after retention")
        }
    }

    /// A report without when it was generated.
    static func figures(_ data: ReportData) -> ReportData {
        var data = data
        data.generatedAt = Date(timeIntervalSince1970: 0)
        return data
    }
}
