import DRMCore

/// The pages of the web UI: one enum both registers them and builds the links to them.
enum SiteRoute: String, CaseIterable, Sendable {
    case dashboard, targets
    case deviceTypes = "device-types"
    case jobs, executions, schedules, discovery, notifications, reports, queue
    case audit, users, sessions, settings

    var path: String { "/" + rawValue }

    var title: String {
        switch self {
        case .dashboard: "Dashboard"
        case .targets: "Targets"
        case .deviceTypes: "Device types"
        case .jobs: "Jobs"
        case .executions: "Executions"
        case .schedules: "Schedules"
        case .discovery: "Discovery"
        case .notifications: "Notifications"
        case .reports: "Health & reports"
        case .queue: "Task queue"
        case .audit: "Audit log"
        case .users: "Users & roles"
        case .sessions: "Sessions"
        case .settings: "Settings"
        }
    }

    /// What a role needs to see the page (and its link in the navigation).
    var permission: Permission? {
        switch self {
        case .dashboard: nil
        case .targets, .deviceTypes: .init(.targets, .read)
        case .jobs: .init(.jobs, .read)
        case .executions: .init(.executions, .read)
        case .schedules: .init(.schedules, .read)
        case .discovery: .init(.discovery, .read)
        case .notifications: .init(.notifications, .read)
        case .reports: .init(.analytics, .read)
        case .queue: .init(.queue, .read)
        case .audit: .init(.audit, .read)
        case .users: .init(.users, .read)
        case .sessions: .init(.sessions, .read)
        case .settings: .init(.settings, .read)
        }
    }

    /// Areas whose features are not built yet: their pages say so and show no data.
    var isBuilt: Bool {
        switch self {
        case .dashboard, .targets, .deviceTypes, .jobs, .executions, .queue, .audit, .users, .sessions, .settings: true
        default: false
        }
    }

    func allows(_ role: UserRole) -> Bool {
        permission.map { PermissionTable.allows(role, $0) } ?? true
    }
}
