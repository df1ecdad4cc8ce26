import DRMCore
import DRMStore
import Foundation
import SnapshotTesting
import Testing

@testable import DRMEngine
@testable import DRMWeb

/// The reports page and a report's CSV pinned as snapshots: a job-success report over a pinned range with known
/// figures draws the same HTML (form, totals, SVG charts, tables, export links) and CSV every time.
@Suite struct ReportsPageSnapshotTests {
    static let start = Date(timeIntervalSince1970: 1_793_577_600)  // 2026-11-02 00:00 UTC

    static func figures(_ statuses: [ExecutionStatus], _ durations: [Double]) -> ReportData.Figures {
        var tally = RollupTally()
        for (status, duration) in zip(statuses, durations) {
            tally.add(RollupTally(status: status, duration: duration))
        }
        return .init(tally)
    }

    static var report: ReportData {
        let range = ReportRange(start: start, end: start.addingTimeInterval(3 * 86400), name: "3d")
        let day1 = figures([.completed, .completed, .failed], [1, 2, 3])
        let day2 = figures([.completed, .timedOut], [5, 45])
        let backup = ReportData.Subject(id: 1, name: "backup <nightly>", figures: day1, points: nil)
        let deploy = ReportData.Subject(id: 2, name: "deploy", figures: day2, points: nil)
        return ReportData(
            kind: .jobSuccess, title: ReportKind.jobSuccess.title, range: range, generatedAt: start, jobIDs: [],
            tag: nil, totals: figures([.completed, .completed, .failed, .completed, .timedOut], [1, 2, 3, 5, 45]),
            previous: figures([.completed], [1]),
            points: [.init(start: start, figures: day1), .init(start: start.addingTimeInterval(86400), figures: day2)],
            subjects: [backup, deploy], slowest: [deploy, backup], mostFailing: [backup, deploy], unreachable: [])
    }

    @Test("the reports page: the form as given, the report's totals, charts, tables and export links")
    func page() throws {
        let run = GeneratedReport()
        run.id = 7
        run.name = "job-success 3d"
        run.status = "completed"
        run.createdAt = Self.start
        let model = ReportsPage.Model(
            form: ["report": "job-success", "range": "custom", "from": "2026-11-02T00:00:00Z"], report: Self.report,
            runID: 7, export: nil, error: nil, recent: [run])

        let html = ReportsPage.View(model: model).body.text

        #expect(html.contains("<svg"))
        #expect(html.contains("backup &lt;nightly&gt;"), "names are escaped")
        #expect(html.contains("format=csv"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("a report's CSV: totals, the previous period, points and jobs")
    func csv() throws {
        let text = try ReportRendering.render(Self.report, as: .csv)
        #expect(text.contains("total,,Job success,2026-11-02T00:00:00Z,5,3,1,1,0,60,3,45,45"))
        assertSnapshot(of: text, as: .lines)

    }
}
