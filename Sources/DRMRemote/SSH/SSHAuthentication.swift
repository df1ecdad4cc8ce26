import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// How the client proves who it is.
public enum SSHAuthentication: Sendable {
    case password(String)
    case privateKey(SSHPrivateKey)
}
