import Foundation

/// Runs shell commands for test setup.
public enum Shell {
    /// Runs `command` with `/bin/sh -c` and returns its standard output; throws on a non-zero exit.
    @discardableResult
    public static func run(_ command: String) throws -> String {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/bin/sh")
        process.arguments = ["-c", command]
        let output = Pipe()
        process.standardOutput = output
        process.standardError = output
        try process.run()
        let data = output.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        let text = String(decoding: data, as: UTF8.self)
        guard process.terminationStatus == 0 else {
            throw TestSupportError.commandFailed(command, status: process.terminationStatus, output: text)
        }
        return text
    }
}

/// Finds a free TCP port on 127.0.0.1.
public enum FreePort {
    /// Asks the kernel for a port by binding port 0, then releases it.
    public static func find() throws -> Int {
        let (socket, port) = try bindLoopback(listening: false)
        close(socket)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks (and listening, if asked), with that port.
    static func bindLoopback(listening: Bool) throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0, !listening || listen(socket, 128) == 0 else {
            close(socket)
            throw TestSupportError.commandFailed("bind", status: errno, output: "no free port on 127.0.0.1")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}

/// Blocking setup work (starting a server, waiting on a process) off Swift concurrency's few threads: on a
/// machine with two cores, two blocked cooperative threads stall every other test, time-outs included.
public enum Blocking {
    /// Runs `body` on a new thread and returns its result.
    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            Thread.detachNewThread { continuation.resume(with: Result(catching: body)) }
        }
    }
}

/// A value made once per test process, on first use (blocking work is run off the cooperative pool).
public final class SharedResource<Value: Sendable>: Sendable {
    private let task: Task<Value, any Error>

    public init(_ make: @escaping @Sendable () throws -> Value) {
        task = Task { try await Blocking.run(make) }
    }

    /// For a value made without blocking (a server started on NIO).
    public init(_ make: @escaping @Sendable () async throws -> Value) {
        task = Task { try await make() }
    }

    public func get() async throws -> Value { try await task.value }
}

/// Temporary directories that disappear with the test process.
public enum TemporaryDirectory {
    /// Creates `<tmp>/<prefix>-<random>` and starts a detached watchdog that deletes it when this process ends,
    /// however it ends.
    public static func make(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // Detached, with inherited descriptors closed (as PostgresCluster's watchdog): nobody reading a pipe to EOF
        // may wait for it.
        let watchdog = """
            for fd in $(ls /proc/$$/fd); do case $fd in 0|1|2) ;; *) eval "exec $fd>&-" ;; esac; done 2>/dev/null
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            rm -rf '\(path)'
            """
        try Data(watchdog.utf8).write(to: URL(fileURLWithPath: path + "/.watchdog.sh"))
        try Shell.run("nohup /bin/bash '\(path)/.watchdog.sh' < /dev/null > /dev/null 2>&1 &")
        return path
    }
}
