/// Hashes and verifies passwords. The live value (bcrypt) is wired by the web layer; tests may pin a fast one.
public struct PasswordHashClient: Sendable {
    public var hash: @Sendable (String) throws -> String
    public var verify: @Sendable (_ password: String, _ hash: String) throws -> Bool

    public init(
        hash: @escaping @Sendable (String) throws -> String,
        verify: @escaping @Sendable (_ password: String, _ hash: String) throws -> Bool
    ) {
        self.hash = hash
        self.verify = verify
    }
}
