import Foundation

/// A TCP port that accepts connections (the kernel completes the handshake) but never reads or writes a byte:
/// a server that hangs, for time-out tests. The socket closes when the value is released.
public final class SilentTCPListener: @unchecked Sendable {
    public let host = "127.0.0.1"
    public let port: Int
    private let socket: Int32

    public init() throws {
        (socket, port) = try FreePort.bindLoopback(listening: true)
    }

    deinit { Glibc.close(socket) }
}
