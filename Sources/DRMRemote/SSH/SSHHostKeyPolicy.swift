import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// Which host keys the client accepts.
public enum SSHHostKeyPolicy: Sendable {
    /// Only these keys: OpenSSH public-key lines (`ssh-ed25519 AAAA…`) or fingerprints (`SHA256:…`).
    case pinned([String])
    /// Any key. The connection exposes the presented key so that the caller can store it (trust on first use is
    /// the caller's decision, not this client's).
    case recordFirstUse
}
