/// What can be done to what. Every API route declares the permission it needs.
public struct Permission: Sendable, Hashable, Codable, CustomStringConvertible {
    /// The kinds of things the API manages.
    public enum Resource: String, Sendable, Hashable, Codable, CaseIterable {
        case users, sessions, audit, settings, targets, jobs, executions, schedules, discovery, notifications,
            analytics, queue
        /// Trusting a new SSH host key of a target: administrators only.
        case hostKeys = "host_keys"
        /// Running an arbitrary shell command on chosen targets (`POST /api/v1/executions/adhoc`): administrators
        /// and managers. Users run jobs, whose commands someone allowed to change jobs wrote.
        case adhocCommands = "adhoc_commands"
        /// The Prometheus endpoint `GET /metrics` (read) for a scraper's token: administrators and managers.
        case metrics
        /// The platform's health (`GET /api/v1/system/health`, the system page): read by every role.
        case system
    }

    /// What a request does to a resource.
    public enum Action: String, Sendable, Hashable, Codable, CaseIterable {
        case read, create, update, delete, execute
    }

    public var resource: Resource
    public var action: Action

    public init(_ resource: Resource, _ action: Action) {
        self.resource = resource
        self.action = action
    }

    /// `targets:read`.
    public var description: String { "\(resource.rawValue):\(action.rawValue)" }
}
