import Foundation

/// The SCP protocol's byte-level pieces: quoting, the sink's acknowledgements and the `C` record.
enum SCP {
    /// `'…'` with each `'` written as `'\''`: safe in any POSIX shell, whatever the text holds.
    static func shellQuoted(_ text: String) -> String {
        "'" + text.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }

    /// Rejects paths the protocol or the shell can't carry.
    static func validate(_ path: String) throws(FileTransferError) {
        if path.isEmpty { throw .invalidPath(path: path, reason: "it is empty") }
        if path.contains("\n") || path.contains("\r") || path.contains("\0") {
            throw .invalidPath(path: path, reason: "it contains a line break or NUL")
        }
    }

    /// The last component of `path`, the name sent in the `C` record.
    static func fileName(of path: String) throws(FileTransferError) -> String {
        guard let name = path.split(separator: "/", omittingEmptySubsequences: false).last, !name.isEmpty,
            name != ".", name != ".."
        else { throw .invalidPath(path: path, reason: "it names a directory, not a file") }
        return String(name)
    }

    /// `C0644 <size> <name>\n`, the record that announces one file.
    static func record(mode: Int, size: Int, name: String) -> Data {
        Data("C\(String(format: "%04o", mode & 0o7777)) \(size) \(name)\n".utf8)
    }

    /// What a sink (`scp -t`) answered: how many `\0` acknowledgements, and the first warning or error message
    /// (`\1 msg\n` or `\2 msg\n`), if any.
    static func acknowledgements(_ bytes: Data) -> (accepted: Int, message: String?) {
        var accepted = 0
        var index = bytes.startIndex
        while index < bytes.endIndex {
            let code = bytes[index]
            index += 1
            guard code == 1 || code == 2 else {
                if code == 0 { accepted += 1 }
                continue
            }
            let end = bytes[index...].firstIndex(of: UInt8(ascii: "\n")) ?? bytes.endIndex
            return (accepted, String(decoding: bytes[index..<end], as: UTF8.self))
        }
        return (accepted, nil)
    }
}
