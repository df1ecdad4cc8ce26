import DRMCore
import Foundation
import Testing

@Suite struct JobSerialTests {
    /// 2026-12-31T23:59:59Z and one second later.
    let lastSecondOf2026 = Date(timeIntervalSince1970: 1_798_761_599)

    @Test func parsesAJobSerial() throws {
        let serial = try JobSerial(parsing: "J20260000042")
        #expect(serial.year == 2026)
        #expect(serial.sequence == 42)
        #expect(serial.description == "J20260000042")
        #expect(try JobSerial(year: 7, sequence: 1).description == "J00070000001")
    }

    @Test func aTargetSerialIsNotAJobSerial() {
        #expect(!JobSerial.isValid("T20260000001"))
        #expect(throws: SerialError<JobSerialKind>.malformed(text: "T20260000001", reason: "it doesn't start with 'J'"))
        {
            try JobSerial(parsing: "T20260000001")
        }
        #expect(
            String(describing: SerialError<JobSerialKind>.malformed(text: "T1", reason: "x"))
                == "'T1' is not a job serial: x")
    }

    @Test func aJobSerialIsNotATargetSerial() {
        #expect(!TargetSerial.isValid("J20260000001"))
        #expect(
            throws: SerialError<TargetSerialKind>.malformed(text: "J20260000001", reason: "it doesn't start with 'T'")
        ) {
            try TargetSerial(parsing: "J20260000001")
        }
    }

    @Test(arguments: [
        "J2026000001", "J202600000001", "j20260000001", "J2026000000x", "J20260000000", "J00000000001", "J-2026-0001",
        "J20260000001 ", "",
    ])
    func refusesMalformed(text: String) {
        #expect(!JobSerial.isValid(text))
    }

    @Test func outOfRangeFieldsAreNamed() {
        #expect(throws: SerialError<JobSerialKind>.outOfRange(field: "year", value: 10_000)) {
            try JobSerial(year: 10_000, sequence: 1)
        }
        #expect(throws: SerialError<JobSerialKind>.outOfRange(field: "sequence", value: 0)) {
            try JobSerial(year: 2026, sequence: 0)
        }
        #expect(throws: SerialError<JobSerialKind>.outOfRange(field: "sequence", value: 10_000_000)) {
            try JobSerial(year: 2026, sequence: 10_000_000)
        }
    }

    @Test func nextCountsWithinAYearAndRestartsInTheNext() throws {
        let latest = try JobSerial(year: 2026, sequence: 9)
        #expect(try JobSerial.next(after: latest, now: lastSecondOf2026).description == "J20260000010")
        #expect(
            try JobSerial.next(after: latest, now: lastSecondOf2026.addingTimeInterval(1)).description == "J20270000001"
        )
        #expect(try JobSerial.next(after: nil, now: lastSecondOf2026).description == "J20260000001")
        let lastYear = try JobSerial(year: 2025, sequence: 9_999_999)
        #expect(try JobSerial.next(after: lastYear, now: lastSecondOf2026).description == "J20260000001")
    }

    @Test func aFullYearIsExhausted() throws {
        let last = try JobSerial(year: 2026, sequence: JobSerial.maximumSequence)
        #expect(throws: SerialError<JobSerialKind>.exhausted(year: 2026)) {
            try JobSerial.next(after: last, now: lastSecondOf2026)
        }
        #expect(
            String(describing: SerialError<JobSerialKind>.exhausted(year: 2026))
                == "all 9999999 job serials of 2026 are used")
    }
}

@Suite struct ExecutionSerialsTests {
    @Test func extendsTheJobSerial() {
        let execution = ExecutionSerials.execution(job: "J20260000001", number: 1)
        let branch = ExecutionSerials.branch(execution: execution, ordinal: 2)
        #expect(execution == "J20260000001.0001")
        #expect(branch == "J20260000001.0001.0002")
        #expect(ExecutionSerials.action(branch: branch, order: 3) == "J20260000001.0001.0002.0003")
    }

    @Test(arguments: [(1, "0001"), (42, "0042"), (9999, "9999"), (10_000, "10000"), (123_456, "123456")])
    func numbersAreFourDigitsOrMore(number: Int, expected: String) {
        #expect(ExecutionSerials.execution(job: "J20260000001", number: number) == "J20260000001." + expected)
        #expect(ExecutionSerials.branch(execution: "E", ordinal: number) == "E." + expected)
        #expect(ExecutionSerials.action(branch: "B", order: number) == "B." + expected)
    }

    @Test(arguments: [(1, "001"), (12, "012"), (999, "999"), (1000, "1000")])
    func branchIDs(ordinal: Int, expected: String) {
        #expect(ExecutionSerials.branchID(ordinal: ordinal) == expected)
    }
}
