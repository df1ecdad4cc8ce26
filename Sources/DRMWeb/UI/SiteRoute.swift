import DRMCore
import Vapor

/// Every page of the web UI and every form it posts to: one enum registers the routes (`components`) and builds
/// every link (`path`), so no page path is written by hand.
enum SiteRoute: Hashable, Sendable, CaseIterable {
    /// An id in a route: `.parameter` where the route is registered, `.id(n)` in a link.
    enum ID: Hashable, Sendable {
        case parameter
        case id(Int)
    }

    // The areas, in the navigation's order.
    case dashboard, targets, deviceTypes, jobs, executions, schedules, discovery, notifications, reports, queue
    case audit, users, sessions, settings
    // Signing in and out.
    case login, logout
    // The pages and forms inside the areas.
    case target(ID), targetTest(ID), targetDelete(ID), targetHostKey(ID), targetChoices, targetsImport, targetsBulkTest,
        targetsBulkRun
    case deviceTypeDelete(ID)
    case job(ID), jobRun(ID), jobDelete(ID)
    case execution(ID), executionCancel(ID), executionRerunFailed(ID), executionEvents(ID)
    case schedule(ID), scheduleToggle(ID)
    case executionExport(ID, format: String)
    case auditExport
    case discoveryRun(ID), discoveryRunImport(ID), discoveryRunIgnore(ID), discoveryRunCancel(ID)
    /// The platform's health, linked from the queue page.
    case system
    case user(ID)
    case sessionEnd(ID)

    /// The areas of the navigation, in order; the other routes are reached from them.
    static let allCases: [SiteRoute] = [
        .dashboard, .targets, .deviceTypes, .jobs, .executions, .schedules, .discovery, .notifications, .reports,
        .queue, .audit, .users, .sessions, .settings,
    ]

    /// The path's parts, with `:id` where the route takes an id.
    var components: [PathComponent] {
        func id(_ value: ID) -> PathComponent {
            switch value {
            case .parameter: ":id"
            case .id(let id): .constant(String(id))
            }
        }
        switch self {
        case .dashboard: return ["dashboard"]
        case .targets: return ["targets"]
        case .deviceTypes: return ["device-types"]
        case .jobs: return ["jobs"]
        case .executions: return ["executions"]
        case .schedules: return ["schedules"]
        case .discovery: return ["discovery"]
        case .notifications: return ["notifications"]
        case .reports: return ["reports"]
        case .queue: return ["queue"]
        case .audit: return ["audit"]
        case .users: return ["users"]
        case .sessions: return ["sessions"]
        case .settings: return ["settings"]
        case .login: return ["login"]
        case .logout: return ["logout"]
        case .target(let value): return ["targets", id(value)]
        case .targetTest(let value): return ["targets", id(value), "test"]
        case .targetDelete(let value): return ["targets", id(value), "delete"]
        case .targetHostKey(let value): return ["targets", id(value), "host-key"]
        case .targetChoices: return ["targets", "choices"]
        case .targetsImport: return ["targets", "import"]
        case .targetsBulkTest: return ["targets", "bulk-test"]
        case .targetsBulkRun: return ["targets", "bulk-run"]
        case .deviceTypeDelete(let value): return ["device-types", id(value), "delete"]
        case .job(let value): return ["jobs", id(value)]
        case .jobRun(let value): return ["jobs", id(value), "run"]
        case .jobDelete(let value): return ["jobs", id(value), "delete"]
        case .execution(let value): return ["executions", id(value)]
        case .executionCancel(let value): return ["executions", id(value), "cancel"]
        case .executionRerunFailed(let value): return ["executions", id(value), "rerun-failed"]
        case .executionEvents(let value): return ["executions", id(value), "events"]
        case .executionExport(let value, let format): return ["executions", id(value), .constant("export.\(format)")]
        case .schedule(let value): return ["schedules", id(value)]
        case .scheduleToggle(let value): return ["schedules", id(value), "toggle"]
        case .auditExport: return ["audit", "export"]
        case .discoveryRun(let value): return ["discovery", "runs", id(value)]
        case .discoveryRunImport(let value): return ["discovery", "runs", id(value), "import"]
        case .discoveryRunIgnore(let value): return ["discovery", "runs", id(value), "ignore"]
        case .discoveryRunCancel(let value): return ["discovery", "runs", id(value), "cancel"]
        case .system: return ["system"]
        case .user(let value): return ["users", id(value)]
        case .sessionEnd(let value): return ["sessions", id(value), "end"]
        }
    }

    /// The link to this route.
    var path: String { "/" + components.map(\.description).joined(separator: "/") }

    /// The link to this route with a query (`[("notice", "created")]`), its values percent-encoded.
    func path(_ query: KeyValuePairs<String, String>) -> String {
        path(query.map { URLQueryItem(name: $0.key, value: $0.value) })
    }

    /// The link to this route with a query of these items, in this order, their values percent-encoded.
    func path(_ items: [URLQueryItem]) -> String {
        var url = URLComponents()
        url.path = path
        url.queryItems = items
        return url.string ?? path
    }

    /// The link to this route with `?notice=` a notice's key.
    func path(notice: String) -> String { path(["notice": notice]) }

    var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .targets, .target, .targetTest, .targetDelete, .targetHostKey, .targetChoices, .targetsImport,
            .targetsBulkTest, .targetsBulkRun:
            "Targets"
        case .deviceTypes, .deviceTypeDelete: "Device types"
        case .jobs, .job, .jobRun, .jobDelete: "Jobs"
        case .executions, .execution, .executionCancel, .executionRerunFailed, .executionEvents, .executionExport:
            "Executions"
        case .schedules, .schedule, .scheduleToggle: "Schedules"
        case .discovery, .discoveryRun, .discoveryRunImport, .discoveryRunIgnore, .discoveryRunCancel: "Discovery"
        case .notifications: "Notifications"
        case .reports: "Health & reports"
        case .queue: "Task queue"
        case .system: "System health"
        case .audit, .auditExport: "Audit log"
        case .users, .user: "Users & roles"
        case .sessions, .sessionEnd: "Sessions"
        case .settings: "Settings"
        case .login: "Log in"
        case .logout: "Log out"
        }
    }

    /// What a role needs to see the area (and its link in the navigation).
    var permission: Permission? {
        switch self {
        case .dashboard, .login, .logout: nil
        case .targets, .deviceTypes, .target, .targetTest, .targetDelete, .targetHostKey, .targetChoices,
            .targetsImport, .targetsBulkTest, .targetsBulkRun, .deviceTypeDelete:
            .init(.targets, .read)
        case .jobs, .job, .jobRun, .jobDelete: .init(.jobs, .read)
        case .executions, .execution, .executionCancel, .executionRerunFailed, .executionEvents, .executionExport:
            .init(.executions, .read)
        case .schedules, .schedule, .scheduleToggle: .init(.schedules, .read)
        case .discovery, .discoveryRun, .discoveryRunImport, .discoveryRunIgnore, .discoveryRunCancel:
            .init(.discovery, .read)
        case .notifications: .init(.notifications, .read)
        case .reports: .init(.analytics, .read)
        case .queue: .init(.queue, .read)
        case .system: .init(.system, .read)
        case .audit, .auditExport: .init(.audit, .read)
        case .users, .user: .init(.users, .read)
        case .sessions, .sessionEnd: .init(.sessions, .read)
        case .settings: .init(.settings, .read)
        }
    }

    /// Areas whose features are not built yet: their pages say so and show no data.
    var isBuilt: Bool {
        switch self {
        case .notifications: false
        default: true
        }
    }

    func allows(_ role: UserRole) -> Bool {
        permission.map { PermissionTable.allows(role, $0) } ?? true
    }
}
