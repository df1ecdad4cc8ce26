import DRMCore
import Foundation

extension JSONEncoder {
    /// The API's encoder: the one configuration (``JSONEncoder/enableDRM(pretty:)``).
    static var api: JSONEncoder { .enableDRM() }

    /// Compact JSON with sorted keys, for showing stored JSON.
    static var sorted: JSONEncoder { .enableDRM() }
}
