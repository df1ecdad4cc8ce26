import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// The discovery page in headless Chromium against `enabledrm serve` (its own queue worker runs the run): start a
/// run of two web pages on loopback, follow it to its end, import both devices, find them on the targets page.
@Suite struct DiscoveryUITests {
    @Test func runFollowImportAndFindTheTargets() async throws {
        let subnet = "127.99.\(Int.random(in: 1...250))"
        let first = try await ScriptedResponder.httpPage(
            host: "\(subnet).2", port: 0, server: "nginx/1.22.1", body: "<html><title>one</title></html>")
        defer { first.stop() }
        let second = try await ScriptedResponder.httpPage(
            host: "\(subnet).3", port: first.port, server: "nginx/1.22.1", body: "<html><title>two</title></html>")
        defer { second.stop() }
        try await SignedInBrowser.with("discovery") { session in
            try await session.open("/discovery")
            try await session.submitting(
                """
                (() => { const f = document.getElementById('start-discovery');
                  f.querySelector('[name=range]').value = '\(subnet).1-4';
                  f.querySelector('[name=ports]').value = '\(first.port)';
                  f.querySelector('[name=skip_names]').checked = true;
                  f.requestSubmit(); })()
                """)
            let location = try await session.page.location()
            #expect(location.contains("/discovery/runs/"), "\(location)")
            let started = try await session.page.text()
            #expect(started.contains("Discovery run queued."), "\(started.prefix(400))")
            let path = try #require(URLComponents(string: location)?.path)

            // The page follows the run (it reloads itself while the run is under way) until it has ended.
            var statuses: Set<String> = []
            let ended = try await waitUntil(every: .milliseconds(300)) {
                try? await session.open(path)
                let status =
                    (try? await session.string("document.querySelector('#discovery-status strong')?.textContent ?? ''"))
                    ?? ""
                statuses.insert(status)
                return status == "completed"
            }
            #expect(ended, "statuses seen: \(statuses)")
            #expect(
                try await session.string(
                    "[...document.querySelectorAll('#discovery-devices tr[data-device]')].map(r => r.dataset.device).join()"
                )
                    == "\(subnet).2,\(subnet).3")

            _ = try await session.page.evaluate(
                "document.querySelectorAll('#discovery-devices input[name=device_ids]').forEach(b => b.click())")
            try await session.submitting("document.querySelector(\"#devices button[formaction$='/import']\").click()")
            let imported = try await session.page.text()
            #expect(
                imported.contains("Devices imported as targets."),
                "\(imported.prefix(600))\n\(session.server.log.split(separator: "\n").filter { $0.contains("error") }.suffix(5))"
            )
            #expect(
                try await session.number("document.querySelectorAll('#discovery-devices td.inventory-known').length")
                    == 2)

            try await session.open("/targets")
            let targets = try await session.page.text()
            #expect(targets.contains("\(subnet).2") && targets.contains("\(subnet).3"), "\(targets.prefix(800))")
        }
    }
}
