/// Why ``FernetLegacy`` refused a token; no secret material in it.
public enum FernetError: Error, Sendable, Hashable {
    /// Not base64, too short, or not version 0x80.
    case malformed
    /// The HMAC doesn't match: altered, or another key.
    case badSignature
    /// The ciphertext didn't decrypt (bad padding).
    case undecryptable
}
