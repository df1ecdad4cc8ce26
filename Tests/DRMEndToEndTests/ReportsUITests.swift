import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// A report in headless Chromium — its charts drawn by the server (screenshot) and its CSV export — and the same
/// reports and retention's plan from the command line, after a real (failing) run.
@Suite struct ReportsUITests {
    @Test func aReportWithChartsItsCSVExportAndTheCommandLine() async throws {
        try await SignedInBrowser.with("reports") { session in
            // Nothing listens on this address, so the run fails: one failed execution to report on.
            #expect(try await session.cli.run("target", "add", "r-1", "--host", "127.0.5.98").status == 0)
            let run = try await session.cli.run("run", "--all", "--", "true")
            #expect(run.status != 0, "\(run.stdout)\(run.stderr)")

            try await session.open("/reports?report=job-success&range=1d")

            let text = try await session.page.text()
            #expect(text.contains("Job success"), "\(text)")
            #expect(try await session.string("document.getElementById('total-runs').textContent") == "1")
            #expect((try await session.number("document.querySelectorAll('figure.chart svg').length") ?? 0) >= 2)
            #expect((try await session.number("document.querySelectorAll('svg rect.bar').length") ?? 0) >= 1)
            let screenshots =
                ProcessInfo.processInfo.environment["ENABLEDRM_SCREENSHOTS"]
                ?? FileManager.default.temporaryDirectory.path + "/enabledrm-screenshots"
            try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
            try await session.page.screenshot(to: "\(screenshots)/report-job-success.png")
            let csv = try await session.string(
                "fetch(document.querySelector('a.export[data-format=csv]').href).then(r => r.text())")
            #expect(csv.hasPrefix("section,id,name,start,runs,"), "\(csv)")
            #expect(csv.contains("\ntotal,,Job success,"))
            #expect(try await session.page.text().contains("Latest runs"))

            let file = session.directory + "/summary.html"
            let html = try await session.cli.run(
                "report", "run", "summary", "--range", "7d", "--format", "html", "-o", file)
            #expect(html.status == 0, "\(html.stderr)")
            let written = try String(contentsOfFile: file, encoding: .utf8)
            #expect(written.contains("<svg") && written.contains("Executive summary"))
            let json = try await session.cli.run("report", "run", "job-success", "--range", "30d", "--format", "json")
            #expect(json.stdout.contains("\"kind\" : \"job-success\""), "\(json.stdout)")
            let unknown = try await session.cli.run("report", "run", "nothing")
            #expect(unknown.status == 64)
            #expect(unknown.stderr.contains("unknown report nothing"))
            let plan = try await session.cli.run("retention", "plan")
            #expect(plan.status == 0, "\(plan.stderr)")
            #expect(plan.stdout.contains("execution_logs") && plan.stdout.contains("audit_events"))
        }
    }
}
