/// The one permission table: role × action on each resource (spec/domain.md, "target permission matrix").
///
/// - administrator: everything, including users and system settings.
/// - manager: create, change, delete and run targets, jobs, schedules and discovery; cancel executions; read the
///   audit log, users and settings.
/// - user: read everything but the audit log; run jobs on their own targets (choosing other targets needs
///   `jobs:update`; ad-hoc commands need `adhoc_commands:execute`); trigger schedules (`schedules:execute`); run,
///   cancel and review discovery (`discovery:execute`; importing is `discovery:create`, managers').
/// - guest: read everything but the audit log.
/// - `metrics:read` (the Prometheus endpoint): administrators and managers.
///
/// Everyone may list and end their own sessions; which rows are one's own is decided where the rows are read.
public enum PermissionTable {
    static let everything = Set(Permission.Action.allCases)
    static let read: Set<Permission.Action> = [.read]

    static let grants: [UserRole: [Permission.Resource: Set<Permission.Action>]] = [
        .administrator: Dictionary(uniqueKeysWithValues: Permission.Resource.allCases.map { ($0, everything) }),
        .manager: [
            .users: read, .sessions: [.read, .delete], .audit: read, .settings: read,
            .targets: everything, .jobs: everything, .schedules: everything, .discovery: everything,
            .executions: [.read, .execute], .notifications: read, .analytics: read, .queue: read,
            .adhocCommands: [.execute], .metrics: read, .system: read,
        ],
        .user: [
            .users: read, .sessions: [.read, .delete], .settings: read, .targets: read, .jobs: [.read, .execute],
            .schedules: [.read, .execute], .discovery: [.read, .execute], .executions: read, .notifications: read,
            .analytics: read,
            .queue: read, .system: read,
        ],
        .guest: [
            .users: read, .sessions: [.read, .delete], .settings: read, .targets: read, .jobs: read,
            .schedules: read, .discovery: read, .executions: read, .notifications: read, .analytics: read, .queue: read,
            .system: read,
        ],
    ]

    /// Whether `role` may do `permission`.
    public static func allows(_ role: UserRole, _ permission: Permission) -> Bool {
        grants[role]?[permission.resource]?.contains(permission.action) ?? false
    }
}
