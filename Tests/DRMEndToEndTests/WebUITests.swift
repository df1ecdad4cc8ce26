import DRMCore
import DRMSchema
import DRMTestSupport
import Foundation
import Testing

/// The web UI in a real browser: headless Chromium against `enabledrm serve`, logging in, opening every page,
/// using its forms, and being refused what the role may not do. Screenshots go to `$ENABLEDRM_SCREENSHOTS`
/// (default: a folder under the temporary directory).
@Suite struct WebUITests {
    static let adminPassword = "Browser-admin-pass-1"

    @Test("log in, every page, forms, log out, a guest's limits", arguments: SchemaDialect.allCases)
    func browse(dialect: SchemaDialect) async throws {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-ui-\(UUID().uuidString.prefix(8))"
        defer { try? FileManager.default.removeItem(atPath: directory) }
        var environment = ["ENABLEDRM_ADMIN_PASSWORD": Self.adminPassword]
        let database = dialect == .postgres ? try await TestDatabase.empty(.postgres) : nil
        if let database { environment["ENABLEDRM_DATABASE_URL"] = database.urlString }
        let screenshots =
            (ProcessInfo.processInfo.environment["ENABLEDRM_SCREENSHOTS"]
                ?? FileManager.default.temporaryDirectory.path + "/enabledrm-screenshots") + "/\(dialect)"
        try FileManager.default.createDirectory(atPath: screenshots, withIntermediateDirectories: true)
        let ssh = try await SSHServer.start()
        defer { ssh.stop() }
        let server = try await CLIProcess(workingDirectory: directory, environment: environment).serve()
        let browser = try await Chromium.launch()
        let page = try await browser.newPage()
        let base = "http://127.0.0.1:\(server.port)"
        var step = "start"
        func shoot(_ name: String) async throws {
            step = name
            try await page.screenshot(to: "\(screenshots)/\(name).png")
        }
        /// Fills and submits a form; `validate: false` skips the browser's own checks, to reach the server's.
        func submit(_ form: String, _ fields: [String: String], validate: Bool = true) async throws {
            let assignments = fields.map { name, value in
                "f.querySelector('[name=\"\(name)\"]').value = \(Self.literal(value));"
            }.joined()
            try await page.waitForLoad {
                _ = try await page.evaluate(
                    "(() => { const f = document.querySelector(\(Self.literal(form))); f.noValidate = \(!validate); \(assignments) f.requestSubmit(); })()"
                )
            }
        }
        do {
            try await page.navigate(base + "/users")
            #expect(try await page.location().hasPrefix(base + "/login?next="), "a page needs a session")
            try await shoot("login")
            try await submit("form", ["username": "admin", "password": "not-the-password"])
            #expect(try await page.text().contains("Incorrect username or password"))
            try await submit("form", ["username": "admin", "password": Self.adminPassword])
            #expect(try await page.location() == base + "/users", "back to the page asked for")

            try await page.navigate(base + "/dashboard")
            let dashboard = try await page.text()
            #expect(dashboard.contains("Welcome, admin."))
            #expect(dashboard.contains("Failed log-ins, 24 h"))
            for area in ["Targets", "Jobs", "Audit log", "Users & roles", "Sessions", "Settings", "Healthy targets"] {
                #expect(dashboard.contains(area), "navigation links to \(area)")
            }
            #expect(try await page.evaluate("document.querySelectorAll('svg.chart rect.bar').length") != .number(0))
            try await shoot("dashboard")

            try await page.navigate(base + "/users")
            try await submit(
                "form[action='/users']",
                [
                    "username": "grace", "email": "grace@example.com", "password": "Guest-browser-pass-2",
                    "role": "guest",
                ])
            let users = try await page.text()
            #expect(users.contains("User created."))
            #expect(users.contains("grace@example.com"))
            #expect(users.contains("Resource"), "the role matrix")
            try await shoot("users")

            try await page.navigate(base + "/settings")
            try await submit("form[action='/settings']", ["max_concurrent_jobs": "7"])
            #expect(try await page.text().contains("Settings saved."))
            #expect(try await page.evaluate("document.getElementById('max_concurrent_jobs').value") == "7")
            try await submit("form[action='/settings']", ["max_concurrent_jobs": "0"], validate: false)
            #expect(try await page.text().contains("max_concurrent_jobs"), "a refused value names the setting")
            try await shoot("settings")

            let forged = try await page.evaluate(
                "fetch('/settings', {method: 'POST', body: new URLSearchParams({max_concurrent_jobs: '9'})}).then(r => r.status)"
            )
            #expect(forged == .number(403), "a form post without the form token is refused")

            try await page.navigate(base + "/sessions")
            #expect(try await page.text().contains("this session"))
            try await shoot("sessions")

            try await page.navigate(base + "/audit")
            let audit = try await page.text()
            for action in ["auth.login_failed", "auth.login", "user.create", "settings.update"] {
                #expect(audit.contains(action), "the audit page shows \(action)")
            }
            try await shoot("audit")
            try await page.navigate(base + "/audit?action=settings.update")
            #expect(try await page.evaluate("document.querySelectorAll('#audit tbody tr').length") == .number(1))

            try await page.navigate(base + "/targets")
            try await submit(
                "#new-target",
                [
                    "name": "lab-ssh", "method": "ssh", "host": "127.0.0.1", "port": String(ssh.port),
                    "username": ssh.username, "password": ssh.password, "tags": "lab; linux",
                ])
            #expect(try await page.text().contains("Target created."))
            try await submit(
                "#new-target", ["name": "bad-port", "host": "127.0.0.1", "port": "70000"], validate: false)
            #expect(try await page.text().contains("port"), "a refused target names the field")
            try await page.navigate(base + "/targets")
            try await submit("tr[data-target='lab-ssh'] form[action$='/test']", [:])
            let tested = try await page.text()
            #expect(tested.contains("Connection test done."))
            #expect(
                try await page.evaluate(
                    "document.querySelector(\"tr[data-target='lab-ssh'] .outcome-success\") !== null")
                    == .bool(true), "the test succeeded: \(tested)")
            #expect(tested.contains("host key SHA256:"), "the recorded host key is shown")
            let html = try await page.evaluate("document.documentElement.outerHTML")
            #expect(html != .null && html != .string(""))
            #expect(!"\(html)".contains(ssh.password), "no password in the page")
            try await shoot("targets")
            try await page.waitForLoad {
                _ = try await page.evaluate("document.querySelector(\"tr[data-target='lab-ssh'] a\").click()")
            }
            try await submit("#edit-target", ["device_type": "linux", "status": "maintenance"])
            let edited = try await page.text()
            #expect(edited.contains("Target saved."), "\(edited.prefix(500))")
            #expect(
                try await page.evaluate("document.querySelector('#edit-target [name=status]').value") == "maintenance")
            #expect(edited.contains("password set"), "credential metadata, never the value")
            try await shoot("target-edit")
            try await page.navigate(base + "/device-types")
            #expect(
                try await page.evaluate("document.querySelector(\"tr[data-type='linux'] td:nth-child(7)\").textContent")
                    == "1", "the linux type counts the target")
            try await submit(
                "#new-device-type", ["value": "storage_array", "label": "Storage array", "ports": "22; 443"])
            #expect(try await page.text().contains("Device type added."))
            #expect(
                try await page.evaluate("document.querySelectorAll(\"tr[data-type='storage_array']\").length")
                    == .number(1))
            try await shoot("device-types")
            try await page.navigate(base + "/targets?filter=tag%3Dlab%20and%20os%3Dlinux")
            #expect(try await page.evaluate("document.querySelectorAll('#targets tbody tr').length") == .number(1))
            try await page.navigate(base + "/targets?filter=tag%3Dnothing")
            #expect(try await page.text().contains("No targets match."))
            try await page.navigate(base + "/targets?filter=colour%3Dred")
            #expect(try await page.text().contains("Filter: unknown field 'colour'"))

            try await page.navigate(base + "/jobs")
            #expect(try await page.text().contains("New job"))
            try await page.navigate(base + "/notifications")
            #expect(try await page.text().contains("not available in this version"))

            try await submit("form[action='/logout']", [:])
            #expect(try await page.location() == base + "/login")
            try await page.navigate(base + "/settings")
            #expect(try await page.location().hasPrefix(base + "/login"), "logged out")

            try await submit("form", ["username": "grace", "password": "Guest-browser-pass-2"])
            #expect(try await page.location() == base + "/settings")
            try await page.navigate(base + "/dashboard")
            let guest = try await page.text()
            #expect(guest.contains("Welcome, grace."))
            #expect(!guest.contains("Audit log"), "a guest's navigation has no audit log")
            try await page.navigate(base + "/audit")
            #expect(try await page.text().contains("403"))
            try await page.navigate(base + "/settings")
            #expect(try await page.evaluate("document.getElementById('max_concurrent_jobs').disabled") == .bool(true))
            try await shoot("guest-settings")
        } catch {
            let shown = (try? await page.text()) ?? "?"
            Issue.record("after \(step): \(error)\nthe page shows: \(shown.prefix(3000))\n\(server.log.suffix(2000))")
        }
        await page.close()
        browser.close()
        _ = server.stop()
        await database?.close()
    }

    /// `text` as a JavaScript string literal.
    static func literal(_ text: String) -> String {
        let data = try! JSONEncoder().encode([text])
        return String(String(decoding: data, as: UTF8.self).dropFirst().dropLast())
    }
}
