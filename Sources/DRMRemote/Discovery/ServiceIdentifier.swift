public import DRMCore
import Foundation
public import NIOCore
public import NIOPosix

/// Names the protocol of an open port by what it speaks: waits briefly for a banner and matches it against the
/// banner matchers of ``ServiceProbe/table``; a silent port gets the other probes of the table, each on its own
/// connection, all at once, and the first (in the table's order) whose answer matches names it. Matches that
/// call for it get a follow-up (host key, EHLO, SYST, telnet prompt, PostgreSQL startup). A port that says
/// nothing recognisable is `unknown`.
public struct ServiceIdentifier: Sendable {
    /// The shortest wait for a banner; the wait grows with the host's round trip (8 × RTT).
    public var bannerWait: Duration
    /// The longest a probe's connection or answer may take.
    public var probeTimeout: Duration
    public var group: any EventLoopGroup

    /// An identifier with these waits.
    public init(
        bannerWait: Duration = .milliseconds(250), probeTimeout: Duration = .seconds(2),
        group: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton
    ) {
        self.bannerWait = bannerWait
        self.probeTimeout = probeTimeout
        self.group = group
    }

    /// Identifies the service on `host:port`; `roundTrip` (seconds) is the sweep's estimate for the host.
    public func identify(host: String, port: Int, roundTrip: Double? = nil) async -> ServiceObservation {
        let timeout = probeTimeout.timeAmount
        let wait = max(bannerWait.timeAmount, .nanoseconds(Int64((roundTrip ?? 0) * 8e9)))
        guard let connection = try? await ProbeConnection.open(host: host, port: port, timeout: timeout, group: group)
        else { return ServiceObservation(port: port, service: .unknown, details: ["note": "refused the probe"]) }
        let banner = await connection.read(within: wait, until: Self.bannerIsComplete)
        if !banner.isEmpty {
            defer { connection.close() }
            let facts = ["banner": BannerFacts.firstLine(Array(BannerFacts.telnet(banner).text.utf8))]
            for matcher in ServiceProbe.banner.matchers where matcher.matches(banner) {
                let context = FollowUpContext(host: host, port: port, timeout: timeout, wait: wait, group: group)
                if let observation = await FollowUps.run(matcher, banner, connection, context, facts: facts) {
                    return observation
                }
            }
            return ServiceObservation(port: port, service: .unknown, details: facts)
        }
        let closedSilently = connection.isClosed
        connection.close()
        if closedSilently {
            return ServiceObservation(port: port, service: .unknown, details: ["note": "closed without a word"])
        }
        return await probeSilentPort(host: host, port: port, timeout: timeout, wait: wait)
    }

    /// Runs every silent-port probe at once and takes the first match in the table's order.
    func probeSilentPort(host: String, port: Int, timeout: TimeAmount, wait: TimeAmount) async -> ServiceObservation {
        let context = FollowUpContext(host: host, port: port, timeout: timeout, wait: wait, group: group)
        let tasks = ServiceProbe.silentPortProbes.map { probe in
            Task { await Self.run(probe, context) }
        }
        defer { tasks.forEach { $0.cancel() } }
        var extra: [String: String] = [:]
        for task in tasks {
            let (observation, facts) = await task.value
            if let observation { return observation }
            extra.merge(facts) { first, _ in first }
        }
        return ServiceObservation(port: port, service: .unknown, details: extra)
    }

    /// One probe on a fresh connection: the observation if it matched, and facts learned anyway (a TLS
    /// certificate of a port that then spoke no HTTP).
    static func run(_ probe: ServiceProbe, _ context: FollowUpContext) async -> (ServiceObservation?, [String: String])
    {
        let isTLS: Bool
        let payload: [UInt8]
        switch probe.payload {
        case .none: return (nil, [:])
        case .text(let text):
            (isTLS, payload) = (false, Array(text.replacingOccurrences(of: "{host}", with: context.hostHeader).utf8))
        case .bytes(let bytes): (isTLS, payload) = (false, bytes)
        case .tls(let text):
            (isTLS, payload) = (true, Array(text.replacingOccurrences(of: "{host}", with: context.hostHeader).utf8))
        }
        guard
            let connection = try? await ProbeConnection.open(
                host: context.host, port: context.port, timeout: context.timeout, tls: isTLS, group: context.group)
        else { return (nil, [:]) }
        defer { connection.close() }
        var facts: [String: String] = ["probe": probe.name]
        if isTLS, let der = try? await connection.peerCertificate() {
            facts.merge(CertificateFacts.details(der)) { first, _ in first }
        }
        try? await connection.send(payload)
        let response = await connection.read(within: context.timeout) { probe.isComplete($0) }
        if let matcher = probe.match(response),
            let observation = await FollowUps.run(matcher, response, connection, context, facts: facts)
        {
            return (observation, facts)
        }
        // A late greeting (an SMTP server that waits before its banner) still names the service.
        if let matcher = ServiceProbe.banner.match(response), !matcher.tentative {
            facts["banner"] = BannerFacts.firstLine(response)
            return (ServiceObservation(port: context.port, service: matcher.service, details: facts), facts)
        }
        return (nil, isTLS ? facts : [:])
    }

    /// A banner is complete at its first line feed, when a telnet negotiation or a whole binary packet (MySQL:
    /// 3-byte length, sequence byte) has arrived.
    static func bannerIsComplete(_ bytes: [UInt8]) -> Bool {
        if bytes.contains(UInt8(ascii: "\n")) { return true }
        if bytes.count >= 3, bytes[0] == 255 { return true }
        guard bytes.count >= 4 else { return false }
        let length = Int(bytes[0]) | Int(bytes[1]) << 8 | Int(bytes[2]) << 16
        return bytes.count >= length + 4
    }
}

/// Where a probe runs and how long it may wait.
struct FollowUpContext: Sendable {
    var host: String
    var port: Int
    var timeout: TimeAmount
    var wait: TimeAmount
    var group: any EventLoopGroup

    /// The `Host` header: IPv6 addresses in brackets.
    var hostHeader: String { host.contains(":") ? "[\(host)]" : host }
}
