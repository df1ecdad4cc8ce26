import AsyncHTTPClient
import Foundation
import NIOCore
import NIOPosix
import NIOSSH
import NIOSSL
import PostgresNIO

// The module is split by protocol (SSH/, HTTP/, SMTP/, Database/, WinRM/) because each connector is a client of one
// wire protocol with its own state machine; Targets/ holds what all of them share: failure categories, probe
// results and the probe runner. A target's connection test is a Targets concept, so it lives here.

/// Why a connection to a target failed, in the categories the UI and the health monitor understand.
public enum ConnectionErrorCategory: String, Sendable, Codable, CaseIterable {
    /// The host name did not resolve.
    case dns
    /// Nothing listens on the port (TCP RST).
    case refused
    /// A step did not finish in time: TCP connect, handshake, authentication, a command.
    case timeout
    /// The server rejected the credentials.
    case auth
    /// The server's host key is not the one pinned for the target.
    case hostKey
    /// The TLS handshake failed: untrusted or expired certificate, wrong host name, no TLS on the port.
    case tls
    /// The server answered something the protocol doesn't allow.
    case `protocol`
    /// Anything else (host unreachable, channel rejected, …).
    case other
}

/// A categorized connection failure. `message` is for people; it never contains a password, key or token.
public struct ConnectionError: Error, Sendable, Equatable, CustomStringConvertible {
    public var category: ConnectionErrorCategory
    public var message: String
    /// Facts a caller may store or show, e.g. `expected_fingerprints` and `presented_fingerprint` for `.hostKey`.
    public var details: [String: String]

    public init(_ category: ConnectionErrorCategory, _ message: String, details: [String: String] = [:]) {
        self.category = category
        self.message = message
        self.details = details
    }

    public var description: String { "\(category.rawValue): \(message)" }

    /// Maps any error a connector can meet (NIO, NIOSSL, NIOSSH, AsyncHTTPClient, PostgresNIO) to a category.
    /// `host` and `port` only make the message readable.
    public static func classify(_ error: any Error, host: String, port: Int) -> ConnectionError {
        let endpoint = "\(host):\(port)"
        switch error {
        case let failure as ConnectionError:
            return failure
        case let error as NIOConnectionError:
            if error.connectionErrors.isEmpty, error.dnsAError != nil || error.dnsAAAAError != nil {
                return ConnectionError(.dns, "could not resolve host name \(host)")
            }
            if let first = error.connectionErrors.first?.error {
                return classify(first, host: host, port: port)
            }
            return ConnectionError(.other, "could not connect to \(endpoint)")
        case let error as IOError:
            return classify(errno: error.errnoCode, endpoint: endpoint)
        case let error as ChannelError:
            switch error {
            case .connectTimeout: return ConnectionError(.timeout, "TCP connect to \(endpoint) timed out")
            case .eof, .ioOnClosedChannel, .alreadyClosed, .outputClosed:
                return ConnectionError(.protocol, "\(endpoint) closed the connection")
            default: return ConnectionError(.other, "connection to \(endpoint) failed: \(error)")
            }
        case is SocketAddressError:
            return ConnectionError(.dns, "could not resolve host name \(host)")
        case let error as NIOSSLError:
            return ConnectionError(.tls, "TLS handshake with \(endpoint) failed: \(error)")
        case let error as BoringSSLError:
            return ConnectionError(.tls, "TLS handshake with \(endpoint) failed: \(error)")
        case let error as NIOSSLExtraError:
            return ConnectionError(.tls, "TLS handshake with \(endpoint) failed: \(error)")
        case let error as HTTPClientError:
            return classify(httpError: error, endpoint: endpoint)
        case let error as PSQLError:
            return classify(postgresError: error, host: host, port: port)
        case let error as NIOSSHError where error.type == .tcpShutdown || error.type == .creatingChannelAfterClosure:
            return ConnectionError(.protocol, "the SSH connection to \(endpoint) closed")
        case let error as NIOSSHError:
            return ConnectionError(.protocol, "SSH protocol error with \(endpoint): \(error.type)")
        case is CancellationError:
            return ConnectionError(.timeout, "cancelled before \(endpoint) answered")
        default:
            return ConnectionError(.other, "connection to \(endpoint) failed: \(String(describing: type(of: error)))")
        }
    }

    static func classify(errno code: Int32, endpoint: String) -> ConnectionError {
        switch code {
        case ECONNREFUSED: ConnectionError(.refused, "connection refused by \(endpoint)")
        case ETIMEDOUT: ConnectionError(.timeout, "TCP connect to \(endpoint) timed out")
        case EHOSTUNREACH, ENETUNREACH: ConnectionError(.other, "\(endpoint) is unreachable")
        case ECONNRESET, EPIPE: ConnectionError(.protocol, "\(endpoint) reset the connection")
        default: ConnectionError(.other, "connection to \(endpoint) failed: \(String(cString: strerror(code)))")
        }
    }

    static func classify(httpError error: HTTPClientError, endpoint: String) -> ConnectionError {
        switch error {
        case .connectTimeout, .deadlineExceeded, .readTimeout, .writeTimeout, .tlsHandshakeTimeout,
            .getConnectionFromPoolTimeout:
            ConnectionError(.timeout, "HTTP request to \(endpoint) timed out (\(error))")
        case .remoteConnectionClosed, .uncleanShutdown, .bodyLengthMismatch:
            ConnectionError(.protocol, "\(endpoint): \(error)")
        case .invalidURL, .emptyHost, .emptyScheme:
            ConnectionError(.other, "invalid URL for \(endpoint)")
        default:
            ConnectionError(.other, "HTTP request to \(endpoint) failed: \(error)")
        }
    }

    static func classify(postgresError error: PSQLError, host: String, port: Int) -> ConnectionError {
        let endpoint = "\(host):\(port)"
        if let underlying = error.underlying, !(underlying is PSQLError) {
            return classify(underlying, host: host, port: port)
        }
        if let state = error.serverInfo?[.sqlState] {
            // Class 28: invalid authorization specification (28P01 wrong password, 28000 no pg_hba entry).
            if state.hasPrefix("28") {
                return ConnectionError(.auth, "PostgreSQL at \(endpoint) rejected the credentials (\(state))")
            }
            let text = error.serverInfo?[.message] ?? ""
            return ConnectionError(.other, "PostgreSQL at \(endpoint) answered \(state): \(text)")
        }
        switch error.code {
        case .sslUnsupported: return ConnectionError(.tls, "PostgreSQL at \(endpoint) does not offer TLS")
        case .connectionError, .serverClosedConnection:
            return ConnectionError(.protocol, "PostgreSQL at \(endpoint) closed the connection")
        case .unexpectedBackendMessage, .messageDecodingFailure:
            return ConnectionError(.protocol, "PostgreSQL at \(endpoint) sent an unexpected message")
        default: return ConnectionError(.other, "PostgreSQL at \(endpoint): \(error.code)")
        }
    }
}
