import Crypto

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
