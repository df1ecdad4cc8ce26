public import DRMCore
public import DRMStore
public import FluentKit
import Foundation
import SQLKit

/// Why a task failed, and whether trying again could help.
public struct TaskError: Error, Sendable {
    public var message: String
    public var retry: Bool

    public init(_ message: String, retry: Bool = false) {
        self.message = message
        self.retry = retry
    }
}
