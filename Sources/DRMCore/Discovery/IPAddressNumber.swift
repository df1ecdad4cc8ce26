import Foundation

/// An IP address as a number on its family's line: IPv4 as a 32-bit value, IPv6 as a 128-bit value. Ranges and
/// CIDR blocks of a discovery become intervals on these lines, so counting and excluding are arithmetic.
public struct IPAddressNumber: Sendable, Hashable, Comparable {
    /// IPv4 or IPv6.
    public enum Family: String, Sendable, Hashable { case ipv4, ipv6 }

    /// The family of the address.
    public var family: Family
    /// The address as a number (an IPv4 address uses the low 32 bits).
    public var value: UInt128

    /// An address of `family` with `value`.
    public init(family: Family, value: UInt128) {
        self.family = family
        self.value = value
    }

    /// Parses a dotted-quad IPv4 address or an IPv6 address (brackets allowed, no zone); `nil` when it is neither.
    public init?(_ text: String) {
        var text = Substring(text)
        if text.hasPrefix("["), text.hasSuffix("]") { text = text.dropFirst().dropLast() }
        if let value = Self.ipv4(text) {
            self.init(family: .ipv4, value: UInt128(value))
        } else if let value = Self.ipv6(text) {
            self.init(family: .ipv6, value: value)
        } else {
            return nil
        }
    }

    /// How many bits an address of the family has.
    public var bits: Int { family == .ipv4 ? 32 : 128 }

    /// The largest value of the family.
    public static func maximum(_ family: Family) -> UInt128 { family == .ipv4 ? UInt128(UInt32.max) : .max }

    public static func < (lhs: IPAddressNumber, rhs: IPAddressNumber) -> Bool {
        (lhs.family == .ipv4 ? 0 : 1, lhs.value) < (rhs.family == .ipv4 ? 0 : 1, rhs.value)
    }

    /// The conventional text: dotted quad, or RFC 5952 IPv6 (lower case, the longest run of zero groups as `::`).
    public var text: String {
        if family == .ipv4 {
            let v = UInt32(truncatingIfNeeded: value)
            return "\(v >> 24).\((v >> 16) & 255).\((v >> 8) & 255).\(v & 255)"
        }
        let groups = (0..<8).map { Int((value >> UInt128(112 - 16 * $0)) & 0xffff) }
        var best = (start: -1, length: 0)
        var run = (start: -1, length: 0)
        for (index, group) in groups.enumerated() {
            if group == 0 {
                run = run.start < 0 ? (index, 1) : (run.start, run.length + 1)
                if run.length > best.length { best = run }
            } else {
                run = (-1, 0)
            }
        }
        let hex = groups.map { String($0, radix: 16) }
        guard best.length >= 2 else { return hex.joined(separator: ":") }
        let head = hex[..<best.start].joined(separator: ":")
        let tail = hex[(best.start + best.length)...].joined(separator: ":")
        return head + "::" + tail
    }

    static func ipv4(_ text: Substring) -> UInt32? {
        guard HostAddress.isIPv4(text) else { return nil }
        return text.split(separator: ".").reduce(UInt32(0)) { $0 << 8 | UInt32($1)! }
    }

    static func ipv6(_ text: Substring) -> UInt128? {
        guard text.contains(":"), HostAddress.isIPv6(String(text)) else { return nil }
        var body = text
        var tailIPv4: UInt32?
        if let lastColon = body.lastIndex(of: ":"), body[body.index(after: lastColon)...].contains(".") {
            tailIPv4 = ipv4(body[body.index(after: lastColon)...])
            body = body[...lastColon]
            if !body.hasSuffix("::") { body = body.dropLast() }
        }
        let halves = body.components(separatedBy: "::")
        func groups(_ half: String) -> [UInt128] {
            half.isEmpty ? [] : half.split(separator: ":").map { UInt128(UInt16($0, radix: 16)!) }
        }
        let head = groups(halves[0])
        let tail = halves.count > 1 ? groups(halves[1]) : []
        let width = tailIPv4 == nil ? 8 : 6
        let all = head + Array(repeating: 0, count: width - head.count - tail.count) + tail
        var value = all.reduce(UInt128(0)) { $0 << 16 | $1 }
        if let tailIPv4 { value = value << 32 | UInt128(tailIPv4) }
        return value
    }
}
