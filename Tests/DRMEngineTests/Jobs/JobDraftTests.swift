import DRMCore
import DRMEngine
import Testing

@Suite struct JobDraftTests {
    static let uptime = JobDraft.Action(type: .command, name: "uptime", parameters: ["command": "uptime"])

    static func draft(_ change: (inout JobDraft) -> Void = { _ in }) -> JobDraft {
        var draft = JobDraft(name: "deploy", actions: [uptime])
        change(&draft)
        return draft
    }

    static func error(_ draft: JobDraft) -> JobError? {
        do {
            _ = try draft.check()
            return nil
        } catch {
            return error
        }
    }

    @Test func aValidDraftReturnsItsActionsAsSpecs() throws {
        let draft = Self.draft {
            $0.actions.append(
                JobDraft.Action(
                    type: .httpRequest, name: "notify", parameters: ["url": "/hooks/{{version}}"],
                    config: ["retries": 2]))
            $0.options = [JobOption(name: "version", required: true)]
            $0.targetIDs = [3, 1, 2]
            $0.targetFilter = "tag=web and os=linux"
            $0.parallelism = 1000
            $0.priority = 1
            $0.timeoutSeconds = 604_800
        }
        let specs = try draft.check()
        #expect(specs.map(\.name) == ["uptime", "notify"])
        #expect(specs.map(\.type) == [.command, .httpRequest])
        #expect(specs[1].policy.retries == 2)
    }

    @Test(arguments: ["", " ", " deploy", "deploy ", "deploy\n", "\tdeploy", String(repeating: "x", count: 256)])
    func refusesBadNames(name: String) {
        #expect(
            Self.error(Self.draft { $0.name = name })
                == .invalid(field: "name", message: "must be 1…255 characters without leading or trailing spaces"))
    }

    @Test(arguments: ["a", "deploy web", "déploiement", String(repeating: "x", count: 255)])
    func acceptsNames(name: String) throws {
        _ = try Self.draft { $0.name = name }.check()
    }

    @Test func refusesNoActionsAndTooMany() {
        #expect(
            Self.error(Self.draft { $0.actions = [] })
                == .invalid(field: "actions", message: "must hold at least one action"))
        #expect(
            Self.error(Self.draft { $0.actions = Array(repeating: Self.uptime, count: 101) })
                == .invalid(field: "actions", message: "must hold at most 100 actions"))
        #expect(Self.error(Self.draft { $0.actions = Array(repeating: Self.uptime, count: 100) }) == nil)
    }

    @Test(arguments: [(0, false), (1, true), (1000, true), (1001, false), (-5, false)])
    func parallelism(value: Int, valid: Bool) {
        let error = Self.error(Self.draft { $0.parallelism = value })
        #expect(error == (valid ? nil : .invalid(field: "parallelism", message: "must be 1…1000")))
    }

    @Test(arguments: [(0, false), (1, true), (10, true), (11, false)])
    func priority(value: Int, valid: Bool) {
        let error = Self.error(Self.draft { $0.priority = value })
        #expect(error == (valid ? nil : .invalid(field: "priority", message: "must be 1…10")))
    }

    @Test(arguments: [(0, false), (1, true), (604_800, true), (604_801, false)])
    func timeout(value: Int, valid: Bool) {
        let error = Self.error(Self.draft { $0.timeoutSeconds = value })
        #expect(error == (valid ? nil : .invalid(field: "timeout_seconds", message: "must be 1…604800")))
    }

    @Test func refusesABadTargetFilterWithTheParserMessage() {
        #expect(
            Self.error(Self.draft { $0.targetFilter = "tag=web and" })
                == .invalid(
                    field: "target_filter",
                    message:
                        "expected a field at 11, found the end; fields: name, host, tag, os, env, status, type, device, serial"
                ))
        #expect(
            Self.error(Self.draft { $0.targetFilter = "" })
                == .invalid(field: "target_filter", message: "empty filter at 0; expected a comparison such as tag=web")
        )
    }

    @Test func refusesADuplicateTargetID() {
        #expect(
            Self.error(Self.draft { $0.targetIDs = [1, 7, 4, 7, 1] })
                == .invalid(field: "target_ids.3", message: "target 7 is listed twice"))
    }

    @Test func optionAndActionErrorsKeepTheirFieldPaths() {
        #expect(
            Self.error(Self.draft { $0.options = [JobOption(name: "v"), JobOption(name: "v")] })
                == .invalid(field: "options.1.name", message: "'v' is declared twice"))
        #expect(
            Self.error(
                Self.draft {
                    $0.actions.append(JobDraft.Action(type: .command, name: "empty", parameters: ["command": ""]))
                }) == .invalid(field: "actions.1.parameters.command", message: "must not be empty"))
        #expect(
            Self.error(
                Self.draft {
                    $0.actions = [JobDraft.Action(type: .command, name: "x", parameters: ["command": "echo {{v}}"])]
                })
                == .invalid(
                    field: "actions.0.parameters.command",
                    message: "{{v}} is neither an option of the job nor a builtin"))
        #expect(
            Self.error(
                Self.draft {
                    $0.options = [JobOption(name: "v")]
                    $0.actions = [JobDraft.Action(type: .command, name: "x", parameters: ["command": "echo {{v}}"])]
                }) == nil)
    }
}
