import DRMCore
import Foundation
import Testing

@Suite struct TargetSerialTests {
    /// 2025-12-31T23:59:59Z and one second later.
    let lastSecondOf2025 = Date(timeIntervalSince1970: 1_767_225_599)

    @Test func formatsTwelveCharacters() throws {
        #expect(try TargetSerial(year: 2025, sequence: 1).description == "T20250000001")
        #expect(try TargetSerial(year: 987, sequence: 9_999_999).description == "T09879999999")
    }

    @Test(arguments: ["T20250000001", "T20259999999", "T00010000042"])
    func parsesWhatItFormats(text: String) throws {
        #expect(try TargetSerial(parsing: text).description == text)
    }

    @Test(arguments: [
        "T2025000001", "T202500000001", "t20250000001", "X20250000001", "T2025000000a", "T20250000000", "T00000000001",
        "TGT-000001", " T20250000001", "T２０２50000001",
    ])
    func refusesMalformed(text: String) {
        #expect(!TargetSerial.isValid(text))
        #expect(throws: SerialError<TargetSerialKind>.self) { try TargetSerial(parsing: text) }
    }

    @Test func theYearIsUTCAndTheCounterRestartsEachYear() throws {
        let latest = try TargetSerial(year: 2025, sequence: 41)
        #expect(try TargetSerial.next(after: latest, now: lastSecondOf2025).description == "T20250000042")
        let newYear = lastSecondOf2025.addingTimeInterval(1)
        #expect(TargetSerial.year(of: newYear) == 2026)
        #expect(try TargetSerial.next(after: latest, now: newYear).description == "T20260000001")
        #expect(try TargetSerial.next(after: nil, now: lastSecondOf2025).description == "T20250000001")
    }

    @Test func aFullYearIsAnError() throws {
        let last = try TargetSerial(year: 2025, sequence: TargetSerial.maximumSequence)
        #expect(throws: SerialError<TargetSerialKind>.exhausted(year: 2025)) {
            try TargetSerial.next(after: last, now: lastSecondOf2025)
        }
    }

    @Test func ordersLikeItsText() throws {
        let serials = try [(2026, 1), (2025, 10), (2025, 9)].map { try TargetSerial(year: $0.0, sequence: $0.1) }
        #expect(serials.sorted().map(\.description) == serials.map(\.description).sorted())
    }
}

@Suite struct HostAddressTests {
    @Test(arguments: [
        "10.0.0.1", "255.255.255.255", "::1", "::", "fe80::1", "2001:db8::8a2e:370:7334", "1:2:3:4:5:6:7:8",
        "::ffff:192.0.2.1", "1:2:3:4:5:6:1.2.3.4", "localhost", "db-1.example.com", "example.com.", "a",
        "xn--bcher-kva.example",
    ])
    func accepts(host: String) {
        #expect(HostAddress.isValid(host), "\(host)")
    }

    @Test(arguments: [
        "", "10.0.0.256", "10.0.0", "10.0.0.01", "1.2.3.4.5", "1:2:3:4:5:6:7:8:9", "1::2::3", ":::", "12345::",
        "-db.example.com", "db-.example.com", "db..example.com", "under_score.example", "has space", "exa mple.com",
        "1:2:3:4:5:6:7:1.2.3.4", "http://x", String(repeating: "a", count: 64) + ".com", "[::1]", "é.example",
    ])
    func refuses(host: String) {
        #expect(!HostAddress.isValid(host), "\(host)")
    }

    @Test func saysWhichKind() {
        #expect(HostAddress("10.0.0.1") == .ipv4("10.0.0.1"))
        #expect(HostAddress("::1") == .ipv6("::1"))
        #expect(HostAddress("db") == .dnsName("db"))
    }
}
