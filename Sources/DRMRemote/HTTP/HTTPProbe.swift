import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL

/// Connection test of an HTTP(S) method (`rest_api`): `GET` the base URL (plus an optional path) with the default
/// headers, and for HTTPS read the server certificate's subject and expiry.
///
/// Success means a status in `acceptedStatuses`; 401 and 403 fail as `.auth`, other statuses as `.other`.
public struct HTTPProbe: ConnectionProbe {
    public var baseURL: String
    public var path: String?
    public var verifyTLS: Bool
    public var headers: [(name: String, value: String)]
    public var timeout: Duration
    public var acceptedStatuses: Range<Int>

    public init(
        baseURL: String, path: String? = nil, verifyTLS: Bool = true, headers: [(name: String, value: String)] = [],
        timeout: Duration = .seconds(30), acceptedStatuses: Range<Int> = 200..<400
    ) {
        self.baseURL = baseURL
        self.path = path
        self.verifyTLS = verifyTLS
        self.headers = headers
        self.timeout = timeout
        self.acceptedStatuses = acceptedStatuses
    }

    /// `baseURL` joined with `path` by exactly one slash.
    public var url: String {
        guard let path, !path.isEmpty else { return baseURL }
        return baseURL.droppingTrailing("/") + "/" + path.droppingLeading("/")
    }

    public func run() async -> ProbeResult {
        guard let components = URLComponents(string: url), let host = components.host,
            let scheme = components.scheme?.lowercased(), ["http", "https"].contains(scheme)
        else {
            return .failed(ConnectionError(.other, "not an http(s) URL: \(url)"), latency: .zero)
        }
        let port = components.port ?? (scheme == "https" ? 443 : 80)
        // The certificate is read on its own connection, with verification off, so that an untrusted or expired
        // one can be reported too; it runs beside the request.
        async let certificate: TLSCertificateInfo? =
            scheme == "https" ? try? TLSCertificateInfo.fetch(host: host, port: port, timeout: timeout) : nil
        var result = await measure(host: host, port: port) {
            var tls = TLSConfiguration.makeClientConfiguration()
            if !verifyTLS { tls.certificateVerification = .none }
            let configuration = HTTPRequestClient.configuration(
                tls: tls, timeout: .init(connect: timeout.timeAmount, read: timeout.timeAmount))
            let client = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
            do {
                var request = HTTPClientRequest(url: url)
                for (name, value) in headers { request.headers.add(name: name, value: value) }
                let response = try await client.execute(request, timeout: timeout.timeAmount)
                let body = try await response.body.collect(upTo: 1 << 20)
                try await client.shutdown()
                let status = Int(response.status.code)
                let details = ["status": "\(status)", "body_bytes": "\(body.readableBytes)"]
                guard acceptedStatuses.contains(status) else {
                    let category: ConnectionErrorCategory = [401, 403].contains(status) ? .auth : .other
                    throw ConnectionError(category, "HTTP \(status) from \(url)", details: details)
                }
                return ("HTTP \(status)", details)
            } catch {
                try? await client.shutdown()
                throw error
            }
        }
        result.details.merge(await certificate?.details ?? [:]) { current, _ in current }
        return result
    }
}

extension String {
    fileprivate func droppingTrailing(_ suffix: Character) -> String {
        var text = self
        while text.last == suffix { text.removeLast() }
        return text
    }

    fileprivate func droppingLeading(_ prefix: Character) -> String {
        String(drop(while: { $0 == prefix }))
    }
}
