public import DRMCore
import Foundation

/// Where a target sits in the release chain (`universal_targets.environment`).
public enum TargetEnvironment: String, Sendable, Hashable, CaseIterable, Codable {
    case production, staging, development, testing
}
