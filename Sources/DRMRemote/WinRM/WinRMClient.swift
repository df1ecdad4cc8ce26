import AsyncHTTPClient
import Foundation
import NIOCore
import NIOFoundationCompat
import NIOHTTP1
import NIOSSL

/// Runs a command on a Windows host over WinRM (WS-Management shell protocol, SOAP over HTTP POST to `/wsman`,
/// Basic authentication), with async-http-client.
///
/// - Important: Not verified against a real Windows server: there is none in this project's test environment.
///   Only the envelope building and response parsing are tested (with fixtures). Basic auth must be enabled on
///   the server (`winrm set winrm/config/service/auth @{Basic="true"}`), and over plain HTTP also
///   `AllowUnencrypted`; NTLM and Kerberos, which most servers use by default, are not implemented.
public struct WinRMClient: Sendable {
    /// False until someone runs this against a real WinRM service and records it here.
    public static let isVerifiedAgainstRealServer = false

    public var endpoint: String
    public var username: String
    public var password: String
    public var verifyTLS: Bool
    public var outputLimit: Int

    /// `https` selects port 5986 by default, `http` 5985.
    public init(
        host: String, port: Int? = nil, https: Bool = false, username: String, password: String,
        verifyTLS: Bool = true, outputLimit: Int = 1 << 20
    ) {
        let scheme = https ? "https" : "http"
        self.endpoint = "\(scheme)://\(host):\(port ?? (https ? 5986 : 5985))/wsman"
        self.username = username
        self.password = password
        self.verifyTLS = verifyTLS
        self.outputLimit = outputLimit
    }

    /// Creates a shell, runs `command`, polls its output until it ends or `timeout` passes (then signals
    /// terminate), and deletes the shell.
    public func execute(_ command: String, arguments: [String] = [], timeout: Duration) async throws -> CommandResult {
        let started = ContinuousClock.now
        let client = makeHTTPClient(timeout: timeout)
        do {
            let result = try await withDeadline(timeout, "WinRM command at \(endpoint)") {
                try await run(command, arguments: arguments, client: client, started: started)
            }
            try await client.shutdown()
            return result
        } catch {
            try? await client.shutdown()
            throw error
        }
    }

    private func run(_ command: String, arguments: [String], client: HTTPClient, started: ContinuousClock.Instant)
        async throws -> CommandResult
    {
        let created = try await post(WinRMEnvelope.createShell(endpoint: endpoint), client: client)
        guard let shellID = created.shellID else { throw ConnectionError(.protocol, "WinRM returned no ShellId") }
        var result = CommandResult(exitCode: nil, stdout: Data(), stderr: Data(), duration: .zero)
        do {
            let launched = try await post(
                WinRMEnvelope.command(endpoint: endpoint, shellID: shellID, command: command, arguments: arguments),
                client: client)
            guard let commandID = launched.commandID else {
                throw ConnectionError(.protocol, "WinRM returned no CommandId")
            }
            do {
                while true {
                    try Task.checkCancellation()
                    let received = try await post(
                        WinRMEnvelope.receive(endpoint: endpoint, shellID: shellID, commandID: commandID),
                        client: client, pollTimeoutIsEmpty: true)
                    append(received.stdout, to: &result.stdout, truncated: &result.truncated)
                    append(received.stderr, to: &result.stderr, truncated: &result.truncated)
                    if received.commandDone {
                        result.exitCode = received.exitCode
                        break
                    }
                }
            } catch {
                _ = try? await post(
                    WinRMEnvelope.signal(endpoint: endpoint, shellID: shellID, commandID: commandID), client: client)
                throw error
            }
        } catch {
            _ = try? await post(WinRMEnvelope.deleteShell(endpoint: endpoint, shellID: shellID), client: client)
            throw error
        }
        _ = try? await post(WinRMEnvelope.deleteShell(endpoint: endpoint, shellID: shellID), client: client)
        result.duration = ContinuousClock.now - started
        return result
    }

    private func append(_ data: Data, to buffer: inout Data, truncated: inout Bool) {
        let room = outputLimit - buffer.count
        if data.count > room {
            truncated = true
            buffer.append(data.prefix(max(room, 0)))
        } else {
            buffer.append(data)
        }
    }

    private func makeHTTPClient(timeout: Duration) -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        if !verifyTLS { tls.certificateVerification = .none }
        return HTTPClient(
            eventLoopGroupProvider: .singleton,
            configuration: .init(tlsConfiguration: tls, timeout: .init(connect: timeout.timeAmount)))
    }

    /// POSTs one envelope. A fault fails, except an operation timeout of a Receive, which means "no output yet".
    private func post(_ envelope: String, client: HTTPClient, pollTimeoutIsEmpty: Bool = false) async throws
        -> WinRMResponse
    {
        var request = HTTPClientRequest(url: endpoint)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/soap+xml;charset=UTF-8")
        request.headers.add(
            name: "Authorization", value: "Basic " + Data("\(username):\(password)".utf8).base64EncodedString())
        request.body = .bytes(ByteBuffer(string: envelope))
        let response = try await client.execute(request, timeout: .seconds(120))
        let body = try await response.body.collect(upTo: 16 << 20)
        if response.status == .unauthorized || response.status == .forbidden {
            throw ConnectionError(.auth, "WinRM at \(endpoint) rejected the credentials (\(response.status.code))")
        }
        let parsed = try WinRMResponse(xml: Data(buffer: body))
        if let fault = parsed.fault {
            if pollTimeoutIsEmpty, fault.isOperationTimeout { return WinRMResponse() }
            throw ConnectionError(.protocol, "WinRM fault \(fault.code ?? fault.subcode ?? ""): \(fault.message)")
        }
        guard response.status == .ok else {
            throw ConnectionError(.protocol, "WinRM at \(endpoint) answered HTTP \(response.status.code)")
        }
        return parsed
    }
}
