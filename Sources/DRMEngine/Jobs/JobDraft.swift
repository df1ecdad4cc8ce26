public import DRMCore
import Foundation

/// What a job is made of, as a user states it (API, CLI, form); ``JobCatalog`` checks it against the inventory.
public struct JobDraft: Sendable, Hashable {
    /// One action as stated: its type, name, parameters and config (see ``ActionSpec``).
    public struct Action: Sendable, Hashable {
        public var type: ActionType
        public var name: String
        public var parameters: JSONValue
        public var config: JSONValue?

        public init(type: ActionType, name: String, parameters: JSONValue, config: JSONValue? = nil) {
            self.type = type
            self.name = name
            self.parameters = parameters
            self.config = config
        }
    }

    /// After one branch fails: the others go on (`continue`), or those not started yet are skipped (`stop`).
    public enum FailurePolicy: String, Sendable, Hashable, Codable, CaseIterable {
        case `continue`, stop
    }

    public var name: String
    public var description: String?
    public var actions: [Action]
    /// Targets chosen one by one.
    public var targetIDs: [Int]
    /// A saved filter (the target filter language), resolved when the job runs.
    public var targetFilter: String?
    public var options: [JobOption]
    /// How many targets of one execution run at once (1…1000).
    public var parallelism: Int
    public var failurePolicy: FailurePolicy
    /// Seconds before a whole execution is stopped (none when nil).
    public var timeoutSeconds: Int?
    /// 1 (highest) … 10.
    public var priority: Int

    public init(
        name: String, description: String? = nil, actions: [Action], targetIDs: [Int] = [], targetFilter: String? = nil,
        options: [JobOption] = [], parallelism: Int = 10, failurePolicy: FailurePolicy = .continue,
        timeoutSeconds: Int? = nil, priority: Int = 5
    ) {
        self.name = name
        self.description = description
        self.actions = actions
        self.targetIDs = targetIDs
        self.targetFilter = targetFilter
        self.options = options
        self.parallelism = parallelism
        self.failurePolicy = failurePolicy
        self.timeoutSeconds = timeoutSeconds
        self.priority = priority
    }

    /// Refuses text with NUL characters anywhere in `fields` (no database stores them), naming where.
    static func refuseNUL(_ fields: JSONValue) throws(JobError) {
        if let path = TargetRules.nulPath(fields, "") {
            throw .invalid(field: String(path.dropFirst()), message: "must not contain NUL characters")
        }
    }

    /// Checks everything that needs no database; returns the actions read as specs.
    public func check() throws(JobError) -> [ActionSpec] {
        let trimmed = name.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !trimmed.isEmpty, trimmed.count <= 255, trimmed == name else {
            throw .invalid(field: "name", message: "must be 1…255 characters without leading or trailing spaces")
        }
        guard !actions.isEmpty else { throw .invalid(field: "actions", message: "must hold at least one action") }
        guard actions.count <= 100 else { throw .invalid(field: "actions", message: "must hold at most 100 actions") }
        guard (1...1000).contains(parallelism) else { throw .invalid(field: "parallelism", message: "must be 1…1000") }
        guard (1...10).contains(priority) else { throw .invalid(field: "priority", message: "must be 1…10") }
        if let timeoutSeconds, !(1...604_800).contains(timeoutSeconds) {
            throw .invalid(field: "timeout_seconds", message: "must be 1…604800")
        }
        if let targetFilter {
            do { _ = try TargetFilter.parse(targetFilter) } catch {
                throw .invalid(field: "target_filter", message: error.message)
            }
        }
        for (index, id) in targetIDs.enumerated() {
            guard (1...Int(Int32.max)).contains(id) else {
                throw .invalid(field: "target_ids.\(index)", message: "target \(id) does not exist")
            }
            guard targetIDs.firstIndex(of: id) == index else {
                throw .invalid(field: "target_ids.\(index)", message: "target \(id) is listed twice")
            }
        }
        try Self.refuseNUL(
            [
                "name": .string(name), "description": description.map(JSONValue.string) ?? .null,
                "target_filter": targetFilter.map(JSONValue.string) ?? .null,
                "options": (try? JSONValue(encoding: options)) ?? .null,
                "actions": .array(
                    actions.map {
                        [
                            "action_name": .string($0.name), "action_parameters": $0.parameters,
                            "action_config": $0.config ?? .null,
                        ]
                    }),
            ])
        do {
            try JobOption.validate(options)
            let names = Set(options.map(\.name))
            return try actions.enumerated().map { (index, action) throws(FieldError) in
                let spec = try ActionSpec(
                    type: action.type, name: action.name, parameters: action.parameters, config: action.config,
                    index: index)
                try spec.checkVariables(options: names, index: index)
                return spec
            }
        } catch {
            throw JobError(error)
        }
    }
}
