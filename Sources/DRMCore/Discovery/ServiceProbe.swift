/// One probe of service identification, as data: what to send on a fresh connection (nothing: wait for a
/// banner), when the answer is complete, and the matchers that name a service from it. The table of probes is
/// ``ServiceProbe/table``; adding a protocol that a fixed request identifies is a new entry there.
public struct ServiceProbe: Sendable, Hashable {
    /// What the probe sends after connecting.
    public enum Payload: Sendable, Hashable {
        /// Nothing: wait for the server to speak first.
        case none
        /// These bytes (`{host}` in text payloads is replaced by the address).
        case text(String)
        /// These bytes.
        case bytes([UInt8])
        /// A TLS handshake (certificate verification off), then this text over the encrypted channel.
        case tls(then: String)
    }

    /// When enough of the answer has arrived to decide.
    public enum Completion: Sendable, Hashable {
        /// After this many bytes.
        case bytes(Int)
        /// After the first line feed.
        case line
        /// After the header block and, when one is announced, the `Content-Length` body (or at close).
        case httpMessage
    }

    /// A short name (`banner`, `http-get`, `tls`, …) used in the facts and the logs.
    public var name: String
    public var payload: Payload
    public var completion: Completion
    /// Tried in order; the first whose rules all hold names the service.
    public var matchers: [ResponseMatcher]

    /// A probe entry.
    public init(name: String, payload: Payload, completion: Completion, matchers: [ResponseMatcher]) {
        self.name = name
        self.payload = payload
        self.completion = completion
        self.matchers = matchers
    }

    /// Whether `response` is complete by this probe's rule.
    public func isComplete(_ response: [UInt8]) -> Bool {
        switch completion {
        case .bytes(let count): return response.count >= count
        case .line: return response.contains(UInt8(ascii: "\n"))
        case .httpMessage: return HTTPResponseFacts.isComplete(response)
        }
    }

    /// The first matcher of this probe that `response` satisfies.
    public func match(_ response: [UInt8]) -> ResponseMatcher? {
        guard !response.isEmpty else { return nil }
        return matchers.first { $0.matches(response) }
    }

    /// The probe that waits for a banner.
    public static var banner: ServiceProbe { table[0] }
    /// The probes sent to a port that stayed silent, in order of precedence (all run at once).
    public static var silentPortProbes: [ServiceProbe] { Array(table.dropFirst()) }
}

/// A rule set that names a service from a response, and what to do next to confirm it or learn more.
public struct ResponseMatcher: Sendable, Hashable {
    /// One condition on the response bytes.
    public enum Rule: Sendable, Hashable {
        /// The response starts with this text (ASCII, case-sensitive).
        case prefix(String)
        /// The response is exactly these bytes.
        case exactly([UInt8])
        /// The byte at this offset is one of these.
        case byte(at: Int, oneOf: Set<UInt8>)
        /// The response contains this text, ignoring case.
        case contains(String)
    }

    /// What the identifier does after a match (on the same connection unless said otherwise).
    public enum FollowUp: String, Sendable, Hashable {
        /// Key exchange on a new connection to read the host key (no authentication is attempted).
        case sshHostKey = "ssh_host_key"
        /// `EHLO`, to read the extensions; a reply other than 250 means it is not SMTP.
        case smtpEHLO = "smtp_ehlo"
        /// `SYST`, answered 215 by FTP servers; anything else means it is not FTP.
        case ftpSYST = "ftp_syst"
        /// Refuse every option offered, then read the login prompt.
        case telnetPrompt = "telnet_prompt"
        /// A startup message, answered by an authentication request or an error.
        case postgresStartup = "postgres_startup"
    }

    public var service: ServiceName
    public var rules: [Rule]
    public var followUp: FollowUp?
    /// A tentative match names the service only if its follow-up confirms it (a bare `220` banner may be SMTP or
    /// FTP; the follow-up asks).
    public var tentative: Bool

    /// A matcher entry.
    public init(_ service: ServiceName, _ rules: [Rule], followUp: FollowUp? = nil, tentative: Bool = false) {
        self.service = service
        self.rules = rules
        self.followUp = followUp
        self.tentative = tentative
    }

    /// Whether every rule holds for `response`.
    public func matches(_ response: [UInt8]) -> Bool {
        rules.allSatisfy { rule in
            switch rule {
            case .prefix(let text): return response.starts(with: Array(text.utf8))
            case .exactly(let bytes): return response == bytes
            case .byte(let offset, let values): return response.count > offset && values.contains(response[offset])
            case .contains(let text):
                let haystack = String(decoding: response.prefix(4096), as: UTF8.self).lowercased()
                return haystack.contains(text.lowercased())
            }
        }
    }
}
