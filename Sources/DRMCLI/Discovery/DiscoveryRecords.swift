import DRMCore
import DRMEngine
import Foundation

/// How `enabledrm discovery …` prints runs and devices.
enum DiscoveryRecords {
    static func line(_ run: DiscoveryRunRecord) -> String {
        "\(run.id)\t\(run.name)\t\(run.status.rawValue)\t\(run.hostsFound) hosts\t\(run.request.range)"
    }

    static func object(_ run: DiscoveryRunRecord) -> JSONValue {
        [
            "id": .number(Double(run.id)), "name": .string(run.name), "status": .string(run.status.rawValue),
            "range": .string(run.request.range), "ports": .string(run.request.ports),
            "hosts_found": .number(Double(run.hostsFound)), "open_ports": .number(Double(run.openPorts)),
        ]
    }

    static func device(_ device: DiscoveryDeviceRecord) -> JSONValue {
        guard case .object(var object) = device.host.contractJSON else { return .null }
        object["id"] = .number(Double(device.id))
        object["review_state"] = .string(device.reviewState.rawValue)
        object["inventory_status"] = .string(device.inventory.rawValue)
        object["changes"] = .array(device.changes.map { .string($0) })
        object["target_name"] = device.targetName.map { .string($0) } ?? .null
        return .object(object)
    }

    static func encode(_ value: JSONValue) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        return String(decoding: try encoder.encode(value), as: UTF8.self)
    }

    static func json(_ run: DiscoveryRunRecord) throws -> String { try encode(object(run)) }

    /// The run's line, then one line per device: id, address, services, class, inventory status, review state.
    static func show(_ run: DiscoveryRunRecord, _ devices: [DiscoveryDeviceRecord], format: OutputFormat) throws
        -> String
    {
        if format == .json {
            guard case .object(var object) = Self.object(run) else { return "" }
            object["devices"] = .array(devices.map(device))
            return try encode(.object(object))
        }
        var lines = [line(run)]
        for device in devices {
            let services = device.host.services.map { "\($0.port)/\($0.service.rawValue)" }.joined(separator: " ")
            let known = device.targetName.map { " (\($0))" } ?? ""
            lines.append(
                "  \(device.id)\t\(device.host.address)\t\(services)\t"
                    + "\(device.host.classification.deviceClass?.rawValue ?? "-")\t"
                    + "\(device.inventory.rawValue)\(known)\t\(device.reviewState.rawValue)")
            for change in device.changes { lines.append("    \(change)") }
        }
        return lines.joined(separator: "\n")
    }
}
