import Foundation

/// Reads what a source (`scp -f`) sends for one file: the `C` record, the bytes, and the closing `\0`, or a
/// `\1`/`\2` message instead. Fed chunk by chunk as output arrives; refuses a file over `maxBytes` as soon as its
/// record names the size, before any of its bytes are kept.
struct SCPSourceStream {
    /// The announced file: permission bits, size and name.
    struct Record: Equatable {
        var mode: Int
        var size: Int
        var name: String
    }

    enum Phase: Equatable {
        case record
        case body(remaining: Int)
        case trailer
        case message
        case done
    }

    let path: String
    let maxBytes: Int
    private(set) var record: Record?
    private(set) var body = Data()
    /// A `\1`/`\2` message the source sent (instead of a record, or after the bytes when reading failed).
    private(set) var remoteMessage: String?
    private(set) var phase = Phase.record
    private var line = Data()
    /// A record line is short; anything longer is not SCP.
    static let maxLineLength = 8192

    init(path: String, maxBytes: Int) {
        self.path = path
        self.maxBytes = maxBytes
    }

    /// The file arrived whole and the source confirmed it.
    var isComplete: Bool { phase == .done && record != nil && remoteMessage == nil }

    /// Parses `bytes`, keeping the file's bytes in ``body``.
    mutating func consume(_ bytes: Data) throws(FileTransferError) {
        var received = Data()
        try consume(bytes) { received.append($0) }
        body.append(received)
    }

    /// Parses `bytes`, handing the file's bytes to `sink` as they come (nothing of them is kept here).
    mutating func consume(_ bytes: Data, sink: (Data) -> Void) throws(FileTransferError) {
        var index = bytes.startIndex
        while index < bytes.endIndex {
            switch phase {
            case .record, .message:
                let byte = bytes[index]
                index += 1
                guard byte == UInt8(ascii: "\n") else {
                    line.append(byte)
                    if line.count > Self.maxLineLength { throw violation("a record line is too long") }
                    continue
                }
                try endLine()
            case .body(let remaining):
                let count = min(remaining, bytes.endIndex - index)
                sink(bytes[index..<(index + count)])
                index += count
                phase = remaining == count ? .trailer : .body(remaining: remaining - count)
            case .trailer:
                let byte = bytes[index]
                index += 1
                switch byte {
                case 0: phase = .done
                case 1, 2: phase = .message
                default: throw violation("expected \\0 after the file's bytes, got \(byte)")
                }
            case .done:
                return  // Nothing more is acknowledged, so nothing more can come but the source's exit.
            }
        }
    }

    private mutating func endLine() throws(FileTransferError) {
        defer { line.removeAll() }
        if phase == .message {
            remoteMessage = String(decoding: line, as: UTF8.self)
            phase = .done
            return
        }
        guard let kind = line.first else { throw violation("an empty record line") }
        switch kind {
        case 1, 2:
            remoteMessage = String(decoding: line.dropFirst(), as: UTF8.self)
            phase = .done
        case UInt8(ascii: "T"):
            break  // Times (only with -p): not used.
        case UInt8(ascii: "C"):
            let fields = String(decoding: line.dropFirst(), as: UTF8.self).split(
                separator: " ", maxSplits: 2, omittingEmptySubsequences: false)
            guard fields.count == 3, let mode = Int(fields[0], radix: 8), let size = Int(fields[1]), size >= 0 else {
                throw violation("a malformed file record")
            }
            guard size <= maxBytes else { throw .tooLarge(path: path, size: size, limit: maxBytes) }
            record = Record(mode: mode, size: size, name: String(fields[2]))
            phase = size == 0 ? .trailer : .body(remaining: size)
        default:
            throw violation("an unexpected record \"\(String(decoding: line.prefix(40), as: UTF8.self))\"")
        }
    }

    private func violation(_ detail: String) -> FileTransferError {
        .protocolViolation(path: path, detail: detail)
    }
}
