public import FluentKit
public import Foundation

/// A row of `login_throttles`: failed log-ins counted under one key (an account and address pair, an address, or an
/// account) and the lock they placed. The throttle itself reads and writes these rows with compare-and-set SQL.
public final class LoginThrottleRecord: Model, @unchecked Sendable {
    public static let schema = "login_throttles"

    @ID(custom: "id", generatedBy: .database) public var id: Int?
    @Field(key: "throttle_key") public var key: String
    @Field(key: "scope") public var scope: String
    @OptionalField(key: "username") public var username: String?
    @OptionalField(key: "address") public var address: String?
    @Field(key: "failures") public var failures: Int
    @Field(key: "window_started_at") public var windowStartedAt: Date
    @OptionalField(key: "locked_until") public var lockedUntil: Date?

    public init() {}
}
