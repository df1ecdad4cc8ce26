public import DRMCore
import Foundation

/// What kind of thing a target is (`universal_targets.target_type`).
public enum TargetType: String, Sendable, Hashable, CaseIterable, Codable {
    case system, api, database, email, web, communication
}
