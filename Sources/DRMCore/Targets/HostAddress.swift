import Foundation

/// What a target's host may be: an IPv4 address, an IPv6 address or a DNS name.
public enum HostAddress: Sendable, Hashable {
    /// Dotted-quad IPv4, e.g. `10.0.0.1`.
    case ipv4(String)
    /// IPv6 in any RFC 4291 text form, without brackets or zone, e.g. `fe80::1`.
    case ipv6(String)
    /// A DNS name (RFC 1123 labels), e.g. `db-1.example.com`.
    case dnsName(String)

    /// The kind of host `text` is, or `nil` when it is none of them.
    public init?(_ text: String) {
        if Self.isIPv4(Substring(text)) {
            self = .ipv4(text)
        } else if text.contains(":") {
            guard Self.isIPv6(text) else { return nil }
            self = .ipv6(text)
        } else if Self.isDNSName(text) {
            self = .dnsName(text)
        } else {
            return nil
        }
    }

    /// Whether `text` is an IPv4 address, an IPv6 address or a DNS name.
    public static func isValid(_ text: String) -> Bool { HostAddress(text) != nil }

    static func isIPv4(_ text: Substring) -> Bool {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        return parts.count == 4
            && parts.allSatisfy { part in
                (1...3).contains(part.count) && part.allSatisfy { $0.isASCII && $0.isNumber }
                    && Int(part)! <= 255 && !(part.count > 1 && part.first == "0")
            }
    }

    static func isIPv6(_ text: String) -> Bool {
        var body = Substring(text)
        var groupsNeeded = 8
        // An embedded IPv4 address at the end stands for the last two groups.
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            guard isIPv4(body[body.index(after: lastColon)...]) else { return false }
            body = body[...lastColon]
            if !body.hasSuffix("::") { body = body.dropLast() }
            groupsNeeded = 6
        }
        let halves = body.components(separatedBy: "::")
        guard halves.count <= 2 else { return false }
        func groups(_ half: String) -> [Substring]? {
            if half.isEmpty { return [] }
            let parts = half.split(separator: ":", omittingEmptySubsequences: false)
            let valid = parts.allSatisfy { (1...4).contains($0.count) && $0.allSatisfy(\.isHexDigit) }
            return valid ? parts : nil
        }
        guard let head = groups(halves[0]) else { return false }
        if halves.count == 1 { return head.count == groupsNeeded }
        guard let tail = groups(halves[1]) else { return false }
        return head.count + tail.count < groupsNeeded
    }

    static func isDNSName(_ text: String) -> Bool {
        let name = text.hasSuffix(".") ? text.dropLast() : Substring(text)
        guard (1...253).contains(name.count) else { return false }
        let labels = name.split(separator: ".", omittingEmptySubsequences: false)
        let wellFormed = labels.allSatisfy { label in
            (1...63).contains(label.count) && label.first != "-" && label.last != "-"
                && label.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") }
        }
        // An all-digit last label would be a mistyped IPv4 address (`10.0.0.256`), not a name.
        return wellFormed && !(labels.last!.allSatisfy(\.isNumber))
    }
}
