import DRMCore
import DRMStore
import Foundation
import SnapshotTesting
import Testing

@testable import DRMEngine
@testable import DRMWeb

/// The schedules pages pinned as snapshots (`__Snapshots__/`): the list with each schedule's next runs in its own
/// zone (a DST mark among them), the create form with a preview, and one schedule's page with its history.
@Suite struct SchedulePageSnapshotTests {
    static let pinned = Date(timeIntervalSince1970: 1_780_000_000)

    static func record(_ id: Int, name: String, status: ScheduleStatus, paused: String? = nil) throws -> ScheduleRecord
    {
        let row = JobSchedule()
        row.id = id
        row.scheduleSerial = "JSCHED-\(id)"
        row.jobID = 7
        row.name = name
        row.scheduleType = .cron
        row.cronExpression = "30 2 * * *"
        row.timezone = "Europe/Berlin"
        row.status = status
        row.pausedReason = paused
        row.currentRuns = 3
        row.nextRunAt = pinned
        row.lastRunAt = pinned.addingTimeInterval(-86_400)
        row.createdBy = 1
        row.overlapPolicy = "skip"
        row.missedRunPolicy = "run_once"
        row.catchupWindowSeconds = 3600
        row.missedRunCap = 10
        row.origin = "user"
        return try ScheduleRecord(row)
    }

    static let preview = ScheduleCatalog.Preview(
        fireTimes: [
            FireTime(instant: pinned, utcOffsetSeconds: 7200, adjustment: nil),
            FireTime(instant: pinned.addingTimeInterval(86_400), utcOffsetSeconds: 3600, adjustment: .movedPastGap),
        ], warnings: ["A DST change moves or repeats some of these times; see the marks."], zone: "Europe/Berlin")

    @Test("the schedules list: next runs in each schedule's zone with DST marks, pause and resume, the form")
    func list() throws {
        var form = ScheduleForm()
        form.name = "night <backup>"
        form.jobID = "7"
        form.cronExpression = "30 2 * * *"
        form.timezone = "Europe/Berlin"
        let model = SchedulesPage.Model(
            rows: [
                .init(record: try Self.record(1, name: "night", status: .active), job: "backup", next: Self.preview),
                .init(
                    record: try Self.record(2, name: "weekly", status: .paused, paused: "freeze"), job: "backup",
                    next: nil),
            ], jobs: [.init(id: 7, name: "backup")], canCreate: true, canToggle: true, preview: Self.preview)
        let html = SchedulesPage.View(model: model, csrf: PageSnapshotTests.csrf, form: form).body.text
        #expect(html.contains("2026-05-28T22:26:40+02:00") || html.contains("+02:00"))
        #expect(html.contains("Resume") && html.contains("Pause"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("one schedule's page: summary, next runs, history linked to executions, the edit form")
    func show() throws {
        func occurrence(
            _ id: Int, at: Date, _ status: ScheduleExecutionStatus, execution: Int?, summary: String
        ) throws -> ScheduleOccurrence {
            let row = ScheduleExecution()
            row.id = id
            row.jobScheduleID = 1
            row.scheduledAt = at
            row.status = status
            row.jobExecutionID = execution
            row.resultSummary = summary
            return try ScheduleOccurrence(row)
        }
        let occurrences = [
            try occurrence(2, at: Self.pinned, .running, execution: 11, summary: "started execution J7.0002"),
            try occurrence(
                1, at: Self.pinned.addingTimeInterval(-86_400), .missed, execution: nil,
                summary: "missed: the scheduler was down"),
        ]
        let model = ScheduleShow.Model(
            record: try Self.record(1, name: "night", status: .active), jobs: [.init(id: 7, name: "backup")],
            preview: Self.preview, previewOfForm: false, occurrences: occurrences, canEdit: true)
        let html = ScheduleShow.View(model: model, csrf: PageSnapshotTests.csrf).body.text
        #expect(html.contains("/executions/11"))
        #expect(html.contains("value=\"30 2 * * *\""))
        assertSnapshot(of: html, as: .lines)
    }
}
