import DRMTestSupport
import Foundation
import Testing

/// `enabledrm schedule next`, the contract other tools call, run through the real binary.
@Suite struct ScheduleNextCommandTests {
    static func cli() throws -> CLIProcess {
        try CLIProcess(
            workingDirectory: FileManager.default.temporaryDirectory.path
                + "/enabledrm-next-\(UUID().uuidString.prefix(8))")
    }

    @Test func printsAJSONArrayOfInstantsWithTheirOffsets() async throws {
        let outcome = try await Self.cli().run(
            "schedule", "next", "--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--from", "2026-03-27T12:00:00Z",
            "--count", "3", "--format", "json")

        #expect(outcome.status == 0)
        #expect(outcome.stderr.isEmpty)
        let times = try JSONDecoder().decode([String].self, from: Data(outcome.stdout.utf8))
        // 02:30 doesn't exist on 2026-03-29 in Berlin: the run moves to 03:00, the first wall time after the gap.
        #expect(times == ["2026-03-28T02:30:00+01:00", "2026-03-29T03:00:00+02:00", "2026-03-30T02:30:00+02:00"])
        #expect(
            outcome.stdout
                == "[\"2026-03-28T02:30:00+01:00\",\"2026-03-29T03:00:00+02:00\",\"2026-03-30T02:30:00+02:00\"]\n")
    }

    @Test func textPrintsLocalAndUTCAndMarksWhatDSTMoved() async throws {
        let outcome = try await Self.cli().run(
            "schedule", "next", "--cron", "30 * * * *", "--tz", "America/New_York", "--from",
            "2026-11-01T04:00:00Z", "--count", "3", "--format", "text")

        #expect(outcome.status == 0)
        let lines = outcome.stdout.split(separator: "\n").map(String.init)
        #expect(lines.count == 3)
        #expect(lines[0].hasPrefix("2026-11-01T00:30:00-04:00  2026-11-01T04:30:00Z"))
        #expect(
            lines[1] == "2026-11-01T01:30:00-04:00  2026-11-01T05:30:00Z  DST: first of two passes of this wall time")
        #expect(lines[2] == "2026-11-01T01:30:00-05:00  2026-11-01T06:30:00Z  DST: second pass of this wall time")
    }

    @Test(arguments: [
        (["--cron", "0 0 * * * *"], "--cron: cron expression: 6 fields given"),
        (["--cron", "61 * * * *"], "--cron: cron expression, minute field: 61 is out of range 0-59"),
        (["--cron", "0 0 30 2 *"], "--cron: cron expression \"0 0 30 2 *\" never fires"),
        (["--cron", "0 0 * * *", "--tz", "Mars/Olympus"], "--tz: \"Mars/Olympus\" is not an IANA time zone"),
        (["--cron", "0 0 * * *", "--from", "yesterday"], "--from: \"yesterday\" is not an ISO-8601 instant"),
        (["--cron", "0 0 * * *", "--count", "0"], "--count: must be between 1 and 1000"),
    ])
    func refusesWithOneLineNamingTheFault(arguments: [String], message: String) async throws {
        let outcome = try await Self.cli().run(["schedule", "next", "--format", "json"] + arguments)

        #expect(outcome.status == 1)
        #expect(outcome.stdout.isEmpty)
        #expect(outcome.stderr.hasPrefix("enabledrm: error: \(message)"), "\(outcome.stderr)")
        #expect(outcome.stderr.split(separator: "\n").count == 1)
    }
}
