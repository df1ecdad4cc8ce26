public import DRMCore
public import DRMStore
import Foundation

/// A target with its communication methods (primary first, then by priority and id).
public struct TargetRecord: @unchecked Sendable {
    public var target: Target
    public var methods: [MethodRecord]

    /// The primary method, if any.
    public var primary: MethodRecord? { methods.first { $0.method.isPrimary } ?? methods.first }

    /// The target's tags.
    public var tags: [String] {
        guard case .array(let items) = target.tags else { return [] }
        return items.compactMap { if case .string(let tag) = $0 { tag } else { nil } }
    }

    /// The facts a ``TargetFilter`` is evaluated against.
    public var subject: TargetFilter.Subject {
        TargetFilter.Subject(
            name: target.name, hosts: methods.compactMap(\.host), tags: tags, osType: target.osType,
            environment: target.environment, status: target.status, targetType: target.targetType,
            deviceType: target.deviceType, serial: target.targetSerial)
    }
}
