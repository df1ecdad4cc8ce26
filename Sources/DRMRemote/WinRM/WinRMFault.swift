public import Foundation

/// A SOAP fault from the WinRM service.
public struct WinRMFault: Sendable, Equatable {
    /// The `WSManFault` code, e.g. `2150858793` (operation timeout).
    public var code: String?
    /// `s:Subcode/s:Value`, e.g. `w:TimedOut`.
    public var subcode: String?
    public var message: String

    public var isOperationTimeout: Bool { code == WinRMEnvelope.operationTimeoutCode }
}
