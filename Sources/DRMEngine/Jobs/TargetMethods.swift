import DRMCore
import DRMStore
import FluentKit
import Foundation
import SQLKit

/// Targets with their active communication methods (configs read), loaded in two queries: what a run needs to
/// know which action can run where.
struct TargetMethods: Sendable {
    struct Entry: Sendable {
        var id: Int
        var name: String
        var serial: String
        var osType: String
        var environment: String
        var isActive: Bool
        /// Active methods by type, primary first.
        var methods:
            [CommunicationMethodConfig.MethodType: [(id: Int, config: CommunicationMethodConfig, hostKey: String?)]]
    }

    /// What an action needs that a target lacks.
    struct Missing: Sendable {
        var actionIndex: Int
        var action: ActionSpec
        var method: CommunicationMethodConfig.MethodType

        func describe(target: String) -> String {
            "target '\(target)' has \(reason)"
        }

        /// Why the target can't run the job, without its name.
        var reason: String {
            "no active \(method.rawValue) method, which action \(actionIndex + 1) ('\(action.name)', "
                + "\(action.type.rawValue)) needs"
        }
    }

    var targets: [Int: Entry]

    /// Hand-written SQL, as runs load hundreds of targets (Fluent reflects on every row).
    static func load(_ ids: [Int], on db: any Database) async throws -> TargetMethods {
        let sql = db as! any SQLDatabase
        let wanted = Array(Set(ids))
        let targets = try await chunked(wanted) { slice in
            try await sql.raw(
                """
                SELECT id, name, target_serial, os_type, environment, is_active FROM universal_targets
                WHERE id IN (\(binds: slice))
                """
            ).all()
        }
        let methods = try await chunked(wanted) { slice in
            try await sql.raw(
                """
                SELECT id, target_id, method_type, config, host_key FROM target_communication_methods
                WHERE target_id IN (\(binds: slice)) AND is_active = \(bind: true) ORDER BY is_primary DESC, id
                """
            ).all()
        }
        var entries: [Int: Entry] = [:]
        for row in targets {
            let id = try row.decode(column: "id", as: Int.self)
            entries[id] = Entry(
                id: id, name: try row.decode(column: "name", as: String.self),
                serial: try row.decode(column: "target_serial", as: String.self),
                osType: try row.decode(column: "os_type", as: String.self),
                environment: try row.decode(column: "environment", as: String.self),
                isActive: try row.decode(column: "is_active", as: Bool.self), methods: [:])
        }
        for row in methods {
            guard
                let config = try? CommunicationMethodConfig.decode(
                    methodType: try row.decode(column: "method_type", as: String.self),
                    config: try row.decode(column: "config", as: JSONValue.self))
            else { continue }
            let method = (
                id: try row.decode(column: "id", as: Int.self), config: config,
                hostKey: try row.decode(column: "host_key", as: String?.self)
            )
            entries[try row.decode(column: "target_id", as: Int.self)]?.methods[config.methodType, default: []]
                .append(method)
        }
        return TargetMethods(targets: entries)
    }

    /// The first action that can't run on `target`, if any.
    func missing(for specs: [ActionSpec], target: Int) -> Missing? {
        guard let entry = targets[target] else { return nil }
        for (index, spec) in specs.enumerated() {
            if let method = spec.requiredMethod, entry.methods[method]?.isEmpty ?? true {
                return Missing(actionIndex: index, action: spec, method: method)
            }
        }
        return nil
    }

    /// Runs `query` on slices of `ids` small enough for any database's parameter limit.
    static func chunked<T>(_ ids: [Int], _ query: ([Int]) async throws -> [T]) async throws -> [T] {
        var all: [T] = []
        var start = 0
        while start < ids.count {
            all += try await query(Array(ids[start..<min(start + 500, ids.count)]))
            start += 500
        }
        return all
    }
}
