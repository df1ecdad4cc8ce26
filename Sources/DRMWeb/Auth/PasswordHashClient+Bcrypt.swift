public import DRMEngine
import Vapor

extension PasswordHashClient {
    /// bcrypt (cost 12) through Vapor's implementation.
    public static let bcrypt = PasswordHashClient(
        hash: { try Bcrypt.hash($0) },
        verify: { password, hash in try Bcrypt.verify(password, created: hash) }
    )
}
