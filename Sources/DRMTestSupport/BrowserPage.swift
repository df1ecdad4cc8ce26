public import DRMCore
import Foundation
import NIOCore
import NIOPosix
import WebSocketKit

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

    /// The text the page shows (`document.body.innerText`), once the page has a body: right after a click that
    /// navigates, the next document may not have one yet.
    public func text() async throws -> String {
        _ = try await waitUntil(every: .milliseconds(100)) {
            (try? await evaluate("document.readyState === 'complete' && document.body !== null")) == .bool(true)
        }
        guard case .string(let text) = try await evaluate("document.body ? document.body.innerText : ''") else {
            return ""
        }
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
