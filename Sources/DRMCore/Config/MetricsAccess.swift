/// Who may read `GET /metrics` (the `metrics_access` setting).
public enum MetricsAccess: String, Sendable, Hashable, CaseIterable {
    /// A client on the loopback interface without a token, anyone else with a bearer token whose user's role has
    /// `metrics:read` (the default). Behind a reverse proxy on the same host, list the proxy in `trusted_proxies`
    /// (or use `token`): otherwise every request through it comes from loopback.
    case loopback
    /// Every client with a bearer token whose user's role has `metrics:read`.
    case token
    /// The endpoint answers 404.
    case off
}

extension MetricsAccess {
    /// Whether a request from `clientAddress` may read the metrics without a token: only under `loopback`, and only
    /// from 127.0.0.0/8 or ::1 (IPv4-mapped included).
    public func admitsWithoutToken(clientAddress: String) -> Bool {
        guard self == .loopback, let bytes = IPAddress.bytes(of: clientAddress) else { return false }
        return bytes.count == 4 ? bytes[0] == 127 : bytes == [UInt8](repeating: 0, count: 15) + [1]
    }
}
