public import DRMCore
import FluentPostgresDriver
import FluentSQLiteDriver

/// A write the database refused because of where it stores data, not because of the data: the disk is full
/// (507), or the database or its directory is read-only (503). The statement's transaction was rolled back, so
/// nothing is half-written; the message tells the caller what an operator has to fix.
public struct StorageFailure: DomainError, Equatable {
    /// Why the database couldn't store the change.
    public enum Reason: Sendable, Equatable {
        case full, readOnly
    }

    public var reason: Reason
    /// The database's own words, for the log.
    public var detail: String

    public init(reason: Reason, detail: String) {
        self.reason = reason
        self.detail = detail
    }

    /// The storage failure `error` is, or `nil` when it is another kind of error.
    public init?(_ error: any Error) {
        switch error {
        case let error as SQLiteError:
            switch error.reason {
            case .full: self.init(reason: .full, detail: error.message)
            case .readOnly, .readonlyDirectory, .readonlyCantLock, .readonlyInRollback, .readonlyInRecovery,
                .readonlyBackingMoved:
                self.init(reason: .readOnly, detail: error.message)
            default: return nil
            }
        case let error as PSQLError:
            let message = error.serverInfo?[.message] ?? "\(error.code)"
            switch error.serverInfo?[.sqlState] {
            // disk_full, insufficient_resources (`could not extend file`: no space left on device)
            case "53100": self.init(reason: .full, detail: message)
            case "53000" where message.contains("space"): self.init(reason: .full, detail: message)
            // read_only_sql_transaction (a standby, or default_transaction_read_only)
            case "25006": self.init(reason: .readOnly, detail: message)
            default: return nil
            }
        default: return nil
        }
    }

    public var kind: ErrorKind { reason == .full ? .insufficientStorage : .unavailable }
    public var field: String? { nil }
    public var message: String {
        switch reason {
        case .full: "the server has no space left to store this change; nothing was saved"
        case .readOnly: "the server's database is read-only; nothing was saved"
        }
    }
    public var debugDetail: String? { detail }
}
