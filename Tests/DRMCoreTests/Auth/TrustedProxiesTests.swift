import DRMCore
import Testing

/// Which address is the client's behind reverse proxies.
@Suite struct TrustedProxiesTests {
    @Test("addresses and networks, IPv4 and IPv6, and the first bad entry named")
    func parsing() throws {
        let proxies = try TrustedProxies.parse("10.0.0.0/8, 192.168.1.7 ,fd00::/8, ::1").get()

        #expect(proxies.trusts("10.200.3.4"))
        #expect(proxies.trusts("192.168.1.7"))
        #expect(!proxies.trusts("192.168.1.8"))
        #expect(proxies.trusts("fd12:3456::1"))
        #expect(proxies.trusts("::1"))
        #expect(proxies.trusts("::ffff:10.1.2.3"), "an IPv4-mapped address is its IPv4 address")
        #expect(!proxies.trusts("11.0.0.1"))
        #expect(!proxies.trusts("not an address"))
        for bad in ["10.0.0.0/33", "300.1.1.1", "10.0.0", "fe80::/129", "example.com", "1.2.3.4/x"] {
            guard case .failure(let error) = TrustedProxies.parse("10.0.0.1, \(bad)") else {
                Issue.record("\(bad) was accepted")
                continue
            }
            #expect(error.entry == bad)
        }
        #expect(try TrustedProxies.parse("").get().networks.isEmpty)
    }

    @Test("the client is the right-most forwarded address that isn't a trusted proxy")
    func clientAddress() throws {
        let proxies = try TrustedProxies.parse("127.0.0.1, 10.0.0.0/8").get()

        #expect(
            proxies.clientAddress(peer: "203.0.113.9", forwardedFor: ["198.51.100.1"]) == "203.0.113.9",
            "an untrusted peer's header is ignored")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["198.51.100.1"]) == "198.51.100.1")
        #expect(
            proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["1.1.1.1, 198.51.100.1", "10.2.3.4"])
                == "198.51.100.1", "what the client itself wrote (1.1.1.1) is not believed")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["10.9.9.9"]) == "10.9.9.9")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: ["garbage"]) == "127.0.0.1")
        #expect(proxies.clientAddress(peer: "127.0.0.1", forwardedFor: []) == "127.0.0.1")
    }
}
