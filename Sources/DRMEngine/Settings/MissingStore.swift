public import DRMCore
import Foundation

/// A command other than `serve` and `db upgrade` found no database or no secret key where the configuration points
/// (#14 item 7). Only those two create them; everything else refuses, in one line that says where it looked and how
/// to point elsewhere, rather than making an empty database and a new key in the wrong directory.
public enum MissingStore: Error, CustomStringConvertible {
    case database(path: String)
    case secretKey(path: String)

    static let pointElsewhere =
        "run it where the data directory is, or point to it with --data-dir, --database-url or ENABLEDRM_DATABASE_URL"

    public var description: String {
        switch self {
        case .database(let path):
            "no database at \(path); \(Self.pointElsewhere) (`enabledrm db upgrade` or `enabledrm serve` creates one)"
        case .secretKey(let path):
            "no secret key at \(path) (it encrypts the stored credentials); \(Self.pointElsewhere), or give "
                + "ENABLEDRM_SECRET_KEY (`enabledrm db upgrade` or `enabledrm serve` creates one)"
        }
    }

    /// Refuses `config` when its SQLite database file is missing, or when it gives no secret key and the
    /// data directory holds none. PostgreSQL databases are created by their administrators, so only reaching them
    /// can fail.
    public static func check(_ config: AppConfig) throws {
        let files = FileManager.default
        if case .sqlite(let path) = config.databaseURL {
            let absolute = URL(filePath: path).standardizedFileURL.path
            guard files.fileExists(atPath: path) else { throw MissingStore.database(path: absolute) }
        }
        let key = SecretKeyFile.path(in: config.dataDirectory)
        if config.secretKey == nil, !files.fileExists(atPath: key) {
            throw MissingStore.secretKey(path: URL(filePath: key).standardizedFileURL.path)
        }
    }
}
