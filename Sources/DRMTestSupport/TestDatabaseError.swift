public import DRMCore
public import DRMSchema
public import DRMStore
import Foundation
public import SQLKit

/// An error from a test's database work, with the driver's full detail (PostgresNIO hides it from `description`).
public struct TestDatabaseError: Error, CustomStringConvertible {
    public let underlying: any Error

    public var description: String { String(reflecting: underlying) }
}
