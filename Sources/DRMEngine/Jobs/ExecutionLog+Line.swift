import DRMCore
import DRMStore
import Foundation

extension ExecutionLog {
    /// A log row of an execution (of one of its branches when `branchID` is given), stamped `at`.
    convenience init(
        execution executionID: Int, branch branchID: Int? = nil, _ phase: LogPhase, _ level: ExecutionLogLevel,
        _ category: LogCategory, _ message: String, details: JSONValue? = nil, at timestamp: Date
    ) {
        self.init()
        jobExecutionID = executionID
        self.branchID = branchID
        logPhase = phase
        logLevel = level
        logCategory = category
        logMessage = message
        logDetails = details
        self.timestamp = timestamp
    }
}
