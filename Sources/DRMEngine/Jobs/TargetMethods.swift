import DRMCore
import DRMStore
import FluentKit
import Foundation

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
            "target '\(target)' has no active \(method.rawValue) method, which action \(actionIndex + 1) "
                + "('\(action.name)', \(action.type.rawValue)) needs"
        }
    }

    var targets: [Int: Entry]

    static func load(_ ids: [Int], on db: any Database) async throws -> TargetMethods {
        let wanted = Set(ids)
        let targets = try await chunked(Array(wanted)) { try await Target.query(on: db).filter(\.$id ~~ $0).all() }
        let methods = try await chunked(Array(wanted)) {
            try await CommunicationMethod.query(on: db).filter(\.$targetID ~~ $0).filter(\.$isActive == true)
                .sort(\.$isPrimary, .descending).sort(\.$id).all()
        }
        var entries: [Int: Entry] = [:]
        for target in targets {
            guard let id = target.id else { continue }
            entries[id] = Entry(
                id: id, name: target.name, serial: target.targetSerial, osType: target.osType,
                environment: target.environment, isActive: target.isActive, methods: [:])
        }
        for method in methods {
            guard let id = method.id,
                let config = try? CommunicationMethodConfig.decode(
                    methodType: method.methodType, config: method.config)
            else { continue }
            entries[method.targetID]?.methods[config.methodType, default: []].append((id, config, method.hostKey))
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
