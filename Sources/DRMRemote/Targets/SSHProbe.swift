import Foundation

/// Connection test of an SSH method: connect, check the host key, authenticate, run a probe command and read the
/// operating system off its output.
public struct SSHProbe: ConnectionProbe {
    public var host: String
    public var port: Int
    public var username: String
    public var authentication: SSHAuthentication
    public var hostKeyPolicy: SSHHostKeyPolicy
    public var command: String
    public var timeout: Duration
    public var client: SSHClient

    public init(
        host: String, port: Int = 22, username: String, authentication: SSHAuthentication,
        hostKeyPolicy: SSHHostKeyPolicy, command: String = "uname -a", timeout: Duration = .seconds(30),
        client: SSHClient = SSHClient()
    ) {
        self.host = host
        self.port = port
        self.username = username
        self.authentication = authentication
        self.hostKeyPolicy = hostKeyPolicy
        self.command = command
        self.timeout = timeout
        self.client = client
    }

    public func run() async -> ProbeResult {
        await measure(host: host, port: port) {
            let connection = try await client.connect(
                host: host, port: port, username: username, authentication: authentication,
                hostKeyPolicy: hostKeyPolicy, connectTimeout: timeout)
            do {
                let result = try await connection.execute(command, timeout: timeout)
                await connection.close()
                let output = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
                var details = [
                    "host_key": connection.hostKey.openSSH, "host_key_fingerprint": connection.hostKeyFingerprint,
                    "exit_code": result.exitCode.map(String.init) ?? "", "output": String(output.prefix(500)),
                    "os": Self.operatingSystem(fromUname: output),
                ]
                if let signal = result.exitSignal { details["exit_signal"] = signal }
                guard result.exitCode == 0 else {
                    throw ConnectionError(
                        .other, "connected, but `\(command)` exited \(result.exitCode.map(String.init) ?? "by signal")",
                        details: details)
                }
                return ("connected as \(username), \(details["os"]!)", details)
            } catch {
                await connection.close()
                throw error
            }
        }
    }

    /// `linux`, `darwin`, `freebsd`, `openbsd`, `netbsd`, `solaris`, `aix`, `windows` or `unknown`, from the first
    /// word of `uname -a` (or `uname -s`).
    public static func operatingSystem(fromUname output: String) -> String {
        let kernel = output.split(separator: " ").first.map { $0.lowercased() } ?? ""
        switch kernel {
        case "linux": return "linux"
        case "darwin": return "darwin"
        case "freebsd": return "freebsd"
        case "openbsd": return "openbsd"
        case "netbsd": return "netbsd"
        case "sunos": return "solaris"
        case "aix": return "aix"
        default:
            if ["cygwin", "mingw", "msys"].contains(where: kernel.hasPrefix) { return "windows" }
            return "unknown"
        }
    }
}
