import Foundation

/// Finds a free TCP port on 127.0.0.1.
public enum FreePort {
    /// Asks the kernel for a port by binding port 0, then releases it.
    public static func find() throws -> Int {
        let (socket, port) = try bindLoopback(listening: false)
        close(socket)
        return port
    }

    /// A TCP socket bound to 127.0.0.1 on a port the kernel picks (and listening, if asked), with that port.
    static func bindLoopback(listening: Bool) throws -> (socket: Int32, port: Int) {
        let socket = Glibc.socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(socket, $0, length) }
        }
        guard bound == 0, !listening || listen(socket, 128) == 0 else {
            close(socket)
            throw TestSupportError.commandFailed("bind", status: errno, output: "no free port on 127.0.0.1")
        }
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(socket, $0, &length) }
        }
        return (socket, Int(UInt16(bigEndian: address.sin_port)))
    }
}
