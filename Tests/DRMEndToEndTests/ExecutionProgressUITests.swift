import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, items 8 and 11: the execution page shows a run's status, start, counts and progress as they change,
/// without a reload; its targets can be filtered and paged; exports carry every action's output.
@Suite struct ExecutionProgressUITests {
    @Test func theHeaderFollowsTheRunAndTheTargetsPageAndFilter() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.8.11", "127.0.8.12"])
        defer { ssh.stop() }
        let gate =
            FileManager.default.temporaryDirectory.path + "/enabledrm-progress-gate-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: gate) }
        try await SignedInBrowser.with("progress") { session in
            try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: session.directory + "/id_ed25519")
            try await session.importTargets(
                """
                name,host,port,username,password,key_file,tags,os_type,host_key
                fast-1,127.0.8.11,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
                slow-2,127.0.8.12,\(ssh.port),\(ssh.username),,id_ed25519,lab,linux,\(ssh.hostPublicKey)
                """)
            try """
            {"name": "two steps", "target_filter": "tag=lab",
             "actions": [{"action_type": "command", "action_name": "first", "action_parameters": {"command": "echo one-{{target.name}}"}},
                         {"action_type": "command", "action_name": "second", "action_parameters": {"command": "if [ {{target.name}} = slow-2 ]; then while [ ! -e \(gate) ]; do sleep 0.1; done; fi; echo two-{{target.name}}"}}]}
            """.write(toFile: session.directory + "/job.json", atomically: true, encoding: .utf8)
            #expect(try await session.cli.run("job", "create", "--file", "job.json").status == 0)
            let queued = try await session.cli.run("job", "run", "two steps")
            #expect(queued.stdout.hasPrefix("queued "), "serve's worker runs it: \(queued.stdout)\(queued.stderr)")
            let listed = try await session.cli.run("job", "executions", "--format", "json")
            let executions = try JSONSerialization.jsonObject(with: Data(listed.stdout.utf8)) as? [[String: Any]]
            let id = try #require(executions?.first?["id"] as? Int)

            try await session.open("/executions/\(id)")
            _ = try await session.page.evaluate("window.stillTheSamePage = true")
            var header = ""
            let live = try await waitUntil(every: .milliseconds(100)) {
                header =
                    (try? await session.string(
                        "[document.querySelector('#heading [data-status]').dataset.status, document.getElementById('progress-text').textContent, document.getElementById('counts').textContent, document.getElementById('started').textContent, String(window.stillTheSamePage === true)].join('|')"
                    )) ?? ""
                return header.hasPrefix("running|1 of 2 done|")
            }
            let parts = header.split(separator: "|").map(String.init)
            #expect(live, "status and progress changed on the open page: \(header)")
            #expect(parts.count == 5 && parts[2].contains("1 completed") && parts[2].contains("1 running"), "\(header)")
            #expect(parts.count == 5 && parts[3] != "—", "the start time appeared: \(header)")
            #expect(parts.last == "true", "without a reload")
            _ = FileManager.default.createFile(atPath: gate, contents: nil)
            let ended = try await waitUntil(every: .milliseconds(200)) {
                let listed = try? await session.cli.run("job", "executions", "--format", "json")
                let rows =
                    try? JSONSerialization.jsonObject(with: Data((listed?.stdout ?? "").utf8)) as? [[String: Any]]
                return rows?.first?["status"] as? String == "completed"
            }
            #expect(ended)

            try await session.open("/executions/\(id)?per_page=1")
            #expect(try await session.number("document.querySelectorAll('tr[data-branch]').length") == 1)
            #expect(try await session.page.text().contains("Page 1 of 2"))
            try await session.open("/executions/\(id)?name=SLOW")
            #expect(
                try await session.string(
                    "[...document.querySelectorAll('tr[data-branch] a')].map(a => a.textContent).join()")
                    == "slow-2")
            try await session.open("/executions/\(id)?status=failed")
            #expect(try await session.page.text().contains("No targets match."))
            let csv = try await session.string("fetch('/executions/\(id)/export.csv').then(r => r.text())")
            for text in ["one-fast-1", "two-fast-1", "one-slow-2", "two-slow-2"] {
                #expect(csv.contains(text), "the export has every action's output: \(text)")
            }

            // Item 14: the jobs list runs a job; the job's recent executions say who ran them and for how long.
            try await session.open("/jobs")
            try await session.submitting(
                "document.querySelector(\"tr[data-job='two steps'] form[action$='/run'] button\").click()")
            #expect(try await session.page.text().contains("Execution queued."))
            let jobID = try #require(try await session.job("two steps")["id"] as? Int)
            let byAdmin = try await waitUntil(every: .milliseconds(200)) {
                try? await session.open("/jobs/\(jobID)")
                let row = (try? await session.string("document.querySelector('#runs tbody tr').textContent")) ?? ""
                return row.contains("completed") && row.contains("admin")
            }
            #expect(byAdmin, "the newest run was started by admin")
            #expect(
                try await session.string("document.querySelector('#runs tbody tr td:nth-child(5)').textContent")
                    .hasSuffix(" s"), "with its duration")
        }
    }
}
