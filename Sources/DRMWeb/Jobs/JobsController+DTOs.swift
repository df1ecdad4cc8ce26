public import DRMCore
public import DRMEngine
import Foundation
public import Vapor

/// An action in a job request: `action_type`, `action_name`, `action_parameters`, `action_config` (spec names).
public struct ActionRequest: Content, Sendable {
    public var actionType: ActionType
    public var actionName: String?
    public var actionParameters: JSONValue?
    public var actionConfig: JSONValue?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case actionType = "action_type"
        case actionName = "action_name"
        case actionParameters = "action_parameters"
        case actionConfig = "action_config"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        actionType = try container.decode(ActionType.self, forKey: .actionType)
        actionName = try container.decodeIfPresent(String.self, forKey: .actionName)
        actionParameters = try container.decodeIfPresent(JSONValue.self, forKey: .actionParameters)
        actionConfig = try container.decodeIfPresent(JSONValue.self, forKey: .actionConfig)
    }
}

/// `POST /api/v1/jobs`, `PUT /api/v1/jobs/:id`, and `enabledrm job create --file`: a whole job definition.
public struct JobRequest: Content, Sendable {
    public var name: String
    public var description: String?
    public var actions: [ActionRequest]
    public var targetIDs: [Int]?
    public var targetFilter: String?
    public var options: [JobOption]?
    public var parallelism: Int?
    public var failurePolicy: JobDraft.FailurePolicy?
    public var timeoutSeconds: Int?
    public var priority: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case name, description, actions, options, parallelism, priority
        case targetIDs = "target_ids"
        case targetFilter = "target_filter"
        case failurePolicy = "failure_policy"
        case timeoutSeconds = "timeout_seconds"
    }

    public init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        name = try container.decode(String.self, forKey: .name)
        description = try container.decodeIfPresent(String.self, forKey: .description)
        actions = try container.decode([ActionRequest].self, forKey: .actions)
        targetIDs = try container.decodeIfPresent([Int].self, forKey: .targetIDs)
        targetFilter = try container.decodeIfPresent(String.self, forKey: .targetFilter)
        options = try container.decodeIfPresent([JobOption].self, forKey: .options)
        parallelism = try container.decodeIfPresent(Int.self, forKey: .parallelism)
        failurePolicy = try container.decodeIfPresent(JobDraft.FailurePolicy.self, forKey: .failurePolicy)
        timeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds)
        priority = try container.decodeIfPresent(Int.self, forKey: .priority)
    }

    public var draft: JobDraft {
        JobDraft(
            name: name, description: description,
            actions: actions.map {
                JobDraft.Action(
                    type: $0.actionType, name: $0.actionName ?? $0.actionType.rawValue,
                    parameters: $0.actionParameters ?? .object([:]), config: $0.actionConfig)
            },
            targetIDs: targetIDs ?? [], targetFilter: targetFilter, options: options ?? [],
            parallelism: parallelism ?? 10, failurePolicy: failurePolicy ?? .continue, timeoutSeconds: timeoutSeconds,
            priority: priority ?? 5)
    }
}

/// A job in responses.
struct JobResponse: Content {
    struct Action: Content {
        var id: Int
        var actionOrder: Int
        var actionType: ActionType
        var actionName: String
        var actionParameters: JSONValue
        var actionConfig: JSONValue?

        enum CodingKeys: String, CodingKey {
            case id
            case actionOrder = "action_order"
            case actionType = "action_type"
            case actionName = "action_name"
            case actionParameters = "action_parameters"
            case actionConfig = "action_config"
        }
    }

    var id: Int
    var serial: String
    var name: String
    var description: String?
    var status: JobStatus
    var actions: [Action]
    var targetIDs: [Int]
    var targetFilter: String?
    var options: [JobOption]
    var parallelism: Int
    var failurePolicy: JobDraft.FailurePolicy
    var timeoutSeconds: Int?
    var priority: Int
    var createdBy: Int
    var createdAt: Date?
    var updatedAt: Date?

    enum CodingKeys: String, CodingKey {
        case id, serial, name, description, status, actions, options, parallelism, priority
        case targetIDs = "target_ids"
        case targetFilter = "target_filter"
        case failurePolicy = "failure_policy"
        case timeoutSeconds = "timeout_seconds"
        case createdBy = "created_by"
        case createdAt = "created_at"
        case updatedAt = "updated_at"
    }

    init(_ job: JobDefinition) {
        id = job.id
        serial = job.serial
        name = job.name
        description = job.draft.description
        status = job.status
        actions = zip(job.actionIDs, job.draft.actions).enumerated().map { index, pair in
            Action(
                id: pair.0, actionOrder: index + 1, actionType: pair.1.type, actionName: pair.1.name,
                actionParameters: pair.1.parameters, actionConfig: pair.1.config)
        }
        targetIDs = job.draft.targetIDs
        targetFilter = job.draft.targetFilter
        options = job.draft.options
        parallelism = job.draft.parallelism
        failurePolicy = job.draft.failurePolicy
        timeoutSeconds = job.draft.timeoutSeconds
        priority = job.draft.priority
        createdBy = job.createdBy
        createdAt = job.createdAt
        updatedAt = job.updatedAt
    }
}

/// `POST /api/v1/jobs/:id/run`.
struct RunRequest: Content {
    var parameters: [String: JSONValue]?
    var targetIDs: [Int]?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case parameters
        case targetIDs = "target_ids"
    }
}

extension RunRequest {
    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        parameters = try container.decodeIfPresent([String: JSONValue].self, forKey: .parameters)
        targetIDs = try container.decodeIfPresent([Int].self, forKey: .targetIDs)
    }
}

/// `POST /api/v1/executions/adhoc`: one shell command on chosen targets.
struct AdhocRequest: Content {
    var command: String
    var targetIDs: [Int]?
    var filter: String?
    var all: Bool?
    var parallelism: Int?
    var timeoutSeconds: Int?

    enum CodingKeys: String, CodingKey, CaseIterable {
        case command, filter, all, parallelism
        case targetIDs = "target_ids"
        case timeoutSeconds = "timeout_seconds"
    }

    init(from decoder: any Decoder) throws {
        try decoder.refuseUnknownKeys(CodingKeys.self)
        let container = try decoder.container(keyedBy: CodingKeys.self)
        command = try container.decode(String.self, forKey: .command)
        targetIDs = try container.decodeIfPresent([Int].self, forKey: .targetIDs)
        filter = try container.decodeIfPresent(String.self, forKey: .filter)
        all = try container.decodeIfPresent(Bool.self, forKey: .all)
        parallelism = try container.decodeIfPresent(Int.self, forKey: .parallelism)
        timeoutSeconds = try container.decodeIfPresent(Int.self, forKey: .timeoutSeconds)
    }
}

/// A queued execution: where to follow it, and the selected targets left out because they can't run it.
struct LaunchResponse: Content {
    /// A target a filter or "all" selected that can't run the job.
    struct LeftOut: Content {
        var targetID: Int
        var name: String
        var reason: String

        enum CodingKeys: String, CodingKey {
            case name, reason
            case targetID = "target_id"
        }
    }

    var executionID: Int
    var serial: String
    var targets: Int
    var status: ExecutionStatus
    var leftOut: [LeftOut]

    enum CodingKeys: String, CodingKey {
        case serial, targets, status
        case executionID = "execution_id"
        case leftOut = "left_out"
    }

    init(_ launched: ExecutionLauncher.Launched) {
        executionID = launched.executionID
        serial = launched.serial
        targets = launched.targets
        status = .queued
        leftOut = launched.leftOut.map { LeftOut(targetID: $0.targetID, name: $0.name, reason: $0.reason) }
    }
}

extension ExecutionSummary: Content {}
extension ExecutionDetail: Content {}
extension ActionResultView: Content {}
extension ExecutionLogLine: Content {}
extension QueueMetrics.Overview: Content {}

/// The JSON Schemas of the job routes' bodies (for the API document).
enum JobSchemas {
    static let action = Schema.object(
        [
            "action_type": Schema.oneOf(ActionType.allCases.map(\.rawValue)), "action_name": Schema.string,
            "action_parameters": ["type": "object"], "action_config": ["type": "object"],
        ], required: ["action_type"])
    static let option = Schema.object(
        [
            "name": Schema.string, "type": Schema.oneOf(JobOption.Kind.allCases.map(\.rawValue)),
            "required": Schema.boolean, "default": [:], "allowed": Schema.array(Schema.string),
            "description": Schema.string, "secret": Schema.boolean,
        ], required: ["name"])
    static let job = Schema.object(
        [
            "name": Schema.string, "description": Schema.string, "actions": Schema.array(action, maxItems: 100),
            "target_ids": Schema.array(Schema.integer(1...Int(Int32.max))), "target_filter": Schema.string,
            "options": Schema.array(option), "parallelism": Schema.integer(1...1000),
            "failure_policy": Schema.oneOf(JobDraft.FailurePolicy.allCases.map(\.rawValue)),
            "timeout_seconds": Schema.integer(1...604_800), "priority": Schema.integer(1...10),
        ], required: ["name", "actions"])
    static let run = Schema.object(
        ["parameters": ["type": "object"], "target_ids": Schema.array(Schema.integer(1...Int(Int32.max)))])
    static let adhoc = Schema.object(
        [
            "command": Schema.string, "target_ids": Schema.array(Schema.integer(1...Int(Int32.max))),
            "filter": Schema.string, "all": Schema.boolean, "parallelism": Schema.integer(1...1000),
            "timeout_seconds": Schema.integer(1...86_400),
        ], required: ["command"])
}

/// Where `configure` keeps the job engine.
struct JobEngineKey: StorageKey {
    typealias Value = JobEngine
}

extension Application {
    /// The job engine on this application's database.
    public var jobEngine: JobEngine {
        guard let engine = storage[JobEngineKey.self] else { fatalError("configure(_:config:) was not called") }
        return engine
    }
}

extension Request {
    var jobs: JobEngine { application.jobEngine }
}
