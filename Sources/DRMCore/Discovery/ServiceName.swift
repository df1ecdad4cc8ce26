/// The protocol a port speaks, as discovery names it (lower case, stable: the CLI's JSON carries these names).
/// `unknown` means the port accepted a connection but said nothing recognisable: never a guess from the number.
public enum ServiceName: String, Sendable, Hashable, Codable, CaseIterable {
    case ssh, http, https, smtp, postgresql, mysql, redis, telnet, ftp, snmp, unknown
}

/// What identification found on one open port: the protocol, the product when the service told it, and facts
/// (banner, HTTP status and title, certificate, host-key fingerprint, …) under stable snake_case keys.
public struct ServiceObservation: Sendable, Hashable, Codable {
    /// The TCP port.
    public var port: Int
    /// The protocol it speaks.
    public var service: ServiceName
    /// The product and version the service announced (`OpenSSH_9.2p1`, `nginx/1.22.1`), if any.
    public var product: String?
    /// Facts by key: `banner`, `ssh_host_key_fingerprint`, `http_status`, `http_server`, `http_title`,
    /// `tls_subject`, `tls_issuer`, `tls_not_before`, `tls_not_after`, `tls_fingerprint`, `smtp_extensions`, …
    public var details: [String: String]

    /// An observation of `service` on `port`.
    public init(port: Int, service: ServiceName, product: String? = nil, details: [String: String] = [:]) {
        self.port = port
        self.service = service
        self.product = product
        self.details = details
    }
}
