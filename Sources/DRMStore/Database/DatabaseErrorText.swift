import AsyncKit
public import DRMCore
import DRMSchema
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// One readable line for a database error, for people: what failed and where, never a stack trace.
public enum DatabaseErrorText {
    /// Describes `error`, raised while using the database at `url`.
    public static func describe(_ error: any Error, url: DatabaseURL) -> String {
        let place =
            switch url {
            case .sqlite(let path): "SQLite database \(path)"
            case .postgres(let location): "PostgreSQL at \(location.host):\(location.port)/\(location.database)"
            }
        if let error = error as? PSQLError {
            if let message = error.serverInfo?[.message] {
                return "\(place): \(message)"
            }
            if error.code == .connectionError || error.code == .serverClosedConnection
                || error.code == .clientClosedConnection
            {
                let reason = error.underlying.map { String(describing: $0) } ?? "connection failed"
                return "can't connect to \(place): \(reason)"
            }
            return "\(place): \(error.code)"
        }
        if error is ConnectionPoolTimeoutError {
            return
                "can't connect to \(place): no answer within \(DatabaseFactory.connectTimeout.nanoseconds / 1_000_000_000) s"
        }
        if error is SQLiteError { return "\(place): \(SQLErrorText.describe(error))" }
        return String(describing: error)
    }
}
