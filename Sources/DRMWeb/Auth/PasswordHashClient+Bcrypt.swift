public import DRMEngine
import Foundation
import NIOConcurrencyHelpers
import NIOPosix
import Vapor

#if canImport(Glibc)
    import Glibc
#endif

extension PasswordHashClient {
    /// bcrypt (cost 12) through Vapor's implementation, on a thread pool of its own, so that a burst of log-ins
    /// can't take the cooperative pool that serves every other request. At most `loginLimit` passwords wait to be
    /// verified or are being verified at once; beyond that `verify` throws ``PasswordHashClient/Busy`` at once
    /// (log-ins are what anyone can send). Hashing a new password (by an administrator or the CLI) only queues.
    ///
    /// The pool has half the cores (at least one thread), and its threads run at a lower priority (nice 10, on
    /// Linux): a flood of wrong passwords gets the CPU the requests leave, never the other way round.
    public static func bcrypt(threads: Int = defaultThreads, loginLimit: Int = 64) -> PasswordHashClient {
        let pool = NIOThreadPool(numberOfThreads: threads)
        pool.start()
        let verifying = NIOLockedValueBox(0)
        return PasswordHashClient(
            hash: { password in
                try await pool.runIfActive {
                    lowerThreadPriority()
                    return try Bcrypt.hash(password)
                }
            },
            verify: { password, hash in
                let admitted = verifying.withLockedValue { count in
                    guard count < loginLimit else { return false }
                    count += 1
                    return true
                }
                guard admitted else { throw Busy() }
                defer { verifying.withLockedValue { $0 -= 1 } }
                return try await pool.runIfActive {
                    lowerThreadPriority()
                    return try Bcrypt.verify(password, created: hash)
                }
            }
        )
    }

    /// Half the cores, at least one.
    public static var defaultThreads: Int { max(1, ProcessInfo.processInfo.activeProcessorCount / 2) }

    /// Gives the calling thread (a bcrypt thread) nice 10; on Linux the nice value is per thread.
    static func lowerThreadPriority() {
        #if os(Linux)
            _ = setpriority(__priority_which_t(PRIO_PROCESS.rawValue), 0, 10)
        #endif
    }

    /// The process's bcrypt client: one pool for every request.
    public static let bcrypt = PasswordHashClient.bcrypt()
}
