/// What a user name may be: 3–50 letters, digits, `.`, `_` or `-`.
public enum UsernameRule {
    public static func isValid(_ username: String) -> Bool {
        (3...50).contains(username.count)
            && username.allSatisfy { $0.isASCII && ($0.isLetter || $0.isNumber || "._-".contains($0)) }
    }
}
