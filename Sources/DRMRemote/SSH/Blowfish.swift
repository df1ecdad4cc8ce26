import Crypto

/// Blowfish as OpenBSD's bcrypt uses it, with the "expensive key schedule" (EksBlowfish) steps. Only what
/// `bcrypt_pbkdf` needs: OpenSSH encrypts private keys with a key derived by it, and swift-crypto has no Blowfish.
struct Blowfish {
    /// The P-array (18 words) followed by the four S-boxes (256 words each), in one buffer: the key schedule runs
    /// millions of rounds, and unchecked pointer access keeps a debug build usable.
    private var state: [UInt32] = Blowfish.initialP + Blowfish.initialS
    private static let sOffset = 18

    @inline(__always)
    private static func encipher(_ state: UnsafeMutablePointer<UInt32>, _ left: inout UInt32, _ right: inout UInt32) {
        let s = state + sOffset
        var l = left ^ state[0]
        var r = right
        var i = 1
        while i <= 16 {
            r ^=
                (((s[Int(l >> 24)] &+ s[256 + Int((l >> 16) & 0xFF)]) ^ s[512 + Int((l >> 8) & 0xFF)])
                    &+ s[768 + Int(l & 0xFF)]) ^ state[i]
            l ^=
                (((s[Int(r >> 24)] &+ s[256 + Int((r >> 16) & 0xFF)]) ^ s[512 + Int((r >> 8) & 0xFF)])
                    &+ s[768 + Int(r & 0xFF)]) ^ state[i + 1]
            i += 2
        }
        left = r ^ state[17]
        right = l
    }

    mutating func encipher(_ left: inout UInt32, _ right: inout UInt32) {
        state.withUnsafeMutableBufferPointer { Self.encipher($0.baseAddress!, &left, &right) }
    }

    /// Reads four bytes of `data` (cyclically, from `index`) as a big-endian word.
    static func streamToWord(_ data: [UInt8], _ index: inout Int) -> UInt32 {
        var word: UInt32 = 0
        for _ in 0..<4 {
            word = (word << 8) | UInt32(data[index])
            index = (index + 1) % data.count
        }
        return word
    }

    /// Blowfish_expandstate (with `data`, the salt) or Blowfish_expand0state (`data` nil): the key schedule.
    mutating func expand(data: [UInt8]? = nil, key: [UInt8]) {
        state.withUnsafeMutableBufferPointer { buffer in
            let state = buffer.baseAddress!
            var j = 0
            for i in 0..<18 { state[i] ^= Self.streamToWord(key, &j) }
            j = 0
            var l: UInt32 = 0
            var r: UInt32 = 0
            for i in stride(from: 0, to: 18 + 1024, by: 2) {
                if let data {
                    l ^= Self.streamToWord(data, &j)
                    r ^= Self.streamToWord(data, &j)
                }
                Self.encipher(state, &l, &r)
                state[i] = l
                state[i + 1] = r
            }
        }
    }
}
