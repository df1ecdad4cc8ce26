public import DRMEngine
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

extension PasswordHashClient {
    /// bcrypt (cost 12) through Vapor's implementation, on a thread pool of its own, so that a burst of log-ins
    /// can't take the cooperative pool that serves every other request. At most `loginLimit` passwords wait to be
    /// verified or are being verified at once; beyond that `verify` throws ``PasswordHashClient/Busy`` at once
    /// (log-ins are what anyone can send). Hashing a new password (by an administrator or the CLI) only queues.
    public static func bcrypt(threads: Int = 2, loginLimit: Int = 64) -> PasswordHashClient {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        let verifying = NIOLockedValueBox(0)
        return PasswordHashClient(
            hash: { password in try await pool.runIfActive { try Bcrypt.hash(password) } },
            verify: { password, hash in
                let admitted = verifying.withLockedValue { count in
                    guard count < loginLimit else { return false }
                    count += 1
                    return true
                }
                guard admitted else { throw Busy() }
                defer { verifying.withLockedValue { $0 -= 1 } }
                return try await pool.runIfActive { try Bcrypt.verify(password, created: hash) }
            }
        )
    }

    /// The process's bcrypt client: one pool for every request.
    public static let bcrypt = PasswordHashClient.bcrypt()
}
