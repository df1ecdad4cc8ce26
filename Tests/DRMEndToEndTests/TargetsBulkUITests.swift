import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, item 13: the targets page imports a CSV with its row report, lists names in natural order, and tests
/// or runs a command on the targets ticked.
@Suite struct TargetsBulkUITests {
    @Test func importSortTestAndRunFromTheTargetsPage() async throws {
        try await SignedInBrowser.with("bulk") { session in
            try await session.open("/targets")
            let csv = """
                name,host,port,username,password,key_file,tags,os_type
                node-10,127.0.9.10,9,ops,Secret-10,,lab,linux
                node-2,127.0.9.2,9,ops,Secret-2,,lab,linux
                node-1,127.0.9.1,9,ops,Secret-1,,lab,linux
                bad row,,70000,ops,,,lab,linux
                """
            try await session.submitting(
                "(() => { const f = document.getElementById('import-targets'); f.querySelector('[name=csv]').value = \(WebUITests.literal(csv)); f.requestSubmit(); })()"
            )
            let report = try await session.page.text()
            #expect(report.contains("Import: imported 3, rejected 1."), "\(report.prefix(600))")
            #expect(
                try await session.number("document.querySelectorAll('#import-report tr.outcome-failure').length") == 1)
            #expect(
                try await session.string(
                    "[...document.querySelectorAll('#targets tr[data-target]')].map(r => r.dataset.target).join()")
                    == "node-1,node-2,node-10", "natural order")

            _ = try await session.page.evaluate(
                "for (const n of ['node-1', 'node-2']) document.querySelector(`tr[data-target='${n}'] input[form=bulk]`).click()"
            )
            try await session.submitting("document.querySelector(\"#bulk button[formaction$='bulk-test']\").click()")
            #expect(try await session.page.text().contains("Tested 2 connection(s): 0 ok, 2 failed."))

            _ = try await session.page.evaluate(
                "document.querySelector('[data-select-all]').click(); document.querySelector('#bulk [name=command]').value = 'uptime'"
            )
            try await session.submitting("document.querySelector(\"#bulk button[formaction$='bulk-run']\").click()")
            #expect(try await session.page.location().contains("/executions/"))
            let execution = try await session.page.text()
            #expect(
                execution.contains("Execution queued.") && execution.contains("of 3 done"), "\(execution.prefix(600))")

            // Item 12: the dashboard shows the run among the last failures (no target answers), with the figures.
            let failed = try await waitUntil(every: .milliseconds(300)) {
                try? await session.open("/dashboard")
                return (try? await session.number("document.querySelectorAll('#failures tbody tr').length")) == 1
            }
            let dashboard = try await session.page.text()
            #expect(failed, "the failed run is listed: \(dashboard.prefix(800))")
            #expect(dashboard.contains("Success rate, 7 days") && dashboard.contains("0 %"))
            #expect(dashboard.contains("Running executions") && dashboard.contains("Mean run time, 7 days"))
        }
    }
}
