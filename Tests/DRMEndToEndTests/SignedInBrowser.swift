import DRMCore
import DRMTestSupport
import Foundation
import Testing

/// `enabledrm serve` in a fresh directory and headless Chromium signed in to it as the administrator: what the
/// browser tests of the pages start from. ``close()`` stops both and removes the directory.
struct SignedInBrowser {
    let directory: String
    let cli: CLIProcess
    let server: RunningServer
    let browser: Chromium
    let page: BrowserPage
    var base: String { "http://127.0.0.1:\(server.port)" }

    /// Runs `body` with a signed-in browser, then closes it whether `body` threw or not.
    static func with(_ name: String, _ body: (SignedInBrowser) async throws -> Void) async throws {
        let session = try await start(name)
        do {
            try await body(session)
        } catch {
            await session.close()
            throw error
        }
        await session.close()
    }

    static func start(_ name: String) async throws -> SignedInBrowser {
        let directory =
            FileManager.default.temporaryDirectory.path + "/enabledrm-\(name)-\(UUID().uuidString.prefix(8))"
        let cli = try CLIProcess(
            workingDirectory: directory, environment: ["ENABLEDRM_ADMIN_PASSWORD": WebUITests.adminPassword])
        let server = try await cli.serve()
        let browser = try await Chromium.launch()
        let page = try await browser.newPage()
        let session = SignedInBrowser(directory: directory, cli: cli, server: server, browser: browser, page: page)
        try await page.navigate(session.base + "/login")
        try await page.waitForLoad {
            _ = try await page.evaluate(
                """
                (() => { const f = document.querySelector('form');
                  f.querySelector('[name="username"]').value = 'admin';
                  f.querySelector('[name="password"]').value = \(WebUITests.literal(WebUITests.adminPassword));
                  f.requestSubmit(); })()
                """)
        }
        return session
    }

    func close() async {
        await page.close()
        browser.close()
        _ = server.stop()
        try? FileManager.default.removeItem(atPath: directory)
    }

    /// Opens a path of the site and waits for it to load.
    func open(_ path: String) async throws {
        try await page.navigate(base + path)
    }

    /// Runs a script that submits a form (or follows a link) and waits for the next page.
    func submitting(_ script: String) async throws {
        try await page.waitForLoad { _ = try await page.evaluate(script) }
    }

    /// A JavaScript expression's value as text (`""` for anything else).
    func string(_ expression: String) async throws -> String {
        guard case .string(let text) = try await page.evaluate(expression) else { return "" }
        return text
    }

    /// A JavaScript expression's value as a number (`nil` for anything else).
    func number(_ expression: String) async throws -> Int? {
        guard case .number(let value) = try await page.evaluate(expression) else { return nil }
        return Int(value)
    }

    /// Writes `csv` to a file and imports it with `enabledrm target import`.
    func importTargets(_ csv: String) async throws {
        try csv.write(toFile: directory + "/targets.csv", atomically: true, encoding: .utf8)
        let imported = try await cli.run("target", "import", "targets.csv")
        try #require(imported.status == 0, "import: \(imported.stdout)\(imported.stderr)")
    }

    /// A target's id, by the exact name the picker's search finds.
    func targetID(_ name: String) async throws -> Int {
        let id = try await number(
            "fetch('/targets/choices?q=\(name)').then(r => r.json()).then(d => d.items.find(t => t.name === '\(name)').id)"
        )
        return try #require(id, "target \(name)")
    }

    /// A job's definition as `enabledrm job show` prints it.
    func job(_ name: String) async throws -> [String: Any] {
        let shown = try await cli.run("job", "show", name)
        return try #require(try JSONSerialization.jsonObject(with: Data(shown.stdout.utf8)) as? [String: Any])
    }
}
