import DRMTestSupport
import Foundation
import Testing

/// Issue 15 in a browser: on the schedules page, a cron schedule in a zone with DST is previewed before saving
/// (its next runs in New York time), saved, shows its next runs, and fires: its occurrence shows in the history.
@Suite struct SchedulesUITests {
    @Test func aCronScheduleInADSTZoneIsPreviewedSavedAndFires() async throws {
        try await SignedInBrowser.with("schedules") { session in try await check(session) }
    }

    func check(_ session: SignedInBrowser) async throws {
        let added = try await session.cli.run(
            "target", "add", "t1", "--host", "127.0.0.1", "--port", "9", "--username", "u")
        try #require(added.status == 0, "\(added.stderr)")
        let target = try await session.targetID("t1")
        try """
        {"name": "tick", "target_ids": [\(target)],
         "actions": [{"action_type": "command", "action_parameters": {"command": "true"}}]}
        """.write(toFile: session.directory + "/job.json", atomically: true, encoding: .utf8)
        #expect(try await session.cli.run("job", "create", "--file", "job.json").status == 0)
        let jobID = try #require(try await session.job("tick")["id"] as? Int)

        try await session.open("/schedules")
        _ = try await session.page.evaluate(
            """
            (() => { const f = document.querySelector('form.schedule-form').elements;
              f['name'].value = 'ny minutely'; f['job_id'].value = '\(jobID)'; f['kind'].value = 'cron';
              f['cron_expression'].value = '* * * * *'; f['timezone'].value = 'America/New_York'; })()
            """)
        try await session.submitting("document.querySelector('form.schedule-form button[value=preview]').click()")
        let preview = try await session.string("document.querySelector('#preview').innerText")
        let previewed = try await session.number("document.querySelectorAll('#preview .fire-times li').length")
        let local = try await session.string("document.querySelector('#preview .fire-times .local').textContent")
        let stillFilled = try await session.string(
            "document.querySelector('form.schedule-form').elements['cron_expression'].value")

        #expect(preview.contains("Next runs in America/New_York"), "\(preview)")
        #expect(previewed == 10)
        #expect(local.hasSuffix("-05:00") || local.hasSuffix("-04:00"), "\(local)")
        #expect(stillFilled == "* * * * *", "the form keeps what was typed")

        try await session.submitting("document.querySelector('form.schedule-form button[value=save]').click()")
        let saved = try await session.page.text()
        let path = try await session.string("location.pathname")
        let next = try await session.string("document.querySelector('#next-runs .local').textContent")
        #expect(saved.contains("Schedule created."), "\(saved)")
        #expect(path.hasPrefix("/schedules/"))
        #expect(next.hasSuffix("-05:00") || next.hasSuffix("-04:00"), "\(next)")

        // It fires at the next minute: the history shows the occurrence with its execution.
        let fired = try await waitUntil(every: .seconds(2)) {
            try await session.open(path)
            let history = try await session.string(
                "document.querySelector('#occurrences') ? document.querySelector('#occurrences').innerText : ''")
            return history.contains("started execution")
        }
        #expect(fired, "the schedule fired and its occurrence shows in the history")
        try await session.open("/schedules")
        let list = try await session.string("document.querySelector('#schedules').innerText")
        #expect(list.contains("ny minutely") && list.contains("America/New_York") && list.contains("active"))
    }
}
