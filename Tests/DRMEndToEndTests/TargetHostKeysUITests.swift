import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 14, item 3 on the target page: an SSH method's pinned key and the key its last test saw side by side, with
/// the policy; an administrator accepts the offered key, forgets the pinned one and pins one given as a line, in
/// headless Chromium against a real sshd.
@Suite struct TargetHostKeysUITests {
    @Test func theTargetPageShowsAcceptsForgetsAndPinsHostKeys() async throws {
        let ssh = try await SSHServer.start(addresses: ["127.0.14.5"])
        defer { ssh.stop() }
        try await SignedInBrowser.with("hostkeys") { session in
            try await session.importTargets(
                """
                name,host,port,username,password,key_file,tags,os_type,host_key
                keys-1,127.0.14.5,\(ssh.port),\(ssh.username),\(ssh.password),,keys,linux,\(HostKeyCommandTests.otherKey)
                """)
            let refused = try await session.cli.run("target", "test", "keys-1")
            #expect(refused.status == 1, "the pinned key is not the server's: \(refused.stdout)")
            let listed = try await session.cli.run("target", "host-key", "list", "--filter", "tag=keys")
            let columns = try #require(listed.stdout.split(separator: "\n").last).split(separator: "\t").map(
                String.init)
            let (pinned, offered) = (columns[columns.count - 2], columns[columns.count - 1])
            let id = try await session.targetID("keys-1")

            try await session.open("/targets/\(id)")
            func cell(_ index: Int) async throws -> String {
                try await session.string(
                    "document.querySelector('#host-keys tbody tr').children[\(index)].textContent.trim()")
            }
            func state() async throws -> String {
                try await session.string("document.querySelector('#host-keys [data-key-state]').dataset.keyState")
            }
            #expect(try await state() == "changed")
            #expect(try await cell(2) == pinned, "the pinned key")
            #expect(try await cell(3).hasPrefix(offered), "beside the offered one")
            #expect(try await cell(4).hasPrefix("pinned:"), "and the policy")

            // Accept the offered key (the page asks first); the next test passes.
            _ = try await session.page.evaluate("window.confirm = () => true")
            try await session.submitting("document.querySelector('[data-key-action=accept] button').click()")
            #expect(try await session.page.text().contains("Host key accepted."))
            #expect(try await state() == "matches")
            #expect(try await cell(2) == offered)
            #expect(try await session.cli.run("target", "test", "keys-1").status == 0)

            // Forget it: nothing pinned.
            _ = try await session.page.evaluate("window.confirm = () => true")
            try await session.submitting("document.querySelector('[data-key-action=forget] button').click()")
            #expect(try await session.page.text().contains("Host key forgotten"))
            #expect(try await state() == "unpinned")
            #expect(try await cell(2) == "none")

            // A line that is no key is refused, naming the field; a real one is pinned.
            try await session.submitting(
                "(() => { const f = document.querySelector('[data-key-action=pin]'); f.querySelector('[name=host_key]').value = 'not a key'; f.requestSubmit(); })()"
            )
            let refusal = try await session.string("document.querySelector('.error')?.textContent ?? ''")
            #expect(refusal.contains("host_key"), "\(refusal)")
            try await session.submitting(
                "(() => { const f = document.querySelector('[data-key-action=pin]'); f.querySelector('[name=host_key]').value = \(WebUITests.literal(HostKeyCommandTests.otherKey)); f.requestSubmit(); })()"
            )
            #expect(try await session.page.text().contains("Host key pinned."))
            #expect(try await cell(2) == pinned)

            try await session.open("/audit?action=host_key.")
            let audit = try await session.page.text()
            #expect(
                audit.contains("host_key.forget") && audit.contains("host_key.accept"), "audited: \(audit.prefix(800))")
        }
    }
}
