public import Foundation

/// The `enabledrm` binary built next to the test bundle, run as a real process.
public struct CLIProcess: Sendable {
    /// What a finished command printed and returned.
    public struct Outcome: Sendable {
        public var status: Int32
        public var stdout: String
        public var stderr: String
        public var seconds: Double
    }

    public let workingDirectory: String
    public let environment: [String: String]

    /// A runner in `workingDirectory` (created if needed) with `ENABLEDRM_*` taken from `environment` only. Unless
    /// `withKey` is false (or `environment` gives a key or a data directory), the working directory gets
    /// `enabledrm-data/secret.key`, as `enabledrm db upgrade` or `serve` would have made: other commands refuse to
    /// create one.
    public init(workingDirectory: String, environment: [String: String] = [:], withKey: Bool = true) throws {
        try FileManager.default.createDirectory(atPath: workingDirectory, withIntermediateDirectories: true)
        if withKey, environment["ENABLEDRM_SECRET_KEY"] == nil, environment["ENABLEDRM_DATA_DIR"] == nil {
            let data = workingDirectory + "/enabledrm-data"
            try FileManager.default.createDirectory(
                atPath: data, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max) }).base64EncodedString()
            if !FileManager.default.fileExists(atPath: data + "/secret.key") {
                FileManager.default.createFile(
                    atPath: data + "/secret.key", contents: Data((key + "\n").utf8),
                    attributes: [.posixPermissions: 0o600])
            }
        }
        self.workingDirectory = workingDirectory
        var base = ProcessInfo.processInfo.environment.filter { !$0.key.hasPrefix("ENABLEDRM_") }
        base.merge(environment) { $1 }
        self.environment = base
    }

    /// The binary: `enabledrm` in the directory of the running test bundle.
    public static var binary: URL {
        URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent().appendingPathComponent("enabledrm")
    }

    func process(_ arguments: [String]) -> (Process, Pipe, Pipe) {
        let process = Process()
        process.executableURL = Self.binary
        process.arguments = arguments
        process.environment = environment
        process.currentDirectoryURL = URL(fileURLWithPath: workingDirectory)
        let stdout = Pipe()
        let stderr = Pipe()
        process.standardOutput = stdout
        process.standardError = stderr
        process.standardInput = FileHandle.nullDevice
        return (process, stdout, stderr)
    }

    /// Runs `enabledrm arguments…` to completion.
    public func run(_ arguments: String...) async throws -> Outcome {
        try await run(arguments)
    }

    /// Runs `enabledrm` with `arguments` to completion.
    public func run(_ arguments: [String]) async throws -> Outcome {
        let (process, stdout, stderr) = process(arguments)
        let start = Date()
        try process.run()
        async let out = Task.detached { stdout.fileHandleForReading.readDataToEndOfFile() }.value
        async let err = Task.detached { stderr.fileHandleForReading.readDataToEndOfFile() }.value
        let (outData, errData) = await (out, err)
        process.waitUntilExit()
        return Outcome(
            status: process.terminationStatus, stdout: String(decoding: outData, as: UTF8.self),
            stderr: String(decoding: errData, as: UTF8.self), seconds: Date().timeIntervalSince(start)
        )
    }

    /// Starts `enabledrm serve` on a free port and waits until `/healthz` answers. A port that another test took
    /// between finding it free and binding it is tried again with another.
    public func serve(_ extra: String...) async throws -> RunningServer {
        for _ in 0..<3 {
            do {
                return try await serveOnce(extra)
            } catch let TestSupportError.serverDidNotStart(_, log) where log.contains("can't listen on") {
                continue
            }
        }
        return try await serveOnce(extra)
    }

    /// Starts `enabledrm arguments…` in the background (a worker, say), its output going to a log file.
    public func start(_ arguments: [String], name: String) throws -> BackgroundCommand {
        let log = workingDirectory + "/\(name).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let (process, _, _) = process(arguments)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        return BackgroundCommand(process: process, logPath: log)
    }

    func serveOnce(_ extra: [String]) async throws -> RunningServer {
        let port = try FreePort.find()
        let log = workingDirectory + "/serve-\(port).log"
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        let (process, _, _) = process(["serve", "--port", "\(port)"] + extra)
        let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let server = RunningServer(process: process, port: port, logPath: log)
        for _ in 0..<480 {
            if !process.isRunning { break }
            if let (status, _) = try? await server.get("/healthz"), status == 200 { return server }
            try await Task.sleep(for: .milliseconds(250))
        }
        server.stop()
        throw TestSupportError.serverDidNotStart("enabledrm serve", log: server.log)
    }
}
