/// Why ``TokenSigner`` refused a token.
public enum TokenError: Error, Equatable {
    case malformed
    case badSignature
    case expired
}
