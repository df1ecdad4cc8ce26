import DRMCore
import DRMRemote
import DRMStore
import FluentKit
import Foundation
import Synchronization

/// Private keys parsed once per run (hundreds of targets often share one key).
final class KeyCache: Sendable {
    private let keys = Mutex<[String: SSHPrivateKey]>([:])

    func key(_ text: String, passphrase: String?) throws -> SSHPrivateKey {
        let cacheKey = text + "\u{0}" + (passphrase ?? "")
        if let key = keys.withLock({ $0[cacheKey] }) { return key }
        let key = try SSHPrivateKey(openSSH: text, passphrase: passphrase)
        keys.withLock { $0[cacheKey] = key }
        return key
    }
}
