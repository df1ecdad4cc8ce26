import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, item 9: the job form gives each action type its own fields. In headless Chromium a job is built with a
/// command and an HTTP request (the second row's fields appear when its type is chosen) and an option row, saved, shown with its
/// fields filled in again, and run on a real sshd and HTTP server.
@Suite struct JobActionFieldsUITests {
    @Test func aJobBuiltFromTwoActionTypesFieldsRuns() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.14.1"])
        defer { ssh.stop() }
        let http = try await HTTPTestServer.start(host: "127.0.14.2")
        defer { http.stop() }
        try await SignedInBrowser.with("fields") { session in
            try FileManager.default.copyItem(atPath: ssh.keys.ed25519, toPath: session.directory + "/id_ed25519")
            try await session.importTargets(
                """
                name,host,port,username,password,key_file,tags,os_type,host_key
                fields-1,127.0.14.1,\(ssh.port),\(ssh.username),,id_ed25519,fields,linux,\(ssh.hostPublicKey)
                """)
            try await session.open("/jobs")
            let row = "document.querySelectorAll('.job-form .action-row')"
            _ = try await session.page.evaluate(
                """
                (() => { const f = document.querySelector('.job-form');
                  f.querySelector('[name=name]').value = 'two kinds';
                  f.querySelector('[name=target_filter]').value = 'tag=fields';
                  const first = \(row)[0];
                  first.querySelector('[name="action_name[]"]').value = 'greet';
                  first.querySelector('[name="field[command.command][]"]').value = 'echo fields-{{greeting}}-{{target.name}}\\necho second-line';
                  const option = f.querySelector('.option-row');
                  option.querySelector('[name="option_name[]"]').value = 'greeting';
                  option.querySelector('[name="option_default[]"]').value = 'hello';
                  option.querySelector('[name="option_allowed[]"]').value = 'hello, hi';
                  f.querySelector('[data-add-row]').click(); })()
                """)
            // The second row starts as a command; choosing http_request shows its fields and hides the command's.
            _ = try await session.page.evaluate(
                """
                (() => { const second = \(row)[1];
                  const type = second.querySelector('[data-action-type]');
                  type.value = 'http_request';
                  type.dispatchEvent(new Event('change', { bubbles: true })); })()
                """)
            let shown = try await session.string(
                """
                [...\(row)[1].querySelectorAll('[data-action-fields]')].filter(g => !g.hidden).map(g => g.dataset.actionFields).join()
                """)
            #expect(shown == "http_request", "only the chosen type's fields show: \(shown)")
            try await session.submitting(
                """
                (() => { const second = \(row)[1];
                  second.querySelector('[name="action_name[]"]').value = 'ping';
                  second.querySelector('[name="field[http_request.method][]"]').value = 'POST';
                  second.querySelector('[name="field[http_request.url][]"]').value = '\(http.baseURL)/echo';
                  second.querySelector('[name="field[http_request.headers][]"]').value = 'X-Probe: {{target.name}}';
                  second.querySelector('[name="field[http_request.body][]"]').value = 'hello from {{target.name}}';
                  second.querySelector('[name="field[http_request.expected_status][]"]').value = '200, 201';
                  second.querySelector('[name="field[config.retries][]"]').value = '1';
                  document.querySelector('.job-form').requestSubmit(); })()
                """)
            let saved = try await session.page.text()
            #expect(saved.contains("Job created."), "\(saved.prefix(800))")

            let job = try await session.job("two kinds")
            let actions = try #require(job["actions"] as? [[String: Any]])
            #expect(actions.count == 2)
            #expect(actions.first?["action_type"] as? String == "command")
            let command = actions.first?["action_parameters"] as? [String: Any]
            #expect(
                command?["command"] as? String == "echo fields-{{greeting}}-{{target.name}}\necho second-line",
                "a command of two lines is kept as written, with plain line ends: \(String(describing: command))")
            let request = actions.last?["action_parameters"] as? [String: Any]
            #expect(request?["method"] as? String == "POST")
            #expect(request?["url"] as? String == "\(http.baseURL)/echo")
            #expect(request?["expected_status"] as? [Int] == [200, 201])
            #expect(request?["headers"] as? [String: String] == ["X-Probe": "{{target.name}}"])
            #expect((actions.last?["action_config"] as? [String: Any])?["retries"] as? Int == 1)
            let options = try #require(job["options"] as? [[String: Any]])
            #expect(options.count == 1 && options.first?["name"] as? String == "greeting")
            #expect(options.first?["default"] as? String == "hello")
            #expect(options.first?["allowed"] as? [String] == ["hello", "hi"], "an option from its own fields")

            // The saved job's edit form shows each value in its own field again, not as JSON.
            #expect(
                try await session.string(
                    "document.querySelectorAll('.job-form .action-row')[1].querySelector('[name=\"field[http_request.url][]\"]').value"
                ) == "\(http.baseURL)/echo")
            #expect(
                try await session.string(
                    "document.querySelectorAll('.job-form .action-row')[1].querySelector('[name=\"action_parameters[]\"]').value"
                ) == "", "nothing is left over for the JSON view")

            try await session.submitting("document.getElementById('run-job').requestSubmit()")
            #expect(try await session.page.location().contains("/executions/"))
            let executionPath = try await session.page.location()
            var text = ""
            let finished = try await waitUntil(every: .milliseconds(500)) {
                try? await session.page.navigate(executionPath)
                text = (try? await session.page.text()) ?? ""
                let running = try? await session.number(
                    "document.querySelectorAll('[data-status=\"running\"], [data-status=\"queued\"]').length")
                return running == 0 && text.contains("completed")
            }
            #expect(finished, "the run ends: \(text.prefix(1500))\n\(session.server.log.suffix(4000))")
            #expect(text.contains("fields-hello-fields-1"), "the command's output: \(text.prefix(1500))")
            #expect(text.contains("POST \(http.baseURL)/echo → 200"), "the HTTP request was sent")
            // The output sits in a folded section: read the page's whole text, not only what shows.
            let whole = try await session.string("document.body.textContent")
            #expect(whole.contains("hello from fields-1"), "its body, with the variable filled in, came back")
            #expect(whole.contains("x-probe"), "and the header was sent")
        }
    }
}
