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

/// OpenBSD's `bcrypt_pbkdf`, which OpenSSH uses (kdfname "bcrypt") to turn a passphrase into a cipher key and IV.
enum BCryptPBKDF {
    /// bcrypt_hash: 32 bytes from the SHA-512 of the passphrase and of the salt.
    static func hash(sha2pass: [UInt8], sha2salt: [UInt8]) -> [UInt8] {
        var state = Blowfish()
        state.expand(data: sha2salt, key: sha2pass)
        for _ in 0..<64 {
            state.expand(key: sha2salt)
            state.expand(key: sha2pass)
        }
        let magic = Array("OxychromaticBlowfishSwatDynamite".utf8)
        var words = [UInt32](repeating: 0, count: 8)
        var j = 0
        for i in 0..<8 { words[i] = Blowfish.streamToWord(magic, &j) }
        for _ in 0..<64 {
            for block in stride(from: 0, to: 8, by: 2) {
                var left = words[block]
                var right = words[block + 1]
                state.encipher(&left, &right)
                words[block] = left
                words[block + 1] = right
            }
        }
        var out = [UInt8](repeating: 0, count: 32)
        for i in 0..<8 {
            out[4 * i + 3] = UInt8(truncatingIfNeeded: words[i] >> 24)
            out[4 * i + 2] = UInt8(truncatingIfNeeded: words[i] >> 16)
            out[4 * i + 1] = UInt8(truncatingIfNeeded: words[i] >> 8)
            out[4 * i] = UInt8(truncatingIfNeeded: words[i])
        }
        return out
    }

    static func derive(passphrase: [UInt8], salt: [UInt8], rounds: Int, count keyLength: Int) -> [UInt8] {
        precondition(rounds > 0 && keyLength > 0 && keyLength <= 1024 && !salt.isEmpty)
        let blockLength = 32
        let stride = (keyLength + blockLength - 1) / blockLength
        var amount = (keyLength + stride - 1) / stride
        let sha2pass = Array(SHA512.hash(data: passphrase))
        var key = [UInt8](repeating: 0, count: keyLength)
        var remaining = keyLength
        var count: UInt32 = 1
        while remaining > 0 {
            let countSalt =
                salt + [
                    UInt8(count >> 24), UInt8((count >> 16) & 0xFF), UInt8((count >> 8) & 0xFF),
                    UInt8(count & 0xFF),
                ]
            var tmp = hash(sha2pass: sha2pass, sha2salt: Array(SHA512.hash(data: countSalt)))
            var out = tmp
            if rounds > 1 {
                for _ in 1..<rounds {
                    tmp = hash(sha2pass: sha2pass, sha2salt: Array(SHA512.hash(data: tmp)))
                    for i in 0..<out.count { out[i] ^= tmp[i] }
                }
            }
            amount = min(amount, remaining)
            var written = 0
            for i in 0..<amount {
                let destination = i * stride + Int(count - 1)
                if destination >= keyLength { break }
                key[destination] = out[i]
                written += 1
            }
            remaining -= written
            count += 1
        }
        return key
    }
}
