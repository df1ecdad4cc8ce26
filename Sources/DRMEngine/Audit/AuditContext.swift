import Crypto
public import DRMCore
public import DRMStore
public import FluentKit
import Foundation

/// Who did something and from where: the part of an audit event that comes from the caller.
public struct AuditContext: Sendable {
    public var actorUserID: Int?
    public var actorName: String
    public var ipAddress: String?
    public var userAgent: String?
    public var requestID: String?

    public init(
        actorUserID: Int? = nil, actorName: String, ipAddress: String? = nil, userAgent: String? = nil,
        requestID: String? = nil
    ) {
        self.actorUserID = actorUserID
        self.actorName = actorName
        self.ipAddress = ipAddress
        self.userAgent = userAgent
        self.requestID = requestID
    }

    /// The `enabledrm` command line, working on the database directly.
    public static let cli = AuditContext(actorName: "cli")
    /// The platform itself (first start, sweepers, the scheduler).
    public static let system = AuditContext(actorName: "system")
}
