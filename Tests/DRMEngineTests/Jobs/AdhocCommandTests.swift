import DRMCore
import Testing

@testable import DRMEngine

/// The rules of an ad-hoc run, checked once in the engine for the API, the UI and `enabledrm run`.
@Suite struct AdhocCommandTests {
    @Test(
        "each broken rule names its field",
        arguments: [
            (AdhocCommand(command: "  ", all: true), "command"),
            (AdhocCommand(command: "uptime", all: true, parallelism: 0), "parallelism"),
            (AdhocCommand(command: "uptime", all: true, parallelism: 1001), "parallelism"),
            (AdhocCommand(command: "uptime", all: true, timeoutSeconds: 86_401), "timeout_seconds"),
            (AdhocCommand(command: "uptime"), "target_ids"),
            (AdhocCommand(command: "uptime", filter: "tag=web", all: true), "target_ids"),
            (AdhocCommand(command: "uptime", targetIDs: [1], filter: "tag=web"), "target_ids"),
            (AdhocCommand(command: "uptime", targetIDs: []), "target_ids"),
            (AdhocCommand(command: "uptime", filter: "tag=="), "filter"),
        ])
    func brokenRules(command: AdhocCommand, field: String) {
        #expect(throws: JobError.self) { _ = try command.check() }
        #expect(catching(command)?.field == field)
    }

    @Test func exactlyOneSelectorPasses() throws {
        #expect(try AdhocCommand(command: "uptime", all: true).check() == nil)
        #expect(try AdhocCommand(command: "uptime", targetIDs: [3, 4]).check() == nil)
        let filter = try AdhocCommand(command: "uptime", filter: "tag=web and env=production").check()
        #expect(filter == (try TargetFilter.parse("tag=web and env=production")))
    }

    func catching(_ command: AdhocCommand) -> JobError? {
        do throws(JobError) {
            _ = try command.check()
            return nil
        } catch {
            return error
        }
    }
}
