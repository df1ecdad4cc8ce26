import Foundation

#if canImport(Glibc)
    import Glibc
#endif

/// Checks that `serve` can listen on its address before it creates a database or a key or prints the first
/// administrator's password (#14 item 15): binds the address as the server will (with SO_REUSEADDR, so a port in
/// TIME_WAIT isn't mistaken for a busy one) and lets it go.
enum PortCheck {
    /// Why the address can't be used, or nil when it can.
    static func problem(host: String, port: Int) -> String? {
        var hints = addrinfo()
        hints.ai_flags = AI_PASSIVE | AI_NUMERICSERV
        hints.ai_family = AF_UNSPEC
        hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
        var list: UnsafeMutablePointer<addrinfo>?
        guard getaddrinfo(host, String(port), &hints, &list) == 0, let first = list else {
            return "\(host) is not an address of this machine"
        }
        defer { freeaddrinfo(list) }
        let descriptor = socket(first.pointee.ai_family, first.pointee.ai_socktype, first.pointee.ai_protocol)
        guard descriptor >= 0 else { return String(cString: strerror(errno)) }
        defer { close(descriptor) }
        var yes: Int32 = 1
        setsockopt(descriptor, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        guard bind(descriptor, first.pointee.ai_addr, first.pointee.ai_addrlen) == 0 else {
            switch errno {
            case EADDRINUSE: return "the address is in use (is another server running? choose a port with --port)"
            case EACCES: return "permission denied (ports below 1024 need privileges; choose one with --port)"
            case EADDRNOTAVAIL: return "\(host) is not an address of this machine"
            default: return String(cString: strerror(errno))
            }
        }
        return nil
    }
}
