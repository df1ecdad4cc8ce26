import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// Connection test of a `winrm` method: run `hostname` in a shell. Unverified like ``WinRMClient``.
public struct WinRMProbe: ConnectionProbe {
    public static let isVerifiedAgainstRealServer = WinRMClient.isVerifiedAgainstRealServer
    public var client: WinRMClient
    public var timeout: Duration

    public init(client: WinRMClient, timeout: Duration = .seconds(30)) {
        self.client = client
        self.timeout = timeout
    }

    public func run() async -> ProbeResult {
        let url = URLComponents(string: client.endpoint)
        return await measure(host: url?.host ?? client.endpoint, port: url?.port ?? 5985) {
            let result = try await client.execute("hostname", timeout: timeout)
            guard result.exitCode == 0 else {
                throw ConnectionError(.other, "hostname exited \(result.exitCode.map(String.init) ?? "?")")
            }
            let name = result.stdoutText.trimmingCharacters(in: .whitespacesAndNewlines)
            return ("WinRM shell on \(name)", ["hostname": name, "verified_client": "false"])
        }
    }
}
