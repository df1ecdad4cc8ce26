import DRMCore
import Testing

@Suite struct ScanRangeTests {
    @Test func cidrRangesAndSinglesAreCountedAndListed() throws {
        let range = try ScanRange.parse("127.1.2.0/30, 127.1.3.5-7,127.1.4.9 127.1.4.10-127.1.4.11")
        #expect(range.addressCount == 4 + 3 + 1 + 2)
        #expect(
            range.targets() == [
                "127.1.2.0", "127.1.2.1", "127.1.2.2", "127.1.2.3", "127.1.3.5", "127.1.3.6", "127.1.3.7",
                "127.1.4.9", "127.1.4.10", "127.1.4.11",
            ])
    }

    @Test func overlappingEntriesAreMergedOnce() throws {
        let range = try ScanRange.parse("10.0.0.0/24,10.0.0.10-20,10.0.0.255")
        #expect(range.addressCount == 256)
        #expect(range.intervals.count == 1)
    }

    @Test func exclusionsSplitIntervals() throws {
        let range = try ScanRange.parse("10.0.0.0/29,!10.0.0.3", exclude: "10.0.0.6-7")
        #expect(range.targets() == ["10.0.0.0", "10.0.0.1", "10.0.0.2", "10.0.0.4", "10.0.0.5"])
        #expect(range.isExcluded("10.0.0.7"))
        #expect(!range.isExcluded("10.0.0.4"))
    }

    @Test func ipv6BlocksAndRanges() throws {
        let range = try ScanRange.parse("fd00::/126,[::1],fd00:0:0:1::10-fd00:0:0:1::11")
        #expect(
            range.targets() == ["::1", "fd00::", "fd00::1", "fd00::2", "fd00::3", "fd00:0:0:1::10", "fd00:0:0:1::11"])
        let huge = try ScanRange.parse("fd00::/64")
        #expect(huge.addressCount == UInt128(1) << 64)
        #expect(try ScanRange.parse("::/0").addressCount == .max)
    }

    @Test func hostNamesAreKeptForResolution() throws {
        let range = try ScanRange.parse("localhost,db-1.example.com,127.0.0.1")
        #expect(range.hostnames == ["localhost", "db-1.example.com"])
        #expect(range.addressCount == 3)
    }

    @Test(arguments: [
        ("127.0.0.1/33", "prefix length"), ("10.0.0.5-300", "not an address"), ("10.0.0.9-3", "ends before"),
        ("10.0.0.256", "not an address"), ("fd00::/129", "prefix length"), ("10.0.0.1-fd00::1", "not an address"),
        ("", "at least one"), ("10.0.0.1,!10.0.0.1", "no address"),
    ])
    func malformedRangesNameTheField(input: String, message: String) {
        #expect {
            _ = try ScanRange.parse(input)
        } throws: { error in
            let error = error as! FieldError
            return error.field == "range" && error.message.contains(message)
        }
    }

    @Test func badExclusionNamesTheExcludeField() {
        #expect {
            _ = try ScanRange.parse("10.0.0.0/24", exclude: "10.0.0.x")
        } throws: { ($0 as? FieldError)?.field == "exclude" }
    }

    @Test func addressTextIsCanonical() {
        #expect(IPAddressNumber("2001:DB8:0:0:1:0:0:1")?.text == "2001:db8::1:0:0:1")
        #expect(IPAddressNumber("::ffff:127.0.0.1")?.text == "::ffff:7f00:1")
        #expect(IPAddressNumber("127.000.0.1") == nil)
    }
}

@Suite struct PortListTests {
    @Test func listsRangesAndTheDefaultSet() throws {
        #expect(try PortList.parse("80,22,8000-8002,22") == [22, 80, 8000, 8001, 8002])
        #expect(try PortList.parse("") == PortList.defaultPorts)
        #expect(PortList.defaultPorts.count == 30)
        #expect(try PortList.parse("default,9000").contains(9000))
        #expect(try PortList.parse("1-65535").count == 65535)
    }

    @Test(arguments: ["0", "65536", "22,abc", "10-5", "-5", "1-2-3", ",,"])
    func badPortsNameTheField(input: String) {
        #expect {
            _ = try PortList.parse(input)
        } throws: { ($0 as? FieldError)?.field == "ports" }
    }
}

@Suite struct SweepPlanTests {
    @Test func budgetRefusesLargeSweepsUnlessAllowed() throws {
        #expect {
            _ = try SweepPlan.validate(range: "10.0.0.0/16", ports: "22,80")
        } throws: { ($0 as? FieldError)?.field == "range" && "\($0)".contains("budget") }
        let plan = try SweepPlan.validate(range: "10.0.0.0/16", ports: "22,80", allowLarge: true)
        #expect(plan.attempts == 131_072)
        #expect {
            _ = try SweepPlan.validate(range: "fd00::/64", ports: "22", allowLarge: true)
        } throws: { ($0 as? FieldError)?.field == "range" }
    }

    @Test func knobsAreChecked() {
        let cases: [(SweepPlanCase, String)] = [
            (.init(concurrency: 0), "concurrency"), (.init(rate: 0), "rate"), (.init(timeout: 5), "timeout"),
            (.init(retries: 9), "retries"),
        ]
        for (input, field) in cases {
            #expect {
                _ = try SweepPlan.validate(
                    range: "127.0.0.1", ports: "22", concurrency: input.concurrency, rate: input.rate,
                    timeoutMS: input.timeout, retries: input.retries)
            } throws: { ($0 as? FieldError)?.field == field }
        }
    }

    struct SweepPlanCase {
        var concurrency: Int? = nil
        var rate: Int? = nil
        var timeout: Int? = nil
        var retries: Int? = nil
    }

    @Test func estimateShrinksTheTimeoutAndPacerSpacesAttempts() {
        var estimate = RTTEstimate(ceiling: 1, floor: 0.1)
        #expect(estimate.timeout == 1)
        for _ in 0..<20 { estimate.record(0.01) }
        #expect(estimate.timeout == 0.1)
        for _ in 0..<20 { estimate.record(0.3) }
        #expect(estimate.timeout > 0.3 && estimate.timeout <= 1)
        var pacer = RatePacer(rate: 10)
        #expect(pacer.reserve(now: 0) == 0)
        #expect(abs(pacer.reserve(now: 0) - 0.1) < 1e-9)
        #expect(abs(pacer.reserve(now: 0.05) - 0.15) < 1e-9)
        #expect(pacer.reserve(now: 5) == 0)
    }
}
