import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// The execution page in a real browser follows a run as it happens: `serve`'s own worker runs a job on a real
/// sshd while headless Chromium shows its output arriving, without reloading, then the final statuses.
@Suite struct LiveExecutionUITests {
    @Test func theExecutionPageUpdatesLive() async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-live-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        // The command prints its last line only when the test opens this gate, after it saw the first line live.
        let gate = FileManager.default.temporaryDirectory.path + "/enabledrm-live-gate-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: gate) }
        let ssh = try await SSHServer.start(addresses: ["127.0.8.1", "127.0.8.2"])
        defer { ssh.stop() }
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": WebUITests.adminPassword])
        let server = try await cli.serve()
        defer { _ = server.stop() }
        try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: directory + "/id_ed25519")
        try """
        name,host,port,username,password,key_file,tags,os_type,host_key
        live-1,127.0.8.1,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        live-2,127.0.8.2,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
        """.write(toFile: directory + "/lab.csv", atomically: true, encoding: .utf8)
        try """
        {"name": "watch me", "target_filter": "tag=lab",
         "actions": [{"action_type": "command", "action_parameters": {"command": "sleep 1; echo first-{{target.name}}; while [ ! -e \(gate) ]; do sleep 0.1; done; echo second"}}]}
        """.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
        #expect(try await cli.run("target", "import", "lab.csv").status == 0)
        #expect(try await cli.run("job", "create", "--file", "job.json").status == 0)

        let browser = try await Chromium.launch()
        defer { browser.close() }
        let page = try await browser.newPage()
        let base = "http://127.0.0.1:\(server.port)"
        try await page.navigate(base + "/login")
        try await page.waitForLoad {
            _ = try await page.evaluate(
                """
                (() => { const f = document.querySelector('form');
                  f.querySelector('[name="username"]').value = 'admin';
                  f.querySelector('[name="password"]').value = \(WebUITests.literal(WebUITests.adminPassword));
                  f.requestSubmit(); })()
                """)
        }
        let queued = try await cli.run("job", "run", "watch me")
        #expect(queued.stdout.hasPrefix("queued J"), "serve's worker is live: \(queued.stdout)\(queued.stderr)")
        let listed = try await cli.run("job", "executions", "--format", "json")
        let executions = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
        let id = try #require(executions?.first?["id"] as? Int)

        try await page.navigate(base + "/executions/\(id)")
        _ = try await page.evaluate("window.stillTheSamePage = true")
        var reloaded = false
        let sawLive = try await waitUntil(every: .milliseconds(100)) {
            guard
                let state = try? await page.evaluate(
                    "JSON.stringify([window.stillTheSamePage === true, document.getElementById('log')?.textContent ?? ''])"
                ),
                case .string(let text) = state,
                let pair = try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [Any],
                let same = pair.first as? Bool, let log = pair.last as? String
            else { return false }
            reloaded = !same
            return reloaded || log.contains("first-live-1")
        }
        #expect(sawLive && !reloaded, "output appeared on the open page, without a reload, while the run went on")
        _ = FileManager.default.createFile(atPath: gate, contents: nil)
        var final = ""
        var unfinished: JSONValue = .null
        _ = try await waitUntil(every: .milliseconds(100)) {
            // The page reloads when the run ends: a script may meet the page in between.
            final = (try? await page.text()) ?? ""
            unfinished =
                (try? await page.evaluate(
                    "document.querySelectorAll('[data-status=\"running\"], [data-status=\"queued\"]').length")) ?? .null
            return unfinished == .number(0) && final.contains("second")
        }
        #expect(final.contains("second"), "the page shows the whole output once the run ended")
        #expect(unfinished == .number(0), "no target is shown running or queued: \(final)")
        let completed = try await page.evaluate(
            "document.querySelectorAll('tr[data-branch] [data-status=\"completed\"]').length")
        #expect(completed == .number(2), "both targets are shown completed")
        await page.close()
    }
}
