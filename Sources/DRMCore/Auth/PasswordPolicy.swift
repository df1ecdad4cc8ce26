/// The minimum a password must meet: long enough to resist guessing, not one repeated character,
/// and a mix of letters and something else.
public enum PasswordPolicy {
    public static let minimumLength = 12
    public static let maximumLength = 128

    /// Every rule `password` breaks, for people; empty when it passes.
    public static func violations(of password: String) -> [String] {
        var problems: [String] = []
        if password.count < minimumLength { problems.append("at least \(minimumLength) characters") }
        if password.count > maximumLength { problems.append("at most \(maximumLength) characters") }
        if !password.contains(where: \.isLetter) || password.allSatisfy(\.isLetter) {
            problems.append("letters and at least one digit or symbol")
        }
        if let first = password.first, password.allSatisfy({ $0 == first }) {
            problems.append("more than one distinct character")
        }
        return problems
    }
}
