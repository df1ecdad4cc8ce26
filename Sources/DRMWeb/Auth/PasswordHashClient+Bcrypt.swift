public import DRMEngine
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

extension PasswordHashClient {
    /// bcrypt (cost 12) through Vapor's implementation, on a thread pool of its own, so that a burst of log-ins
    /// can't take the cooperative pool that serves every other request. At most `queueLimit` passwords wait or run
    /// at once; beyond that the client throws ``PasswordHashClient/Busy`` at once.
    public static func bcrypt(threads: Int = 2, queueLimit: Int = 32) -> PasswordHashClient {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        let inFlight = NIOLockedValueBox(0)
        @Sendable func run<T: Sendable>(_ work: @escaping @Sendable () throws -> T) async throws -> T {
            let admitted = inFlight.withLockedValue { count in
                guard count < queueLimit else { return false }
                count += 1
                return true
            }
            guard admitted else { throw Busy() }
            defer { inFlight.withLockedValue { $0 -= 1 } }
            return try await pool.runIfActive(work)
        }
        return PasswordHashClient(
            hash: { password in try await run { try Bcrypt.hash(password) } },
            verify: { password, hash in try await run { try Bcrypt.verify(password, created: hash) } }
        )
    }

    /// The process's bcrypt client: one pool for every request.
    public static let bcrypt = PasswordHashClient.bcrypt()
}
