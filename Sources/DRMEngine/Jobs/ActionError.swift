import DRMCore
import DRMRemote
import Foundation
import Synchronization

/// An action that couldn't run, with the log category it belongs to.
struct ActionError: Error, Sendable {
    var message: String
    var category: LogCategory

    init(_ message: String, category: LogCategory = .commandExecution) {
        self.message = message
        self.category = category
    }
}
