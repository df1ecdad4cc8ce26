import Crypto
import Foundation

/// OpenSSH-style key fingerprints.
public enum KeyFingerprint {
    /// `SHA256:<base64 of the SHA-256 of the key blob, without padding>`, as `ssh-keygen -l` prints it.
    public static func sha256(_ blob: Data) -> String {
        let digest = Data(SHA256.hash(data: blob)).base64EncodedString()
        return "SHA256:" + digest.replacingOccurrences(of: "=", with: "")
    }
}
