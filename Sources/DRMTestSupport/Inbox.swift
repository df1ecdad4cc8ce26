import Foundation
import NIOCore
import NIOSSL
import Synchronization

/// The messages a server received, shared by its connections.
final class Inbox: Sendable {
    private let stored = Mutex<[SMTPTestServer.Message]>([])

    var messages: [SMTPTestServer.Message] { stored.withLock { $0 } }
    func append(_ message: SMTPTestServer.Message) { stored.withLock { $0.append(message) } }
    func clear() { stored.withLock { $0.removeAll() } }
}
