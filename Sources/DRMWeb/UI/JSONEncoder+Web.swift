import Foundation

extension JSONEncoder {
    /// Compact JSON with sorted keys, for showing stored JSON.
    static var sorted: JSONEncoder {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }
}
