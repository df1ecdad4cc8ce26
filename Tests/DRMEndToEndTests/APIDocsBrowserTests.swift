import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// `/api/docs` in a real browser: log in on the page, then "try it" sends an operation with the token and shows
/// the answer (#14 item 17).
@Suite struct APIDocsBrowserTests {
    @Test("try it: log in on the docs page, send GET /api/v1/auth/me, see the answer")
    func tryItInABrowser() async throws {
        let directory = UserCommandTests.scratch()
        defer { try? FileManager.default.removeItem(atPath: directory) }
        let password = "Docs-try-it-42x"
        let server = try await CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": password]
        ).serve()
        defer { server.stop() }
        let browser = try await Chromium.launch()
        defer { browser.close() }
        let page = try await browser.newPage()
        try await page.navigate("http://127.0.0.1:\(server.port)/api/docs")

        _ = try await page.evaluate(
            """
            (() => { const f = document.getElementById('try-login'); f.username.value = 'admin';
              f.password.value = '\(password)'; f.requestSubmit(); })()
            """)
        let loggedIn = try await waitUntil(every: .milliseconds(100)) {
            try await page.evaluate("document.getElementById('try-token').textContent") == "logged in as admin"
        }
        let me = "document.querySelector('details.try[data-method=\"GET\"][data-path=\"/api/v1/auth/me\"]')"
        _ = try await page.evaluate(
            "(() => { const d = \(me); d.open = true; d.querySelector('form').requestSubmit(); })()")
        var answer = ""
        let answered = try await waitUntil(every: .milliseconds(100)) {
            if case .string(let text) = try await page.evaluate("\(me).querySelector('.try-out').textContent") {
                answer = text
            }
            return !answer.isEmpty
        }

        #expect(loggedIn)
        #expect(answered)
        #expect(answer.hasPrefix("200 OK\n") && answer.contains(#""username": "admin""#), "\(answer)")
    }
}
