import DRMSchema
import DRMTestSupport
import Foundation
import SQLKit
import Testing

/// `enabledrm schedule create|list|show|edit|pause|resume|trigger|delete` on a real database.
@Suite struct ScheduleCommandTests {
    @Test func aScheduleFromCreationToDeletion() async throws {
        try await TestDatabase.with(.sqlite) { database in
            let directory = UserCommandTests.scratch()
            defer { try? FileManager.default.removeItem(atPath: directory) }
            let cli = try CLIProcess(
                workingDirectory: directory, environment: ["ENABLEDRM_DATABASE_URL": database.urlString])
            _ = try await cli.run("target", "add", "t1", "--host", "127.0.0.1", "--port", "9", "--username", "u")
            try """
            {"name": "nightly", "target_ids": [1],
             "actions": [{"action_type": "command", "action_parameters": {"command": "true"}}]}
            """.write(toFile: directory + "/job.json", atomically: true, encoding: .utf8)
            #expect(try await cli.run("job", "create", "--file", "job.json").status == 0)

            let refused = try await cli.run("schedule", "create", "nightly", "--cron", "0 0 30 2 *")
            let badZone = try await cli.run("schedule", "create", "nightly", "--cron", "0 2 * * *", "--tz", "Mars/Base")
            let created = try await cli.run(
                "schedule", "create", "nightly", "--cron", "30 2 * * *", "--tz", "Europe/Berlin", "--name", "night")
            let list = try await cli.run("schedule", "list")
            let show = try await cli.run("schedule", "show", "1")
            let paused = try await cli.run("schedule", "pause", "1", "--reason", "maintenance")
            let pausedAgain = try await cli.run("schedule", "pause", "1")
            let resumed = try await cli.run("schedule", "resume", "1")
            let edited = try await cli.run("schedule", "edit", "1", "--cron", "0 6 * * MON", "--tz", "Asia/Kolkata")
            let badEdit = try await cli.run("schedule", "edit", "1", "--overlap", "queue")
            let triggered = try await cli.run("schedule", "trigger", "1")
            let afterTrigger = try await cli.run("schedule", "show", "1")
            let deleted = try await cli.run("schedule", "delete", "1")
            let missing = try await cli.run("schedule", "show", "1")
            let actions = try await database.sql.raw(
                "SELECT action FROM audit_events WHERE resource_type = 'schedule' ORDER BY id"
            ).all().map { try $0.decode(column: "action", as: String.self) }

            #expect(refused.status == 1)
            #expect(
                refused.stderr == "enabledrm: error: cron expression \"0 0 30 2 *\" never fires: no date matches it\n")
            #expect(badZone.stderr.contains("timezone: \"Mars/Base\" is not an IANA time zone"))
            #expect(created.status == 0, "\(created.stderr)")
            #expect(created.stdout.contains("night\tcron \"30 2 * * *\" Europe/Berlin\tactive"))
            #expect(list.stdout.split(separator: "\n").count == 1)
            #expect(show.stdout.contains("  next "))
            #expect(paused.stdout.contains("\tpaused\t"))
            #expect(pausedAgain.status == 1)
            #expect(pausedAgain.stderr.contains("is paused, not active"))
            #expect(resumed.stdout.contains("\tactive\t"))
            #expect(edited.status == 0, "\(edited.stderr)")
            #expect(edited.stdout.contains("night\tcron \"0 6 * * MON\" Asia/Kolkata\tactive"), "\(edited.stdout)")
            // 06:00 in Kolkata is 00:30 UTC.
            #expect(edited.stdout.contains("T00:30:00Z"), "\(edited.stdout)")
            #expect(badEdit.status == 1)
            #expect(badEdit.stderr.contains("--overlap"), "\(badEdit.stderr)")
            #expect(
                triggered.stdout.hasPrefix("triggered schedule 1: running started execution J"),
                "\(triggered.stdout)\(triggered.stderr)")
            #expect(afterTrigger.stdout.contains("running  started execution"))
            #expect(deleted.status == 0)
            #expect(missing.stderr == "enabledrm: error: schedule 1 not found\n")
            #expect(
                actions == [
                    "schedule.create", "schedule.pause", "schedule.resume", "schedule.update", "schedule.trigger",
                    "schedule.delete",
                ])
        }
    }
}
