public import DRMCore
import DRMStore
public import Foundation

/// A job as stored: its row, its actions in order and its chosen targets.
public struct JobDefinition: Sendable {
    public var id: Int
    public var serial: String
    public var status: JobStatus
    public var isDeleted: Bool
    public var isAdhoc: Bool
    public var createdBy: Int
    public var createdAt: Date?
    public var updatedAt: Date?
    public var draft: JobDraft
    /// The ids of the `job_actions` rows, in action order.
    public var actionIDs: [Int]

    init(job: Job, actions: [JobAction], targetIDs: [Int]) {
        id = job.id ?? 0
        serial = job.jobSerial
        status = job.status
        isDeleted = job.isDeleted
        isAdhoc = job.isAdhoc
        createdBy = job.createdBy
        createdAt = job.createdAt
        updatedAt = job.updatedAt
        actionIDs = actions.compactMap(\.id)
        draft = JobDraft(
            name: job.name, description: job.description,
            actions: actions.map {
                JobDraft.Action(
                    type: $0.actionType, name: $0.actionName, parameters: $0.actionParameters ?? .object([:]),
                    config: $0.actionConfig)
            },
            targetIDs: targetIDs, targetFilter: job.targetFilter,
            options: (try? job.options.decoded(as: [JobOption].self)) ?? [], parallelism: job.parallelism,
            failurePolicy: JobDraft.FailurePolicy(rawValue: job.failurePolicy) ?? .continue,
            timeoutSeconds: job.timeout, priority: job.priority)
    }

    public var name: String { draft.name }

    /// The actions read as specs (they were checked when saved).
    public func specs() throws(JobError) -> [ActionSpec] { try draft.check() }

    /// What changed from this definition to `other`, as `{"field": {"from", "to"}}` (actions by count).
    func changes(to other: JobDefinition) -> [String: JSONValue] {
        var changes: [String: JSONValue] = [:]
        func note(_ field: String, _ from: JSONValue, _ to: JSONValue) {
            if from != to { changes[field] = ["from": from, "to": to] }
        }
        note("name", .string(draft.name), .string(other.draft.name))
        note(
            "description", draft.description.map(JSONValue.string) ?? .null,
            other.draft.description.map(JSONValue.string) ?? .null)
        note("parallelism", .number(Double(draft.parallelism)), .number(Double(other.draft.parallelism)))
        note("failure_policy", .string(draft.failurePolicy.rawValue), .string(other.draft.failurePolicy.rawValue))
        note(
            "target_filter", draft.targetFilter.map(JSONValue.string) ?? .null,
            other.draft.targetFilter.map(JSONValue.string) ?? .null)
        note(
            "target_ids", .array(draft.targetIDs.map { .number(Double($0)) }),
            .array(other.draft.targetIDs.map { .number(Double($0)) }))
        if draft.actions != other.draft.actions {
            changes["actions"] = [
                "from": .number(Double(draft.actions.count)), "to": .number(Double(other.draft.actions.count)),
            ]
        }
        if draft.options != other.draft.options {
            changes["options"] = [
                "from": .number(Double(draft.options.count)), "to": .number(Double(other.draft.options.count)),
            ]
        }
        return changes
    }
}
