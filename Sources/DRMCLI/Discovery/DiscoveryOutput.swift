import DRMCore
import DRMRemote
import Foundation

/// The two outputs of `enabledrm discover`.
enum DiscoveryOutput {
    /// The JSON array of the contract, one object per host with an open port.
    static func json(_ report: DiscoveryReport) throws -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.prettyPrinted, .sortedKeys, .withoutEscapingSlashes]
        let hosts = JSONValue.array(report.hosts.map(\.contractJSON))
        return String(decoding: try encoder.encode(hosts), as: UTF8.self)
    }

    /// A table: address, name, port/service list, class with confidence; then the counters.
    static func table(_ report: DiscoveryReport) -> String {
        var rows = [["ADDRESS", "HOSTNAME", "SERVICES", "CLASS"]]
        for host in report.hosts {
            let services = host.services.map { "\($0.port)/\($0.service.rawValue)" }.joined(separator: " ")
            let deviceClass = host.classification.deviceClass.map {
                "\($0.rawValue) (\(Int(host.classification.confidence * 100))%)"
            }
            rows.append([host.address, host.hostname ?? "-", services, deviceClass ?? "-"])
        }
        let widths = (0..<4).map { column in rows.map { $0[column].count }.max() ?? 0 }
        var lines = rows.map { row in
            row.enumerated().map { $1.padding(toLength: widths[$0] + 2, withPad: " ", startingAt: 0) }.joined()
                .trimmingCharacters(in: .whitespaces)
        }
        lines.append(
            "\(report.hosts.count) hosts with open ports of \(report.addressesSwept) swept; "
                + "\(report.attempts) attempts, \(report.retries) retries, \(report.unanswered) unanswered"
                + (report.cancelled ? " (cancelled)" : ""))
        return lines.joined(separator: "\n")
    }
}
