public import DRMCore
import Foundation
import NIOCore
import NIOPosix
import WebSocketKit

/// A real headless Chromium (Debian's `chromium`), driven through the DevTools protocol over a WebSocket.
/// The browser is stopped by ``close()``, and by a watchdog when the test process dies first.
public final class Chromium: Sendable {
    let directory: String
    let process: Process
    /// The DevTools HTTP port on 127.0.0.1.
    public let port: Int

    /// Starts a browser with a fresh profile.
    public static func launch() async throws -> Chromium {
        let directory =
            FileManager.default.temporaryDirectory.path + "/enabledrm-chromium-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let port = try FreePort.find()
        // Root needs --no-sandbox; the watchdog loop stops the browser when this process goes away.
        let script = """
            chromium --headless=new --no-sandbox --disable-gpu --disable-dev-shm-usage --no-first-run \
              --remote-debugging-address=127.0.0.1 --remote-debugging-port=\(port) --user-data-dir="$1/profile" \
              --window-size=1280,900 about:blank >"$1/chromium.log" 2>&1 &
            browser=$!
            echo $browser >"$1/pid"
            while kill -0 \(ProcessInfo.processInfo.processIdentifier) 2>/dev/null && kill -0 $browser 2>/dev/null; do sleep 0.5; done
            kill $browser 2>/dev/null; wait $browser
            """
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/bash")
        process.arguments = ["-c", script, "chromium", directory]
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        let browser = Chromium(directory: directory, process: process, port: port)
        // A busy 2-core machine starts Chromium slowly.
        let started = try await waitUntil(every: .milliseconds(100)) {
            (try? await browser.http("GET", "/json/version")) != nil
        }
        if started { return browser }
        let log = (try? String(contentsOfFile: directory + "/chromium.log", encoding: .utf8)) ?? ""
        browser.close()
        throw TestSupportError.commandFailed("chromium", status: -1, output: "DevTools did not start: \(log)")
    }

    init(directory: String, process: Process, port: Int) {
        self.directory = directory
        self.process = process
        self.port = port
    }

    /// A new tab.
    public func newPage() async throws -> BrowserPage {
        let data = try await http("PUT", "/json/new?about:blank")
        let target = try JSONDecoder().decode([String: JSONValue].self, from: data)
        guard case .string(let url)? = target["webSocketDebuggerUrl"] else {
            throw TestSupportError.commandFailed("chromium", status: -1, output: "no page target")
        }
        return try await BrowserPage.connect(url)
    }

    // curl, not URLSession: FoundationNetworking fails on the DevTools server's responses ("Failed writing header").
    // A process, so off the cooperative threads (as all blocking work of the test servers).
    func http(_ method: String, _ path: String) async throws -> Data {
        let command = "curl -sf --max-time 5 -X \(method) 'http://127.0.0.1:\(port)\(path)'"
        return Data(try await Blocking.run { try Shell.run(command) }.utf8)
    }

    /// Stops the browser and removes its profile.
    public func close() {
        if let pid = try? String(contentsOfFile: directory + "/pid", encoding: .utf8),
            let id = Int32(pid.trimmingCharacters(in: .whitespacesAndNewlines))
        {
            kill(id, SIGTERM)
        }
        process.waitUntilExit()
        try? FileManager.default.removeItem(atPath: directory)
    }
}
