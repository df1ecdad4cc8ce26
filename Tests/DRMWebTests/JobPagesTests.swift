import DRMCore
import DRMEngine
import DRMSchema
import DRMTestSupport
import Fluent
import FluentKit
import Foundation
import NIOFoundationEssentialsCompat
import Testing
import Vapor
import VaporTesting

@testable import DRMWeb

/// The job, execution and queue pages through HTTP: forms post as a browser would (repeated `name[]` keys, JSON in
/// textareas), runs stay queued because the test app has no worker.
@Suite struct JobPagesTests {
    /// A target with an SSH method and a password, so command actions may run on it.
    static func target(_ app: Application, _ name: String, host: String = "10.0.0.5") async throws -> Int {
        let vault = try #require(app.storage[CredentialVaultKey.self])
        let record = try await TargetInventory(database: app.db, vault: vault, audit: AuditTrail(.system)).create(
            TargetDraft(
                name: name,
                methods: [
                    MethodDraft(
                        methodType: "ssh", config: ["host": .string(host)],
                        credential: CredentialInput(type: .password, username: "ops", password: "secret-1"))
                ]))
        return try record.target.requireID()
    }

    /// The form token of a page the session can see.
    static func token(_ app: Application, cookie: String, page: String = "/jobs") async throws -> String {
        let response = try await WebPagesTests.get(app, page, cookie: cookie)
        return try #require(
            response.body.string.firstMatch(of: /name="_csrf" value="([^"]+)"/).map { String($0.1) })
    }

    /// Posts `pairs` URL-encoded, in order, keys repeated as a browser repeats them.
    static func post(_ app: Application, _ path: String, cookie: String, pairs: [(String, String)]) async throws
        -> TestingHTTPResponse
    {
        func encode(_ text: String) -> String { text.addingPercentEncoding(withAllowedCharacters: .alphanumerics)! }
        let body = pairs.map { "\(encode($0.0))=\(encode($0.1))" }.joined(separator: "&")
        var result: TestingHTTPResponse?
        try await app.testing().test(
            .POST, path,
            beforeRequest: { request in
                request.headers.cookie = ["drm_session": .init(string: cookie)]
                request.headers.contentType = .urlEncodedForm
                request.body = ByteBuffer(string: body)
            }, afterResponse: { result = $0 })
        return try #require(result)
    }

    /// The pairs of a job form with one command action on `targetID`.
    static func jobForm(
        token: String, name: String, targetID: Int,
        parameters: String = #"{"command": "uptime", "working_directory": "/tmp"}"#,
        options: String = ""
    ) -> [(String, String)] {
        [
            ("_csrf", token), ("name", name), ("description", "checks, with commas"),
            ("target_ids[]", String(targetID)),
            ("target_filter", ""), ("parallelism", "5"), ("failure_policy", "stop"), ("timeout_seconds", "600"),
            ("priority", "5"), ("action_type[]", "command"), ("action_name[]", "uptime"),
            ("action_parameters[]", parameters), ("action_config[]", #"{"timeout_seconds": 60, "retries": 1}"#),
            ("action_type[]", "command"), ("action_name[]", ""), ("action_parameters[]", ""), ("action_config[]", ""),
            ("options", options),
        ]
    }

    static func location(_ response: TestingHTTPResponse) -> String {
        response.headers.first(name: .location) ?? ""
    }

    @Test func anAdministratorCreatesRunsAndCancelsAJobThroughThePages() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let cookie = try await WebPagesTests.session(app, .administrator)
            let targetID = try await Self.target(app, "web-1")
            let token = try await Self.token(app, cookie: cookie)
            let options = #"""
                [{"name": "verbose", "type": "boolean", "default": false},
                 {"name": "count", "type": "integer", "default": 3},
                 {"name": "mode", "allowed": ["fast", "slow"], "default": "fast"}]
                """#

            let created = try await Self.post(
                app, "/jobs", cookie: cookie,
                pairs: Self.jobForm(
                    token: token, name: "nightly-uptime", targetID: targetID,
                    parameters: #"{"command": "uptime -{{mode}} {{count}} {{verbose}}"}"#, options: options))
            let jobPath = String(Self.location(created).prefix { $0 != "?" })
            let list = try await WebPagesTests.get(app, "/jobs", cookie: cookie)
            let search = try await WebPagesTests.get(app, "/jobs?q=nothing-like-it", cookie: cookie)
            let jobPage = try await WebPagesTests.get(app, jobPath, cookie: cookie)

            #expect(created.status == .seeOther)
            #expect(jobPath.hasPrefix("/jobs/"))
            #expect(list.status == .ok)
            #expect(list.body.string.contains("data-job=\"nightly-uptime\""))
            #expect(list.body.string.contains("never run"))
            #expect(list.body.string.contains("web-1"))
            #expect(!search.body.string.contains("data-job=\"nightly-uptime\""))
            #expect(jobPage.status == .ok)
            #expect(jobPage.body.string.contains("id=\"run-job\""))
            #expect(jobPage.body.string.contains(#"type="checkbox" name="options[verbose]""#))
            #expect(jobPage.body.string.contains(#"type="number" step="1" name="options[count]" value="3""#))
            #expect(jobPage.body.string.contains(#"<select name="options[mode]">"#))
            #expect(jobPage.body.string.contains("checks, with commas"), "commas in a field are not split")

            let run = try await Self.post(
                app, jobPath + "/run", cookie: cookie,
                pairs: [
                    ("_csrf", token), ("options[verbose]", "true"), ("options[count]", "7"), ("options[mode]", "slow"),
                ])
            let executionPath = String(Self.location(run).prefix { $0 != "?" })
            let execution = try await WebPagesTests.get(app, executionPath, cookie: cookie)
            let executions = try await WebPagesTests.get(app, "/executions?status=queued", cookie: cookie)
            let completedOnly = try await WebPagesTests.get(app, "/executions?status=completed", cookie: cookie)
            let queue = try await WebPagesTests.get(app, "/queue", cookie: cookie)

            #expect(run.status == .seeOther)
            #expect(executionPath.hasPrefix("/executions/"))
            #expect(execution.status == .ok)
            #expect(execution.body.string.contains("web-1"))
            #expect(execution.body.string.contains(#"data-status="queued">queued</span>"#))
            #expect(execution.body.string.contains("1 queued"))
            #expect(execution.body.string.contains("&quot;count&quot; : 7"), "the run's parameters, typed")
            #expect(execution.body.string.contains("data-events=\"\(executionPath)/events"))
            #expect(execution.body.string.contains("/cancel\""))
            #expect(executions.body.string.contains("nightly-uptime"))
            #expect(!completedOnly.body.string.contains("nightly-uptime"))
            #expect(queue.status == .ok)
            #expect(queue.body.string.contains(#"data-figure="Waiting"><div class="value">1</div>"#))
            #expect(queue.body.string.contains("execution.run"))

            let cancel = try await Self.post(app, executionPath + "/cancel", cookie: cookie, pairs: [("_csrf", token)])
            let cancelled = try await WebPagesTests.get(app, executionPath, cookie: cookie)
            let again = try await Self.post(app, executionPath + "/cancel", cookie: cookie, pairs: [("_csrf", token)])
            let csv = try await WebPagesTests.get(app, executionPath + "/export.csv", cookie: cookie)
            let events = try await WebPagesTests.get(app, executionPath + "/events", cookie: cookie)
            let listAfter = try await WebPagesTests.get(app, "/jobs", cookie: cookie)

            #expect(cancel.status == .seeOther)
            #expect(cancelled.body.string.contains(#"data-status="cancelled">cancelled</span>"#))
            #expect(!cancelled.body.string.contains("/cancel\""), "no Cancel button once it ended")
            #expect(!cancelled.body.string.contains("data-events="), "no live updates once it ended")
            #expect(cancelled.body.string.contains("Rerun failed"))
            #expect(again.status == .conflict, "cancelling an ended execution is a conflict, not a 500")
            #expect(csv.status == .ok)
            #expect(csv.headers.contentType?.subType == "csv")
            #expect(csv.body.string.contains("web-1"))
            #expect(events.body.string.contains("event: log"))
            #expect(events.body.string.contains("event: end"))
            #expect(listAfter.body.string.contains(#"data-status="cancelled""#), "the list shows the last run")
        }
    }

    @Test func aManagerEditsReRunsAndDeletesAJob() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let cookie = try await WebPagesTests.session(app, .manager)
            let first = try await Self.target(app, "app-1")
            let second = try await Self.target(app, "app-2", host: "10.0.0.6")
            let token = try await Self.token(app, cookie: cookie)
            let created = try await Self.post(
                app, "/jobs", cookie: cookie, pairs: Self.jobForm(token: token, name: "deploy", targetID: first))
            let jobPath = String(Self.location(created).prefix { $0 != "?" })

            var changed = Self.jobForm(token: token, name: "deploy-app", targetID: first)
            changed.append(("target_ids[]", String(second)))
            let saved = try await Self.post(app, jobPath, cookie: cookie, pairs: changed)
            let job = try await app.jobEngine.catalog(AuditTrail(.system)).find("deploy-app")
            let run = try await Self.post(app, jobPath + "/run", cookie: cookie, pairs: [("_csrf", token)])
            let executionPath = String(Self.location(run).prefix { $0 != "?" })
            _ = try await Self.post(app, executionPath + "/cancel", cookie: cookie, pairs: [("_csrf", token)])
            let rerun = try await Self.post(
                app, executionPath + "/rerun-failed", cookie: cookie, pairs: [("_csrf", token)])
            let rerunPage = try await WebPagesTests.get(app, Self.location(rerun), cookie: cookie)
            let deleted = try await Self.post(app, jobPath + "/delete", cookie: cookie, pairs: [("_csrf", token)])
            let list = try await WebPagesTests.get(app, "/jobs", cookie: cookie)
            let gone = try await WebPagesTests.get(app, jobPath, cookie: cookie)

            #expect(saved.status == .seeOther)
            #expect(job.draft.targetIDs == [first, second])
            #expect(job.draft.actions.first?.config == ["timeout_seconds": 60, "retries": 1])
            #expect(job.draft.failurePolicy == .stop && job.draft.timeoutSeconds == 600 && job.draft.parallelism == 5)
            #expect(rerun.status == .seeOther)
            #expect(Self.location(rerun).hasSuffix("?notice=rerun"))
            #expect(rerunPage.body.string.contains("2 queued"))
            #expect(rerunPage.body.string.contains("Failed targets queued again."))
            #expect(deleted.status == .seeOther)
            #expect(!list.body.string.contains("data-job=\"deploy-app\""))
            #expect(gone.status == .notFound)
        }
    }

    @Test func aGuestSeesNoRunOrCancelAndIsRefusedTheirPosts() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let admin = try await WebPagesTests.session(app, .administrator)
            let guest = try await WebPagesTests.session(app, .guest)
            let targetID = try await Self.target(app, "db-1")
            let adminToken = try await Self.token(app, cookie: admin)
            let created = try await Self.post(
                app, "/jobs", cookie: admin, pairs: Self.jobForm(token: adminToken, name: "backup", targetID: targetID))
            let jobPath = String(Self.location(created).prefix { $0 != "?" })
            let run = try await Self.post(app, jobPath + "/run", cookie: admin, pairs: [("_csrf", adminToken)])
            let executionPath = String(Self.location(run).prefix { $0 != "?" })
            let guestToken = try await Self.token(app, cookie: guest)

            let jobs = try await WebPagesTests.get(app, "/jobs", cookie: guest)
            let job = try await WebPagesTests.get(app, jobPath, cookie: guest)
            let execution = try await WebPagesTests.get(app, executionPath, cookie: guest)
            let guestRun = try await Self.post(app, jobPath + "/run", cookie: guest, pairs: [("_csrf", guestToken)])
            let guestCancel = try await Self.post(
                app, executionPath + "/cancel", cookie: guest, pairs: [("_csrf", guestToken)])
            let guestCreate = try await Self.post(
                app, "/jobs", cookie: guest, pairs: Self.jobForm(token: guestToken, name: "sneaky", targetID: targetID))
            let guestDelete = try await Self.post(
                app, jobPath + "/delete", cookie: guest, pairs: [("_csrf", guestToken)])
            let executions = try await app.jobEngine.query.list()

            #expect(jobs.status == .ok)
            #expect(!jobs.body.string.contains("New job"))
            #expect(job.status == .ok)
            #expect(job.body.string.contains("backup"))
            #expect(!job.body.string.contains("Run now"))
            #expect(!job.body.string.contains("id=\"run-job\""))
            #expect(!job.body.string.contains("Delete job"))
            #expect(execution.status == .ok)
            #expect(!execution.body.string.contains("/cancel\""))
            #expect(guestRun.status == .forbidden)
            #expect(guestCancel.status == .forbidden)
            #expect(guestCreate.status == .forbidden)
            #expect(guestDelete.status == .forbidden)
            #expect(executions.total == 1, "the guest's run started nothing")
            #expect(executions.items.first?.status == .queued, "the guest's cancel changed nothing")
        }
    }

    @Test func aBadJobFormComesBackWithTheFieldNamed() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let cookie = try await WebPagesTests.session(app, .administrator)
            let targetID = try await Self.target(app, "web-2")
            let token = try await Self.token(app, cookie: cookie)

            let emptyName = try await Self.post(
                app, "/jobs", cookie: cookie, pairs: Self.jobForm(token: token, name: "", targetID: targetID))
            let badJSON = try await Self.post(
                app, "/jobs", cookie: cookie,
                pairs: Self.jobForm(token: token, name: "json", targetID: targetID, parameters: #"{"command": "#))
            let unknownKey = try await Self.post(
                app, "/jobs", cookie: cookie,
                pairs: Self.jobForm(
                    token: token, name: "keys", targetID: targetID, parameters: #"{"command": "ls", "comand": "x"}"#))
            let badOptions = try await Self.post(
                app, "/jobs", cookie: cookie,
                pairs: Self.jobForm(token: token, name: "opts", targetID: targetID, options: "{not json"))
            let unknownVariable = try await Self.post(
                app, "/jobs", cookie: cookie,
                pairs: Self.jobForm(
                    token: token, name: "vars", targetID: targetID, parameters: #"{"command": "ls {{where}}"}"#))
            let jobs = try await app.jobEngine.catalog(AuditTrail(.system)).list()

            for response in [emptyName, badJSON, unknownKey, badOptions, unknownVariable] {
                #expect(response.status == .unprocessableEntity)
                #expect(response.headers.contentType == .html)
                #expect(response.body.string.contains("action=\"/jobs\""), "the form is shown again")
            }
            #expect(emptyName.body.string.contains("name: must be 1…255 characters"))
            #expect(badJSON.body.string.contains("actions.0.parameters: is not valid JSON"))
            #expect(badJSON.body.string.contains("value=\"json\""), "what was typed stays")
            #expect(badJSON.body.string.contains("{&quot;command&quot;: </textarea>"), "the bad JSON stays to fix")
            #expect(unknownKey.body.string.contains("actions.0.parameters.comand: unknown key"))
            #expect(badOptions.body.string.contains("options: must be a JSON list"))
            #expect(unknownVariable.body.string.contains("actions.0.parameters.command"))
            #expect(jobs.total == 0)
        }
    }

    @Test func aJobNameIsEscapedEverywhereItIsShown() async throws {
        try await AuthTests.withApp(.sqlite) { app, _ in
            let cookie = try await WebPagesTests.session(app, .administrator)
            let targetID = try await Self.target(app, "web-3")
            let token = try await Self.token(app, cookie: cookie)
            let name = "<script>alert(1)</script>"

            let created = try await Self.post(
                app, "/jobs", cookie: cookie, pairs: Self.jobForm(token: token, name: name, targetID: targetID))
            let jobPath = String(Self.location(created).prefix { $0 != "?" })
            let run = try await Self.post(app, jobPath + "/run", cookie: cookie, pairs: [("_csrf", token)])
            let pages = [
                try await WebPagesTests.get(app, "/jobs", cookie: cookie),
                try await WebPagesTests.get(app, jobPath, cookie: cookie),
                try await WebPagesTests.get(app, "/executions", cookie: cookie),
                try await WebPagesTests.get(app, String(Self.location(run).prefix { $0 != "?" }), cookie: cookie),
            ]

            #expect(created.status == .seeOther)
            for page in pages {
                #expect(page.status == .ok)
                #expect(page.body.string.contains("&lt;script&gt;alert(1)&lt;/script&gt;"))
                #expect(!page.body.string.contains(name))
            }
        }
    }
}
