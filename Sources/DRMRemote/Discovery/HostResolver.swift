import DRMCore
import Foundation
import NIOPosix

/// Turns a range's host names into addresses (every A and AAAA record, minus the exclusions) and finds names
/// for addresses (reverse lookups), on NIO's thread pool so that no cooperative thread blocks.
enum HostResolver {
    /// The addresses to sweep, in order, and the name each resolved address came from.
    static func resolve(_ range: ScanRange) async -> (addresses: [String], names: [String: String]) {
        var addresses = range.targets().filter { !range.hostnames.contains($0) }
        var seen = Set(addresses)
        var names: [String: String] = [:]
        for name in range.hostnames {
            for address in await lookup(name) where !range.isExcluded(address) && seen.insert(address).inserted {
                addresses.append(address)
                names[address] = name
            }
        }
        return (addresses, names)
    }

    /// The addresses of `name` (empty when it does not resolve).
    static func lookup(_ name: String) async -> [String] {
        (try? await NIOThreadPool.singleton.runIfActive { () -> [String] in
            var hints = addrinfo()
            hints.ai_socktype = Int32(SOCK_STREAM.rawValue)
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(name, nil, &hints, &list) == 0, let first = list else { return [] }
            defer { freeaddrinfo(first) }
            var result: [String] = []
            var entry: UnsafeMutablePointer<addrinfo>? = first
            while let current = entry {
                if let text = numericHost(current.pointee.ai_addr, current.pointee.ai_addrlen), !result.contains(text) {
                    result.append(text)
                }
                entry = current.pointee.ai_next
            }
            return result
        }) ?? []
    }

    /// The name of `address` by reverse lookup, or nil.
    static func reverse(_ address: String) async -> String? {
        try? await NIOThreadPool.singleton.runIfActive { () -> String? in
            var hints = addrinfo()
            hints.ai_flags = AI_NUMERICHOST
            var list: UnsafeMutablePointer<addrinfo>?
            guard getaddrinfo(address, nil, &hints, &list) == 0, let first = list else { return nil }
            defer { freeaddrinfo(first) }
            var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
            guard
                getnameinfo(
                    first.pointee.ai_addr, first.pointee.ai_addrlen, &host, socklen_t(host.count), nil, 0,
                    NI_NAMEREQD) == 0
            else { return nil }
            return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
        }
    }

    static func numericHost(_ address: UnsafeMutablePointer<sockaddr>?, _ length: socklen_t) -> String? {
        guard let address else { return nil }
        var host = [CChar](repeating: 0, count: Int(NI_MAXHOST))
        guard getnameinfo(address, length, &host, socklen_t(host.count), nil, 0, NI_NUMERICHOST) == 0 else {
            return nil
        }
        return String(decoding: host.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self)
    }
}
