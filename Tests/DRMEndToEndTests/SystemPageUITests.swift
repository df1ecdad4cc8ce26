import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// Issue 18: the system page in headless Chromium, reached from the queue page, showing what `serve` reports of
/// itself: the database, its worker's heartbeat, the leader and the version.
@Suite struct SystemPageUITests {
    @Test func theSystemPageShowsTheDatabaseWorkersAndVersion() async throws {
        try await SignedInBrowser.with("system") { session in
            try await session.open("/queue")
            try await session.submitting("document.querySelector('a[href=\"/system\"]').click()")

            var text = ""
            // serve's worker writes its first heartbeat right after start; the page then lists it as live.
            let shown = try await waitUntil(every: .milliseconds(500)) {
                try await session.open("/system")
                text = try await session.page.text()
                return text.contains("live")
            }

            #expect(shown, "\(text)")
            #expect(try await session.page.location().hasSuffix("/system"))
            #expect(text.contains("System health"))
            #expect(text.contains("reachable (sqlite)"))
            #expect(text.contains("this node (single node)"))
            #expect(text.contains(EnableDRM.version))
            #expect(text.contains("serve@"), "serve's own worker")
            let folder =
                ProcessInfo.processInfo.environment["ENABLEDRM_SCREENSHOTS"]
                ?? FileManager.default.temporaryDirectory.path + "/enabledrm-screenshots"
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
            try await session.page.screenshot(to: folder + "/system.png")
        }
    }
}
