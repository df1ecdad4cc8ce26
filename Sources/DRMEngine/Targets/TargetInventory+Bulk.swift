public import DRMCore
import DRMStore
import FluentKit
import Foundation

extension TargetInventory {
    /// What a bulk credential replacement did.
    public struct Replaced: Sendable, Hashable {
        /// `(target id, method id)` of each method whose credential was replaced.
        public var methods: [MethodRef] = []
        /// Targets without an active method of the type, by name.
        public var withoutMethod: [String] = []
    }

    /// A method of a target.
    public struct MethodRef: Sendable, Hashable {
        public var targetID: Int
        public var targetName: String
        public var methodID: Int
    }

    /// Replaces the credential of every active `methodType` method of `targetIDs` with `credential` (a rotated
    /// SSH key or password for a whole group, #14 item 3), each change checked, stored encrypted and audited as one
    /// method update.
    public func replaceCredentials(
        of targetIDs: [Int], methodType: CommunicationMethodConfig.MethodType, with credential: CredentialInput
    ) async throws -> Replaced {
        var result = Replaced()
        for id in targetIDs {
            let record = try await detail(id)
            let methods = record.methods.filter { $0.method.methodType == methodType.rawValue && $0.method.isActive }
            guard !methods.isEmpty else {
                result.withoutMethod.append(record.target.name)
                continue
            }
            for method in methods {
                let methodID = try method.method.requireID()
                _ = try await updateMethod(methodID, of: id, MethodChanges(credential: credential))
                result.methods.append(MethodRef(targetID: id, targetName: record.target.name, methodID: methodID))
            }
        }
        return result
    }
}
