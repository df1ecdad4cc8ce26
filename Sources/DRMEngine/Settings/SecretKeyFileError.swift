/// Why the secret key file (``SecretKeyFile``) can't be used.
public enum SecretKeyFileError: Error, CustomStringConvertible {
    case unreadable(path: String, reason: String)
    case malformed(path: String)
    case tooOpen(path: String, mode: Int)

    public var description: String {
        switch self {
        case .unreadable(let path, let reason): "can't use the secret key file \(path): \(reason)"
        case .malformed(let path): "the secret key file \(path) doesn't hold 32 bytes in base64"
        case .tooOpen(let path, let mode):
            "the secret key file \(path) is readable by others (mode \(String(mode, radix: 8))); run chmod 600 on it"
        }
    }
}
