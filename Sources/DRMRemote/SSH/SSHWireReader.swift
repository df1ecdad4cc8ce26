/// Reads SSH wire-format values (RFC 4251 §5) from bytes.
struct SSHWireReader {
    private let bytes: [UInt8]
    private(set) var offset = 0

    init(_ bytes: [UInt8]) { self.bytes = bytes }

    var isAtEnd: Bool { offset >= bytes.count }
    var remaining: [UInt8] { Array(bytes[offset...]) }

    mutating func readUInt32() throws -> UInt32 {
        guard bytes.count - offset >= 4 else { throw SSHKeyError.malformed("truncated") }
        defer { offset += 4 }
        return bytes[offset..<offset + 4].reduce(0) { ($0 << 8) | UInt32($1) }
    }

    mutating func readBytes(_ count: Int) throws -> [UInt8] {
        guard count >= 0, bytes.count - offset >= count else { throw SSHKeyError.malformed("truncated") }
        defer { offset += count }
        return Array(bytes[offset..<offset + count])
    }

    mutating func readString() throws -> [UInt8] {
        try readBytes(Int(try readUInt32()))
    }

    mutating func readText() throws -> String {
        String(decoding: try readString(), as: UTF8.self)
    }
}
