import Foundation

/// A self-signed certificate and key for `localhost` and 127.0.0.1, made with `openssl req -x509`.
public struct TestCertificate: Sendable {
    public let certificatePath: String
    public let keyPath: String
    /// The certificate's notAfter in ISO 8601 (`2026-12-25T23:00:00Z`), as openssl reads it.
    public let notAfter: String
    public static let commonName = "drm-test.localhost"

    public static func make(in directory: String, days: Int = 30) throws -> TestCertificate {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let cert = directory + "/cert.pem"
        let key = directory + "/key.pem"
        try Shell.run(
            "openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:prime256v1 -nodes -keyout '\(key)' "
                + "-out '\(cert)' -days \(days) -subj '/CN=\(commonName)' "
                + "-addext 'subjectAltName=DNS:localhost,IP:127.0.0.1' 2>&1")
        let end = try Shell.run("openssl x509 -enddate -noout -dateopt iso_8601 -in '\(cert)'")
            .trimmingCharacters(in: .whitespacesAndNewlines).replacingOccurrences(of: "notAfter=", with: "")
            .replacingOccurrences(of: " ", with: "T")
        return TestCertificate(certificatePath: cert, keyPath: key, notAfter: end)
    }
}

/// A Python server script run as a child process. The script exits by itself when the test process is gone
/// (it polls the parent's pid), so a crashed test leaves nothing behind; ``stop()`` ends it earlier.
public final class PythonServer: @unchecked Sendable {
    public let port: Int
    public let directory: String
    let process: Process

    init(name: String, script: String, arguments: [String], directory: String) throws {
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        let path = directory + "/\(name).py"
        try Data(script.utf8).write(to: URL(fileURLWithPath: path))
        var lastLog = ""
        for _ in 0..<3 {
            let port = try FreePort.find()
            let log = directory + "/\(name)-\(port).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            process.arguments =
                ["python3", path, "--port", "\(port)", "--parent", "\(getpid())"] + arguments
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            for _ in 0..<100 {
                lastLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
                if lastLog.contains("READY") || !process.isRunning { break }
                Thread.sleep(forTimeInterval: 0.1)
            }
            if lastLog.contains("READY"), process.isRunning {
                self.port = port
                self.directory = directory
                self.process = process
                return
            }
            if process.isRunning { process.terminate() }
        }
        throw TestSupportError.serverDidNotStart(name, log: lastLog)
    }

    /// Ends the server: SIGTERM, then SIGKILL if it is still there after 2 s (a server that ignores SIGTERM
    /// must not hang the test run).
    public func stop() {
        if process.isRunning { process.terminate() }
        for _ in 0..<20 where process.isRunning { Thread.sleep(forTimeInterval: 0.1) }
        if process.isRunning { kill(process.processIdentifier, SIGKILL) }
        process.waitUntilExit()
    }

    deinit { if process.isRunning { process.terminate() } }

    /// Shared by the scripts: exit when the test process is gone.
    static let parentWatch = """
        import os, threading, time
        def watch_parent(pid, on_exit):
            def loop():
                while True:
                    try:
                        os.kill(pid, 0)
                    except OSError:
                        on_exit()
                        os._exit(0)
                    time.sleep(0.5)
            threading.Thread(target=loop, daemon=True).start()

        """
}
