import DRMCore
import DRMRemote
import Foundation
import Synchronization

/// How one action ended.
struct ActionOutcome: Sendable {
    var status: ExecutionStatus
    var output: String = ""
    var error: String?
    var exitCode: Int?
    var command: String?
    var truncated = false
}
