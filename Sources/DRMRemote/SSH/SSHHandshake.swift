import Foundation
import NIOConcurrencyHelpers
import NIOCore
import NIOSSH

/// Checks the server's host key against the policy and records the key it presented.
final class HostKeyVerifier: NIOSSHClientServerAuthenticationDelegate {
    let policy: SSHHostKeyPolicy
    let endpoint: String
    let presented: NIOLockedValueBox<SSHPublicKey?>

    init(policy: SSHHostKeyPolicy, endpoint: String, presented: NIOLockedValueBox<SSHPublicKey?>) {
        self.policy = policy
        self.endpoint = endpoint
        self.presented = presented
    }

    func validateHostKey(hostKey: NIOSSHPublicKey, validationCompletePromise: EventLoopPromise<Void>) {
        let key = SSHPublicKey(hostKey)
        presented.withLockedValue { $0 = key }
        switch policy {
        case .recordFirstUse:
            validationCompletePromise.succeed()
        case .pinned(let entries):
            if Self.matches(key, entries) {
                validationCompletePromise.succeed()
            } else {
                let expected = entries.map(Self.fingerprint(of:))
                validationCompletePromise.fail(
                    ConnectionError(
                        .hostKey,
                        "host key of \(endpoint) is \(key.fingerprint) (\(key.algorithm)), expected "
                            + expected.joined(separator: " or "),
                        details: [
                            "presented_fingerprint": key.fingerprint,
                            "expected_fingerprints": expected.joined(separator: ","),
                            // The whole offered key, so that an administrator can accept it as it was seen.
                            "presented_key": key.openSSH,
                        ]))
            }
        }
    }

    static func matches(_ key: SSHPublicKey, _ entries: [String]) -> Bool {
        entries.contains { entry in
            let entry = entry.trimmingCharacters(in: .whitespacesAndNewlines)
            if entry.hasPrefix("SHA256:") { return entry == key.fingerprint }
            return (try? SSHPublicKey(openSSH: entry))?.blob == key.blob
        }
    }

    static func fingerprint(of entry: String) -> String {
        let entry = entry.trimmingCharacters(in: .whitespacesAndNewlines)
        if entry.hasPrefix("SHA256:") { return entry }
        return (try? SSHPublicKey(openSSH: entry))?.fingerprint ?? "(unparsable pinned key)"
    }
}

/// Offers the one configured method once; a second request means the server rejected it.
final class UserAuthenticator: NIOSSHClientUserAuthenticationDelegate {
    let username: String
    let authentication: SSHAuthentication
    let endpoint: String
    private var offered = false

    init(username: String, authentication: SSHAuthentication, endpoint: String) {
        self.username = username
        self.authentication = authentication
        self.endpoint = endpoint
    }

    func nextAuthenticationType(
        availableMethods: NIOSSHAvailableUserAuthenticationMethods,
        nextChallengePromise: EventLoopPromise<NIOSSHUserAuthenticationOffer?>
    ) {
        let (method, offer): (String, NIOSSHUserAuthenticationOffer.Offer) =
            switch authentication {
            case .password(let password): ("password", .password(.init(password: password)))
            case .privateKey(let key):
                ("publickey \(key.publicKey.fingerprint)", .privateKey(.init(privateKey: key.nioKey)))
            }
        if offered {
            nextChallengePromise.fail(
                ConnectionError(.auth, "\(endpoint) rejected \(method) authentication for user \(username)"))
            return
        }
        let accepted: Bool =
            switch authentication {
            case .password: availableMethods.contains(.password)
            case .privateKey: availableMethods.contains(.publicKey)
            }
        guard accepted else {
            nextChallengePromise.fail(
                ConnectionError(
                    .auth,
                    "\(endpoint) does not accept \(method.prefix(while: { $0 != " " })) "
                        + "authentication for user \(username)"))
            return
        }
        offered = true
        nextChallengePromise.succeed(NIOSSHUserAuthenticationOffer(username: username, serviceName: "", offer: offer))
    }
}

/// Completes `ready` when user authentication succeeds, or fails it with the first error or an early close.
/// After that it closes the connection on any error, so that nothing waits on a broken connection.
final class HandshakeWatcher: ChannelInboundHandler {
    typealias InboundIn = Any
    let ready: EventLoopPromise<Void>
    let endpoint: String
    private var done = false

    init(ready: EventLoopPromise<Void>, endpoint: String) {
        self.ready = ready
        self.endpoint = endpoint
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if event is UserAuthSuccessEvent, !done {
            done = true
            ready.succeed()
        }
        context.fireUserInboundEventTriggered(event)
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done {
            done = true
            ready.fail(error)
        }
        context.close(promise: nil)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            done = true
            ready.fail(ConnectionError(.protocol, "\(endpoint) closed the connection during the SSH handshake"))
        }
        context.fireChannelInactive()
    }
}
