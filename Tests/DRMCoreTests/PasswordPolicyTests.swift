import DRMCore
import Testing

@Suite struct PasswordPolicyTests {
    @Test(arguments: ["correct-horse-7", "Tr0ub4dor&3xyz", "a1b2c3d4e5f6"])
    func goodPasswordsPass(password: String) {
        #expect(PasswordPolicy.violations(of: password) == [])
    }

    @Test(arguments: [
        ("short1", ["at least 12 characters"]),
        ("onlylettersherefolks", ["letters and at least one digit or symbol"]),
        ("123456789012", ["letters and at least one digit or symbol"]),
        ("aaaaaaaaaaaa", ["letters and at least one digit or symbol", "more than one distinct character"]),
    ])
    func weakPasswordsSayWhy(password: String, problems: [String]) {
        #expect(PasswordPolicy.violations(of: password) == problems)
    }

    @Test(arguments: [("admin", true), ("ops.team-1", true), ("ab", false), ("has space", false), ("ünïcode", false)])
    func usernames(name: String, valid: Bool) {
        #expect(UsernameRule.isValid(name) == valid)
    }
}
