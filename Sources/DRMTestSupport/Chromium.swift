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

/// One tab: navigate, evaluate JavaScript, wait for page loads, take screenshots.
public actor BrowserPage {
    let socket: WebSocket
    var nextID = 0
    var pending: [Int: CheckedContinuation<JSONValue, any Error>] = [:]
    var loads = 0

    static func connect(_ url: String) async throws -> BrowserPage {
        let group = MultiThreadedEventLoopGroup.singleton
        let upgraded = group.any().makePromise(of: WebSocket.self)
        WebSocket.connect(to: url, configuration: .init(maxFrameSize: 1 << 26), on: group) { upgraded.succeed($0) }
            .whenFailure { upgraded.fail($0) }
        let socket = try await upgraded.futureResult.get()
        let page = BrowserPage(socket: socket)
        socket.onText { _, text in await page.receive(text) }
        _ = try await page.send("Page.enable")
        _ = try await page.send("Runtime.enable")
        return page
    }

    init(socket: WebSocket) { self.socket = socket }

    func receive(_ text: String) {
        guard let message = try? JSONDecoder().decode([String: JSONValue].self, from: Data(text.utf8)) else { return }
        if case .number(let number)? = message["id"], let continuation = pending.removeValue(forKey: Int(number)) {
            if let error = message["error"] {
                continuation.resume(throwing: ChromiumError.protocolError("\(error)"))
            } else {
                continuation.resume(returning: message["result"] ?? .null)
            }
        } else if message["method"] == "Page.loadEventFired" {
            loads += 1
        }
    }

    /// Sends a DevTools command and returns its result.
    public func send(_ method: String, _ params: JSONValue = [:]) async throws -> JSONValue {
        nextID += 1
        let id = nextID
        let data = try JSONEncoder().encode(
            ["id": .number(Double(id)), "method": .string(method), "params": params] as JSONValue)
        return try await withCheckedThrowingContinuation { continuation in
            pending[id] = continuation
            socket.send(String(decoding: data, as: UTF8.self))
        }
    }

    /// Runs `action` (which should start a navigation) and waits until the new page has loaded.
    public func waitForLoad(_ action: () async throws -> Void) async throws {
        let before = loads
        try await action()
        guard try await waitUntil(every: .milliseconds(100), { loads > before }) else {
            throw ChromiumError.timeout("a page load (at \(try await location()))")
        }
    }

    /// Opens `url` and waits for it to load.
    public func navigate(_ url: String) async throws {
        try await waitForLoad { _ = try await send("Page.navigate", ["url": .string(url)]) }
    }

    /// The value of a JavaScript expression (JSON-serialisable values only).
    public func evaluate(_ expression: String) async throws -> JSONValue {
        let result = try await send(
            "Runtime.evaluate", ["expression": .string(expression), "returnByValue": true, "awaitPromise": true])
        if let exception = result["exceptionDetails"] {
            throw ChromiumError.protocolError("script failed: \(exception)")
        }
        return result["result"]?["value"] ?? .null
    }

    /// The text the page shows (`document.body.innerText`).
    public func text() async throws -> String {
        guard case .string(let text) = try await evaluate("document.body.innerText") else { return "" }
        return text
    }

    /// The page's address.
    public func location() async throws -> String {
        guard case .string(let text) = try await evaluate("location.href") else { return "" }
        return text
    }

    /// Saves a PNG of the visible page.
    public func screenshot(to path: String) async throws {
        let result = try await send("Page.captureScreenshot", ["format": "png"])
        guard case .string(let base64)? = result["data"], let data = Data(base64Encoded: base64) else {
            throw ChromiumError.protocolError("no screenshot data")
        }
        try data.write(to: URL(fileURLWithPath: path))
    }

    public func close() async {
        try? await socket.close()
    }
}
