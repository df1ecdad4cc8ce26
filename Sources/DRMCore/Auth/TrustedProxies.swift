import Foundation

/// The reverse proxies whose `X-Forwarded-For` header is believed (the `trusted_proxies` setting), and the rule
/// that picks a request's client address from it.
///
/// Without trusted proxies the socket's peer is the client, whatever the headers say. Behind trusted proxies the
/// client is the right-most address of `X-Forwarded-For` that isn't itself a trusted proxy: each proxy appends the
/// address it received from, so the entries left of that one are what the client chose to send.
public struct TrustedProxies: Sendable, Hashable {
    /// One address or network, as `10.0.0.0/8`, `192.168.1.7` or `fd00::/8`.
    public struct Network: Sendable, Hashable {
        let address: [UInt8]
        let prefixLength: Int

        /// Parses `ADDRESS` or `ADDRESS/PREFIX`; `nil` when it is neither.
        public init?(_ text: String) {
            let parts = text.split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false)
            guard let address = IPAddress.bytes(of: String(parts[0])) else { return nil }
            let bits = address.count * 8
            if parts.count == 2 {
                guard let length = Int(parts[1]), (0...bits).contains(length) else { return nil }
                prefixLength = length
            } else {
                prefixLength = bits
            }
            self.address = address
        }

        /// Whether `bytes` (4 or 16 of them) fall in this network.
        func contains(_ bytes: [UInt8]) -> Bool {
            guard bytes.count == address.count else { return false }
            var remaining = prefixLength
            for (mine, theirs) in zip(address, bytes) where remaining > 0 {
                let mask: UInt8 = remaining >= 8 ? 0xFF : ~(0xFF >> UInt8(remaining))
                guard mine & mask == theirs & mask else { return false }
                remaining -= 8
            }
            return true
        }
    }

    /// The trusted proxies' addresses and networks; none by default.
    public var networks: [Network]

    /// Trusts `networks` (none: every request's socket peer is its client).
    public init(_ networks: [Network] = []) {
        self.networks = networks
    }

    /// Parses a comma-separated list; fails on the first entry that is not an address or network.
    public static func parse(_ text: String) -> Result<TrustedProxies, InvalidEntry> {
        var networks: [Network] = []
        for entry in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !entry.isEmpty {
            guard let network = Network(entry) else { return .failure(InvalidEntry(entry: entry)) }
            networks.append(network)
        }
        return .success(TrustedProxies(networks))
    }

    /// An entry of the list that is not an address or network.
    public struct InvalidEntry: Error, Equatable {
        /// The entry as written.
        public var entry: String
    }

    /// Whether `address` is one of the trusted proxies.
    public func trusts(_ address: String) -> Bool {
        guard let bytes = IPAddress.bytes(of: address) else { return false }
        return networks.contains { $0.contains(bytes) }
    }

    /// The client's address of a request that came from `peer` with these `X-Forwarded-For` header values.
    public func clientAddress(peer: String, forwardedFor: [String]) -> String {
        guard trusts(peer) else { return peer }
        let hops = forwardedFor.flatMap { $0.split(separator: ",") }.map { $0.trimmingCharacters(in: .whitespaces) }
        for hop in hops.reversed() {
            guard IPAddress.bytes(of: hop) != nil else { return peer }
            if !trusts(hop) { return hop }
        }
        return hops.first ?? peer
    }
}
