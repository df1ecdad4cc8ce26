import Foundation

/// The discovery lab: real servers, each on its own loopback address of a /24 picked at random for this run
/// (127.88.N.0/24), some on well-known ports and some on unusual ones, and addresses where nothing listens.
public struct DiscoveryLab: Sendable {
    /// What the lab expects to be found: address → port → service name, and address → device class.
    public var services: [String: [Int: String]]
    public var classes: [String: String?]
    public var sshHostKey: String
    public var sshAddress: String
    public var postgresPort: Int
    public let subnet: String
    let stops: [@Sendable () -> Void]

    public func address(_ host: Int) -> String { "\(subnet).\(host)" }

    /// The addresses of the lab's /24 that the tests sweep (services and the closed ones), and PostgreSQL's.
    public var range: String { "\(subnet).1-20,127.0.0.1" }
    /// Every port a lab service listens on, plus well-known ports nothing listens on at most addresses.
    public var ports: [Int] {
        Array(Set(services.values.flatMap(\.keys) + [21, 22, 25, 110, 443, 3306])).sorted()
    }

    public static func start() async throws -> DiscoveryLab {
        let subnet = "127.88.\(Int.random(in: 1...250))"
        func at(_ host: Int) -> String { "\(subnet).\(host)" }
        let ssh = try await SSHServer.start(addresses: [at(1)])
        let http = try await HTTPTestServer.start(host: at(3))
        let https = try await HTTPTestServer.start(tls: true, host: at(4))
        let smtp = try await SMTPTestServer.start(.starttls, host: at(5))
        let redis = try await ScriptedResponder.redis(host: at(6))
        let telnet = try await ScriptedResponder.telnet(host: at(7))
        let printer = try await ScriptedResponder.printer(host: at(8))
        let httpOn5432 = try await ScriptedResponder.httpPage(
            host: at(9), port: 5432, server: "nginx/1.22.1", body: "<html><title>Welcome to nginx!</title></html>")
        let silent = try await ScriptedResponder.start(host: at(10), port: 9999)
        let postgres = try await PostgresCluster.shared()
        return DiscoveryLab(
            services: [
                at(1): [ssh.port: "ssh"], at(3): [http.port: "http"], at(4): [https.port: "https"],
                at(5): [smtp.port: "smtp"], at(6): [6379: "redis"], at(7): [23: "telnet"], at(8): [80: "http"],
                at(9): [5432: "http"], at(10): [9999: "unknown"], "127.0.0.1": [postgres.port: "postgresql"],
            ],
            classes: [
                at(1): "linux server", at(3): "web server", at(4): "web server", at(5): "mail server",
                at(6): "database", at(7): "network device", at(8): "printer", at(9): "web server", at(10): nil,
                "127.0.0.1": "database",
            ],
            sshHostKey: ssh.hostPublicKey, sshAddress: at(1), postgresPort: postgres.port, subnet: subnet,
            stops: [
                ssh.stop, http.stop, https.stop, smtp.stop, redis.stop, telnet.stop, printer.stop, httpOn5432.stop,
                silent.stop,
            ])
    }

    public func stop() { for stop in stops { stop() } }
}
