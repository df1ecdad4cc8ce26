public import DRMCore
public import Foundation

/// One shell command to run on targets, chosen by exactly one selector: ids, a filter, or all active targets.
public struct AdhocCommand: Sendable {
    public var command: String
    public var targetIDs: [Int]?
    public var filter: String?
    public var all: Bool
    /// How many targets run at once (1…1000).
    public var parallelism: Int
    /// Seconds the command may run on each target (1…86400).
    public var timeoutSeconds: Int

    public init(
        command: String, targetIDs: [Int]? = nil, filter: String? = nil, all: Bool = false, parallelism: Int = 100,
        timeoutSeconds: Int = 300
    ) {
        self.command = command
        self.targetIDs = targetIDs
        self.filter = filter
        self.all = all
        self.parallelism = parallelism
        self.timeoutSeconds = timeoutSeconds
    }

    /// Checks the rules of an ad-hoc run and returns its parsed filter, if it has one. Errors name the field as the
    /// API spells it (`command`, `parallelism`, `timeout_seconds`, `target_ids`, `filter`).
    public func check() throws(JobError) -> TargetFilter? {
        guard !command.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw .invalid(field: "command", message: "must not be empty")
        }
        guard (1...1000).contains(parallelism) else { throw .invalid(field: "parallelism", message: "must be 1…1000") }
        guard (1...86_400).contains(timeoutSeconds) else {
            throw .invalid(field: "timeout_seconds", message: "must be 1…86400")
        }
        guard [targetIDs != nil, filter != nil, all].filter({ $0 }).count == 1 else {
            throw .invalid(
                field: "target_ids", message: "give exactly one selector: target ids, a filter, or all targets")
        }
        if targetIDs?.isEmpty == true { throw .invalid(field: "target_ids", message: "no target is selected") }
        guard let filter else { return nil }
        do throws(TargetFilter.ParseError) {
            return try TargetFilter.parse(filter)
        } catch {
            throw .invalid(field: "filter", message: error.message)
        }
    }
}
