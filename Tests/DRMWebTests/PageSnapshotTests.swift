import DRMCore
import DRMSchema
import DRMStore
import Foundation
import NIOFoundationEssentialsCompat
import SnapshotTesting
import Testing
import Vapor
import VaporTesting

@testable import DRMEngine
@testable import DRMWeb

/// Whole pages and API answers pinned as snapshots (`__Snapshots__/`): a page's view is a pure function of its
/// model, so a model with pinned ids, serials and clocks draws the same HTML every time.
@Suite struct PageSnapshotTests {
    static let pinned = Date(timeIntervalSince1970: 1_780_000_000)
    static let csrf: HTML = "<input type=\"hidden\" name=\"_csrf\" value=\"pinned-token\">"

    /// A job with two actions, an option and one finished run, as a reader of `role` sees it.
    static func jobModel(role: UserRole) -> JobShow.Model {
        let job = Job()
        job.id = 7
        job.jobSerial = "J20260000007"
        job.name = "deploy <web>"
        job.description = "Ships the site & restarts it"
        job.status = .draft
        job.isDeleted = false
        job.isAdhoc = false
        job.createdBy = 1
        job.createdAt = pinned
        job.updatedAt = pinned
        job.options = [["name": "version", "type": "string", "required": true, "allowed": ["1.0", "2.0"]]]
        job.targetFilter = "tag=web"
        job.parallelism = 4
        job.failurePolicy = "stop"
        job.timeout = 600
        job.priority = 5
        let command = JobAction()
        command.id = 1
        command.actionType = .command
        command.actionName = "uptime"
        command.actionParameters = ["command": "uptime"]
        command.actionConfig = ["timeout_seconds": 60]
        let script = JobAction()
        script.id = 2
        script.actionType = .script
        script.actionName = "restart"
        script.actionParameters = ["content": "#!/bin/sh\nsystemctl restart \"web\"\necho done", "interpreter": "sh"]
        let run = ExecutionSummary(
            id: 11, serial: "J20260000007.0001", number: 1, jobID: 7, jobName: "deploy <web>", isAdhoc: false,
            status: .completed, trigger: "manual", triggeredBy: 1, createdAt: pinned, startedAt: pinned,
            completedAt: pinned.addingTimeInterval(5), cancelRequested: false, errorMessage: nil,
            targets: ["completed": 2], totalTargets: 2)
        return JobShow.Model(
            job: JobDefinition(job: job, actions: [command, script], targetIDs: [3, 4]),
            picker: TargetPicker(
                entries: [
                    .init(choice: TargetChoice(id: 3, name: "web-1")),
                    .init(choice: TargetChoice(id: 4, name: "web-2")),
                ],
                chosenTotal: 2, choices: Self.choices, jobID: 7),
            runPicker: TargetPicker(entries: [], chosenTotal: 0, choices: Self.choices, removeField: nil), runs: [run],
            role: role, userNames: [1: "ada"], now: pinned)
    }

    /// The first page of a picker's choices: 3 of 25 targets, one of them the job's.
    static var choices: Page<TargetChoice> {
        Page(
            items: [
                TargetChoice(id: 3, name: "web-1", host: "10.0.0.3", chosen: true),
                TargetChoice(id: 5, name: "web-3", host: "10.0.0.5", chosen: false),
                TargetChoice(id: 6, name: "web-10", host: nil, chosen: false),
            ], page: 1, perPage: 3, total: 25)
    }

    @Test("a job's page as a manager sees it: run, edit and delete forms")
    func jobPageForManager() {
        let view = JobShow.View(model: Self.jobModel(role: .manager), csrf: Self.csrf)
        assertSnapshot(of: view.body.text, as: .lines)
    }

    @Test("a job's page as a guest sees it: no forms")
    func jobPageForGuest() {
        let html = JobShow.View(model: Self.jobModel(role: .guest), csrf: Self.csrf).body.text
        #expect(!html.contains("<form"))
        #expect(
            html.contains("<pre class=\"script\">#!/bin/sh\nsystemctl restart &quot;web&quot;\necho done</pre>"),
            "a script shows as its lines, not as one escaped JSON string")
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the jobs page: a job run once, one never run, and the create form for a manager")
    func jobListPage() {
        let deployed = Self.jobModel(role: .manager).job
        let idle = Job()
        idle.id = 8
        idle.jobSerial = "J20260000008"
        idle.name = "backup"
        idle.status = .draft
        idle.isDeleted = false
        idle.isAdhoc = false
        idle.createdBy = 1
        idle.options = []
        idle.parallelism = 10
        idle.failurePolicy = "continue"
        idle.priority = 5
        let last = Execution()
        last.id = 11
        last.jobID = 7
        last.status = .completed
        last.createdAt = Self.pinned
        let model = JobList.Model(
            search: "", jobs: [deployed, JobDefinition(job: idle, actions: [], targetIDs: [9])], page: 1, perPage: 50,
            total: 2, latest: [7: last], targetNames: [3: "web-1", 4: "web-2"],
            createPicker: TargetPicker(entries: [], chosenTotal: 0, choices: Self.choices, jobID: nil), canRun: true)
        let html = JobList.View(model: model, csrf: Self.csrf).body.text
        #expect(html.contains("#9"), "a target that no longer exists shows as its id")
        assertSnapshot(of: html, as: .lines)
    }

    /// A JSON body with its keys sorted and the request's id replaced, so that it can be pinned.
    static func pinnedJSON(_ response: TestingHTTPResponse) throws -> String {
        var value = try JSONDecoder().decode(JSONValue.self, from: Data(buffer: response.body))
        if case .object(var body) = value, case .object(var error)? = body["error"] {
            error["request_id"] = "<request-id>"
            body["error"] = .object(error)
            value = .object(body)
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return "\(response.status.code)\n" + String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    @Test("API answers: the default settings and a refused change, as JSON")
    func apiAnswers() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let token = try AuthTests.tokens(try await AuthTests.login(app)).access
            let settings = try await AuthTests.send(app, .GET, "api/v1/settings", token: token)
            assertSnapshot(of: try Self.pinnedJSON(settings), as: .lines, named: "settings")
            let admin = try await UsersAPITests.adminToken(app)
            let refused = try await AuthTests.send(
                app, .PUT, "api/v1/settings", token: admin, raw: #"{"max_concurrent_jobs": 0}"#)
            assertSnapshot(of: try Self.pinnedJSON(refused), as: .lines, named: "settings-refused")
            let missing = try await AuthTests.send(app, .GET, "api/v1/jobs/999", token: token)
            assertSnapshot(of: try Self.pinnedJSON(missing), as: .lines, named: "job-missing")
        }
    }
}
