import Crypto
public import Foundation

/// Signs and verifies access tokens: compact JWS (JWT) with HS256, under a key derived from the secret key.
public struct TokenSigner: Sendable {
    /// What an access token says.
    public struct Claims: Codable, Sendable, Equatable {
        /// The user's id.
        public var sub: String
        /// The session (a `user_sessions` row) the token belongs to.
        public var sid: Int
        public var iat: Int
        public var exp: Int
    }

    let key: SymmetricKey

    /// A signer keyed by HKDF from the 32-byte secret key, for the `access-token` purpose only.
    public init(secretKey: Data) {
        key = HKDF<SHA256>.deriveKey(
            inputKeyMaterial: SymmetricKey(data: secretKey), info: Data("enabledrm access-token v1".utf8),
            outputByteCount: 32
        )
    }

    /// The anti-forgery token of the forms served to the web session whose cookie is `sessionToken`: only a page
    /// of that session can know it.
    public func formToken(for sessionToken: String) -> String {
        Self.base64URL(Data(HMAC<SHA256>.authenticationCode(for: Data("form:\(sessionToken)".utf8), using: key)))
    }

    public func sign(_ claims: Claims) throws -> String {
        let header = Self.base64URL(Data(#"{"alg":"HS256","typ":"JWT"}"#.utf8))
        let payload = Self.base64URL(try JSONEncoder().encode(claims))
        let signature = HMAC<SHA256>.authenticationCode(for: Data("\(header).\(payload)".utf8), using: key)
        return "\(header).\(payload).\(Self.base64URL(Data(signature)))"
    }

    /// The claims of `token` if its signature holds and it hasn't expired at `now`.
    public func verify(_ token: String, now: Date) throws(TokenError) -> Claims {
        let parts = token.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 3, let signature = Self.decodeBase64URL(parts[2]),
            let payload = Self.decodeBase64URL(parts[1]),
            let header = Self.decodeBase64URL(parts[0]),
            (try? JSONDecoder().decode([String: String].self, from: header))?["alg"] == "HS256"
        else { throw .malformed }
        guard
            HMAC<SHA256>.isValidAuthenticationCode(
                signature, authenticating: Data("\(parts[0]).\(parts[1])".utf8), using: key)
        else {
            throw .badSignature
        }
        guard let claims = try? JSONDecoder().decode(Claims.self, from: payload) else { throw .malformed }
        guard Double(claims.exp) > now.timeIntervalSince1970 else { throw .expired }
        return claims
    }

    static func base64URL(_ data: Data) -> String {
        data.base64EncodedString().replacingOccurrences(of: "+", with: "-").replacingOccurrences(of: "/", with: "_")
            .replacingOccurrences(of: "=", with: "")
    }

    static func decodeBase64URL(_ text: Substring) -> Data? {
        var base64 = text.replacingOccurrences(of: "-", with: "+").replacingOccurrences(of: "_", with: "/")
        base64 += String(repeating: "=", count: (4 - base64.count % 4) % 4)
        return Data(base64Encoded: base64)
    }
}
