public import DRMCore
public import DRMStore
import Foundation

/// A communication method as the use cases return it: the row, its decoded config and its credential's summary.
public struct MethodRecord: @unchecked Sendable {
    public var method: CommunicationMethod
    public var credential: CredentialSummary?

    /// The method's host (from its config), or `nil` when the stored config has none.
    public var host: String? {
        if case .string(let host)? = method.config["host"] { return host }
        return nil
    }

    /// The method's port (from its config; for an API, that of its base URL).
    public var port: Int? {
        guard let config = try? CommunicationMethodConfig.decode(methodType: method.methodType, config: method.config)
        else { return nil }
        return HostPort(config).port
    }
}
