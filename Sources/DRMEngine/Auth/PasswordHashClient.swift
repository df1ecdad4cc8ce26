/// Hashes and verifies passwords. The live value (bcrypt on a bounded thread pool of its own) is wired by the web
/// layer; tests may pin a fast one.
public struct PasswordHashClient: Sendable {
    public var hash: @Sendable (String) async throws -> String
    public var verify: @Sendable (_ password: String, _ hash: String) async throws -> Bool

    public init(
        hash: @escaping @Sendable (String) async throws -> String,
        verify: @escaping @Sendable (_ password: String, _ hash: String) async throws -> Bool
    ) {
        self.hash = hash
        self.verify = verify
    }

    /// Thrown instead of hashing when more passwords wait to be hashed than the client allows: the caller is asked
    /// to come back shortly rather than queueing without bound.
    public struct Busy: Error, Equatable {
        public init() {}
    }
}
