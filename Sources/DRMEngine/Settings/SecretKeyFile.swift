public import DRMCore
import Foundation

/// The secret key for credential encryption and signing, kept in `secret.key` in the data directory when the
/// configuration doesn't give one. The file is created on first run with mode 0600; its content is never logged.
public enum SecretKeyFile {
    /// The file's path in `dataDirectory`.
    public static func path(in dataDirectory: String) -> String { dataDirectory + "/secret.key" }

    /// `config` with its secret key set: the configured one, else the one in the data directory, else a new one.
    public static func resolve(_ config: AppConfig) throws -> AppConfig {
        guard config.secretKey == nil else { return config }
        var resolved = config
        resolved.secretKey = try loadOrCreate(in: config.dataDirectory)
        return resolved
    }

    static func loadOrCreate(in dataDirectory: String) throws -> String {
        let path = path(in: dataDirectory)
        let files = FileManager.default
        do {
            // Only its owner may list the data directory: it holds the key, the database and downloaded files.
            try files.createDirectory(
                atPath: dataDirectory, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
            if files.fileExists(atPath: path) {
                let mode = (try files.attributesOfItem(atPath: path)[.posixPermissions] as? Int) ?? 0
                guard mode & 0o077 == 0 else { throw SecretKeyFileError.tooOpen(path: path, mode: mode) }
                let text = try String(contentsOfFile: path, encoding: .utf8).trimmingCharacters(
                    in: .whitespacesAndNewlines)
                guard Data(base64Encoded: text)?.count == 32 else { throw SecretKeyFileError.malformed(path: path) }
                return text
            }
            var generator = SystemRandomNumberGenerator()
            let key = Data((0..<32).map { _ in UInt8.random(in: .min ... .max, using: &generator) })
                .base64EncodedString()
            // Created with 0600 from the start, so the key is never readable by others, not even briefly.
            guard
                files.createFile(
                    atPath: path, contents: Data((key + "\n").utf8), attributes: [.posixPermissions: 0o600])
            else {
                throw SecretKeyFileError.unreadable(path: path, reason: "can't create it")
            }
            return key
        } catch let failure as SecretKeyFileError {
            throw failure
        } catch {
            throw SecretKeyFileError.unreadable(path: path, reason: error.localizedDescription)
        }
    }
}
