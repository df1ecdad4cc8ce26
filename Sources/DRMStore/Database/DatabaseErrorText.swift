import AsyncKit
public import DRMCore
import DRMSchema
import FluentPostgresDriver
import FluentSQLiteDriver
import Foundation

/// One readable line for a database error, for people: what failed and where, never a stack trace.
public enum DatabaseErrorText {
    /// Whether `error` is SQLite's "database is locked": a transaction that read before it wrote met another
    /// process's write (SQLite answers at once rather than wait, since waiting could deadlock). Run again, the
    /// transaction succeeds.
    public static func isSQLiteBusy(_ error: any Error) -> Bool {
        guard let error = error as? SQLiteError else { return false }
        switch error.reason {
        case .busy, .locked: return true
        default: return false
        }
    }

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
                return "can't connect to \(place): \(reason(error.underlying))"
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

    /// Why a connection failed, in a few words: the socket error NIO reports (whose description is a dump of its
    /// connection attempts) is read for what it says.
    static func reason(_ underlying: (any Error)?) -> String {
        guard let underlying else { return "the connection failed" }
        let text = String(describing: underlying)
        let known: [(String, String)] = [
            ("Connection refused", "the connection was refused (is PostgreSQL running and listening there?)"),
            ("connectTimeout", "no answer within \(DatabaseFactory.connectTimeout.nanoseconds / 1_000_000_000) s"),
            ("timed out", "no answer within \(DatabaseFactory.connectTimeout.nanoseconds / 1_000_000_000) s"),
            ("No route to host", "there is no route to the host"),
            ("Network is unreachable", "the network is unreachable"),
            ("dnsAError", "the host name doesn't resolve"),
            ("Connection reset", "the server closed the connection"),
        ]
        if let (_, reason) = known.first(where: { text.contains($0.0) }) { return reason }
        // Anything else: its first line, without NIO's structure dump.
        return String(text.prefix { $0 != "\n" && $0 != "(" }).trimmingCharacters(in: .whitespaces)
    }
}
