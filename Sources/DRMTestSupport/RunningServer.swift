public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A running `enabledrm serve`; stop it with ``stop()`` (SIGTERM) and read its exit status.
public final class RunningServer: @unchecked Sendable {
    let process: Process
    public let port: Int
    let logPath: String

    init(process: Process, port: Int, logPath: String) {
        self.process = process
        self.port = port
        self.logPath = logPath
    }

    /// Everything the server printed.
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// `GET path` on the server: status and body.
    public func get(_ path: String) async throws -> (Int, String) {
        try await send("GET", path)
    }

    /// `method path` on the server with these headers and body: status and body.
    /// The answer may take up to `timeout` on a loaded machine (a log-in's bcrypt among other tests' work).
    public func send(
        _ method: String, _ path: String, headers: [String: String] = [:], body: String? = nil,
        timeout: Duration = generousDeadline
    ) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.httpMethod = method
        request.timeoutInterval = Double(timeout.components.seconds)
        for (name, value) in headers { request.setValue(value, forHTTPHeaderField: name) }
        request.httpBody = body.map { Data($0.utf8) }
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// Sends SIGTERM and waits for the process to exit; returns its exit status.
    @discardableResult
    public func stop() -> Int32 {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        return process.terminationStatus
    }
}
