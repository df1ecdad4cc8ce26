import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, item 1: with more targets than a form could list, the job form's picker searches and pages through
/// all of them, and saving the form never drops a target it did not show.
@Suite struct JobTargetPickerUITests {
    @Test func aJobsTargetsBeyondThePickersFirstPageSurviveASave() async throws {
        try await SignedInBrowser.with("picker") { session in try await check(session) }
    }

    func check(_ session: SignedInBrowser) async throws {
        // 1,200 targets: node-990 and node-999 come last in plain text order, beyond the first 1,000.
        let rows = (1...1200).map { "node-\($0),127.0.\($0 / 250).\($0 % 250 + 1),22,ops,Secret-\($0),,bulk,linux" }
        try await session.importTargets(
            (["name,host,port,username,password,key_file,tags,os_type"] + rows).joined(separator: "\n"))
        let first = try await session.targetID("node-990")
        let second = try await session.targetID("node-999")
        let third = try await session.targetID("node-1177")
        try """
        {"name": "far away", "target_ids": [\(first), \(second)],
         "actions": [{"action_type": "command", "action_parameters": {"command": "uptime"}}]}
        """.write(toFile: session.directory + "/job.json", atomically: true, encoding: .utf8)
        let created = try await session.cli.run("job", "create", "--file", "job.json")
        #expect(created.status == 0, "\(created.stderr)")
        let jobID = try #require(try await session.job("far away")["id"] as? Int)

        try await session.open("/jobs/\(jobID)")
        #expect(
            try await session.string("document.querySelector('form.job-form [data-picker-total]').textContent") == "2")
        try await session.submitting("document.querySelector('form.job-form').requestSubmit()")
        #expect(try await session.page.text().contains("Job saved."))
        #expect(
            try await session.job("far away")["target_ids"] as? [Int] == [first, second],
            "an unchanged save keeps every target")

        // Search finds a target far down the list; ticking it adds it, ticking "remove" drops a chosen one.
        _ = try await session.page.evaluate(
            """
            (() => { const s = document.querySelector('form.job-form [data-picker-search]');
              s.value = 'node-1177'; s.dispatchEvent(new Event('input', {bubbles: true})); })()
            """)
        let found = try await waitUntil(every: .milliseconds(100)) {
            (try? await session.number(
                "document.querySelectorAll('form.job-form [data-picker-results] input[value=\"\(third)\"]').length"))
                == 1
        }
        #expect(found, "the search offered node-1177")
        #expect(
            try await session.string("document.querySelector('form.job-form [data-picker-count]').textContent")
                == "1 target matches")
        _ = try await session.page.evaluate(
            """
            (() => { document.querySelector('form.job-form [data-picker-results] input[value="\(third)"]').click();
              document.querySelector('form.job-form [data-picker-chosen] input[name="target_remove[]"][value="\(first)"]').click(); })()
            """)
        #expect(
            try await session.string("document.querySelector('form.job-form [data-picker-total]').textContent") == "2")
        try await session.submitting("document.querySelector('form.job-form').requestSubmit()")
        #expect(try await session.page.text().contains("Job saved."))
        #expect(try await session.job("far away")["target_ids"] as? [Int] == [second, third])

        // "More" pages through the choices: after the first page come the next 20, in natural order.
        try await session.open("/jobs")
        let before = try await session.number("document.querySelectorAll('[data-picker-results] li').length")
        _ = try await session.page.evaluate("document.querySelector('[data-picker-more]').click()")
        let paged = try await waitUntil(every: .milliseconds(100)) {
            (try? await session.number("document.querySelectorAll('[data-picker-results] li').length")) == 40
        }
        #expect(before == 20 && paged, "a second page of choices was added")
        #expect(
            try await session.string(
                "[...document.querySelectorAll('[data-picker-results] li')].slice(0, 12).map(l => l.textContent.trim().split(' ')[0]).join(',')"
            )
                == "node-1,node-2,node-3,node-4,node-5,node-6,node-7,node-8,node-9,node-10,node-11,node-12")
    }
}
