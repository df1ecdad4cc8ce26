public import DRMCore
import DRMSchema
import DRMStore
import Foundation
import SQLKit

/// Test infrastructure that failed: the test can't run, and says why.
public enum TestSupportError: Error, CustomStringConvertible {
    case serverDidNotStart(String, log: String)
    case commandFailed(String, status: Int32, output: String)
    /// A condition a test waited for did not hold by its deadline.
    case timedOut(String)

    public var description: String {
        switch self {
        case .serverDidNotStart(let name, let log): "\(name) did not start: \(log.suffix(2000))"
        case .commandFailed(let command, let status, let output):
            "`\(command)` exited \(status): \(output.suffix(2000))"
        case .timedOut(let what): "timed out waiting for \(what)"
        }
    }
}
