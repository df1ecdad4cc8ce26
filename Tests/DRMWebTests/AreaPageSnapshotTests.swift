import DRMCore
import DRMStore
import Foundation
import SnapshotTesting
import Testing

@testable import DRMEngine
@testable import DRMWeb

/// The pages of the areas beside jobs and targets — users, settings, audit, sessions, device types, queue and
/// dashboard — pinned as snapshots (`__Snapshots__/`): each view is a pure function of its model, so a model with
/// pinned ids and clocks draws the same HTML every time.
@Suite struct AreaPageSnapshotTests {
    static let pinned = PageSnapshotTests.pinned
    static let csrf = PageSnapshotTests.csrf

    static func user(_ id: Int, _ name: String, _ role: UserRole, active: Bool = true) -> User {
        let user = User()
        user.id = id
        user.username = name
        user.email = "\(name)@example.test"
        user.passwordHash = "unused"
        user.role = role
        user.isActive = active
        user.lastLogin = active ? pinned : nil
        user.createdAt = pinned
        return user
    }

    static let users = [user(1, "admin", .administrator), user(2, "o'brien <ops>", .user, active: false)]

    @Test("the users page as an administrator sees it: the create form, a change form a user, the role table")
    func usersForAdministrator() throws {
        let html = try UsersPage.View(model: .init(users: Self.users, role: .administrator), csrf: Self.csrf).body.text
        #expect(html.contains("o&#39;brien &lt;ops&gt;"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the users page as a manager sees it: no forms")
    func usersForManager() throws {
        let html = try UsersPage.View(model: .init(users: Self.users, role: .manager), csrf: Self.csrf).body.text
        #expect(!html.contains("<form"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the settings page: stored values and defaults, editable by an administrator, read-only to others")
    func settings() {
        let values: [SettingKey: JSONValue] = [.sessionTimeoutMinutes: 45, .maintenanceMode: true]
        let editable = SettingsPage.View(model: .init(values: values, canEdit: true), csrf: Self.csrf).body.text
        assertSnapshot(of: editable, as: .lines, named: "editable")
        let readOnly = SettingsPage.View(model: .init(values: values, canEdit: false), csrf: Self.csrf).body.text
        #expect(readOnly.contains("disabled") && !readOnly.contains("Save settings"))
        assertSnapshot(of: readOnly, as: .lines, named: "read-only")
    }

    static func event(_ id: Int, _ action: AuditAction, _ outcome: AuditOutcome, minutesAgo: Double) -> AuditEvent {
        let event = AuditEvent()
        event.id = id
        event.occurredAt = pinned.addingTimeInterval(-minutesAgo * 60)
        event.actorUserID = 1
        event.actorName = "admin"
        event.action = action.rawValue
        event.outcome = outcome.rawValue
        event.severity = outcome == .success ? "info" : "warning"
        event.resourceType = "user"
        event.resourceID = "2"
        event.ipAddress = "127.0.0.1"
        event.details = ["reason": "pinned <test>"]
        event.checksum = "unused"
        return event
    }

    @Test("the audit page: the filters as typed, export links that keep them, the events and the pager")
    func audit() {
        var filters = Dictionary(uniqueKeysWithValues: AuditPage.filterNames.map { ($0, "") })
        filters["actor"] = "admin"
        filters["action"] = "auth."
        let model = AuditPage.Model(
            filters: filters,
            events: [
                Self.event(2, .loginFailed, .failure, minutesAgo: 5), Self.event(1, .login, .success, minutesAgo: 90),
            ], page: 1, perPage: 2, total: 3)
        let html = AuditPage.View(model: model).body.text
        #expect(html.contains("/audit/export?format=csv&amp;action=auth.&amp;actor=admin"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the sessions page: the reader's own session marked, each with its end form")
    func sessions() {
        func session(_ id: Int, user: Int, agent: String?) -> UserSession {
            let session = UserSession()
            session.id = id
            session.userID = user
            session.sessionToken = "unused"
            session.ipAddress = "127.0.0.\(id)"
            session.userAgent = agent
            session.createdAt = Self.pinned
            session.lastActivity = Self.pinned.addingTimeInterval(60)
            session.expiresAt = Self.pinned.addingTimeInterval(3600)
            return session
        }
        let model = SessionsPage.Model(
            sessions: [session(5, user: 1, agent: "Mozilla/5.0 (pinned)"), session(6, user: 3, agent: nil)],
            names: [1: "admin"], currentSessionID: 5)
        let html = try? SessionsPage.View(model: model, csrf: Self.csrf).body.text
        #expect(html?.contains("this session") == true)
        assertSnapshot(of: html ?? "", as: .lines)
    }

    @Test("the device-types page: a built-in type, a used and an unused custom type, as a manager sees it")
    func deviceTypes() throws {
        func type(_ id: Int, _ value: String, system: Bool) -> DeviceType {
            let type = DeviceType()
            type.id = id
            type.value = value
            type.label = value.capitalized
            type.category = "server"
            type.communicationMethods = ["ssh", "rest_api"]
            type.discoveryPorts = [22, 443]
            type.isSystem = system
            return type
        }
        let category = DeviceTypeCategory()
        category.id = 1
        category.value = "server"
        category.label = "Servers"
        let model = DeviceTypesPage.Model(
            types: [type(1, "linux", system: true), type(2, "array", system: false), type(3, "spare", system: false)],
            usage: ["linux": 4, "array": 1], categories: [category], role: .manager)
        let html = try DeviceTypesPage.View(model: model, csrf: Self.csrf).body.text
        #expect(html.contains(SiteRoute.deviceTypeDelete(.id(3)).path))
        #expect(!html.contains(SiteRoute.deviceTypeDelete(.id(2)).path), "a used type can't be removed")
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the queue page: figures, the minute chart, latency, a live and a gone worker, the latest tasks")
    func queue() {
        var succeeded = [Int](repeating: 0, count: 60)
        var failed = [Int](repeating: 0, count: 60)
        succeeded[58] = 3
        failed[59] = 1
        let worker = QueueMetrics.WorkerView(
            name: "node-1", lastSeen: Self.pinned, live: true, slots: 4, active: 1, processed: 10, failed: 1, running: 1
        )
        var gone = worker
        gone.name = "node-2"
        gone.live = false
        let overview = QueueMetrics.Overview(
            depth: 2, running: 1, delayed: 0, succeededPerMinute: succeeded, failedPerMinute: failed,
            waitSeconds: ["p50": 0.012, "p95": 0.5, "p99": 1.25], runSeconds: ["p50": 2], workers: [worker, gone])
        let task = TaskRecord()
        task.id = 9
        task.taskName = "execute_job"
        task.status = .success
        task.args = [11]
        task.retries = 0
        task.worker = "node-1"
        task.createdAt = Self.pinned
        task.startedAt = Self.pinned
        task.completedAt = Self.pinned.addingTimeInterval(2)
        task.result = "completed"
        let html = QueuePage.View(model: .init(overview: overview, tasks: [task])).body.text
        #expect(html.contains("3 succeeded, 0 failed"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the system page: problems, figures as cards, a live and a gone worker")
    func system() {
        let health = SystemHealth(
            status: "degraded", problems: ["the oldest waiting task has waited 400 s"], checkedAt: Self.pinned,
            database: .init(
                reachable: true, latencyMilliseconds: 1.25, sizeBytes: 5_242_880, dialect: "postgresql",
                schemaRevision: "0010", headRevision: "0010"),
            queue: QueueSample(depth: 3, oldestPendingSeconds: 400, runningExecutions: 1, liveWorkers: 1),
            workers: [
                .init(name: "worker@node-1", lastSeen: Self.pinned, live: true),
                .init(name: "worker@node-<2>", lastSeen: Self.pinned.addingTimeInterval(-3600), live: false),
            ],
            leader: .init(holder: "scheduler@node-1", expiresAt: Self.pinned, singleNode: false),
            disk: .init(path: "/var/lib/enabledrm", freeBytes: 10_737_418_240, totalBytes: 21_474_836_480),
            process: .init(
                residentBytes: 52_428_800, startedAt: Self.pinned.addingTimeInterval(-90_061), uptimeSeconds: 90_061,
                version: "0.1.0"))
        let html = SystemPage.View(model: .init(health: health)).body.text
        #expect(html.contains("worker@node-&lt;2&gt;"))
        #expect(html.contains("1 d 1 h"))
        assertSnapshot(of: html, as: .lines)
    }

    @Test("the dashboard: figures for everyone, the audit cards and chart only for readers of the audit log")
    func dashboard() {
        let figures = DashboardFigures(
            users: 3, activeUsers: 2, openSessions: 1, targetHealth: ["healthy", "warning", "healthy"],
            events: [
                Self.event(2, .loginFailed, .failure, minutesAgo: 5), Self.event(1, .login, .success, minutesAgo: 90),
            ])
        let withAudit = DashboardPage.View(
            model: .init(username: "admin", figures: figures, withAudit: true, now: Self.pinned)
        ).body.text
        assertSnapshot(of: withAudit, as: .lines, named: "with-audit")
        var plain = figures
        plain.events = []
        let without = DashboardPage.View(
            model: .init(username: "guest", figures: plain, withAudit: false, now: Self.pinned)
        ).body.text
        #expect(!without.contains("<svg"))
        assertSnapshot(of: without, as: .lines, named: "without-audit")
    }
}
