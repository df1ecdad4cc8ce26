public import DRMCore
import Foundation

/// Whether a target is in service (`universal_targets.status`).
public enum TargetStatus: String, Sendable, Hashable, CaseIterable, Codable {
    case active, inactive, maintenance
}
