/// The kind of device a host looks like, from what its services said (never from port numbers alone, except that
/// the WinRM ports count as evidence of Windows).
public enum DeviceClass: String, Sendable, Hashable, Codable, CaseIterable {
    case linuxServer = "linux server"
    case windowsServer = "windows server"
    case networkDevice = "network device"
    case printer
    case database
    case mailServer = "mail server"
    case webServer = "web server"
}

/// A host's class with how sure the classifier is and why, the `device_types` catalog value it maps to and the
/// communication methods it suggests.
public struct DeviceClassification: Sendable, Hashable, Codable {
    /// The class, or nil when no service said enough.
    public var deviceClass: DeviceClass?
    /// 0…1.
    public var confidence: Double
    /// One line per piece of evidence for the class.
    public var reasons: [String]
    /// A `device_types.value` (`linux`, `windows_server`, `cisco_router`, `postgresql`, …, `generic_device`).
    public var deviceType: String
    /// `target_communication_methods.method_type` values, in order of preference.
    public var suggestedMethods: [String]
}

/// Classifies a host from its observations: each rule that holds adds evidence with a weight; the class with the
/// strongest evidence wins (more specific classes weigh more), and its confidence grows a little with each further
/// piece of evidence.
public enum DeviceClassifier {
    static let printerWords = [
        "printer", "laserjet", "officejet", "deskjet", "jetdirect", "cups", "xerox", "brother", "epson", "canon",
        "lexmark", "kyocera", "ricoh", "konica", "ipp",
    ]
    static let networkWords = [
        "cisco", "juniper", "junos", "mikrotik", "routeros", "huawei", "fortinet", "user access verification", "arista",
        "procurve",
    ]
    static let linuxWords = ["debian", "ubuntu", "centos", "red hat", "redhat", "fedora", "alpine", "raspbian", "suse"]

    /// The classification of a host with these observations.
    public static func classify(_ observations: [ServiceObservation]) -> DeviceClassification {
        var evidence: [DeviceClass: [(Double, String)]] = [:]
        func add(_ deviceClass: DeviceClass, _ weight: Double, _ reason: String) {
            evidence[deviceClass, default: []].append((weight, reason))
        }
        for observation in observations.sorted(by: { $0.port < $1.port }) {
            let text = ([observation.product ?? ""] + observation.details.sorted { $0.key < $1.key }.map(\.value))
                .joined(separator: " ").lowercased()
            let port = observation.port
            if let word = networkWords.first(where: text.contains) {
                add(.networkDevice, 0.9, "\(observation.service.rawValue) on \(port) mentions \(word)")
            }
            switch observation.service {
            case .http, .https:
                if let word = printerWords.first(where: {
                    ($0 == "ipp" ? text.split(separator: " ").contains("ipp") : text.contains($0))
                }) {
                    add(.printer, 0.9, "web page on \(port) names a printer (\(word))")
                } else if text.contains("microsoft-iis") || text.contains("microsoft-httpapi") {
                    add(.windowsServer, 0.8, "web server on \(port) is Microsoft's")
                } else {
                    add(.webServer, 0.6, "\(observation.service.rawValue) answers on \(port)")
                }
            case .ssh:
                if text.contains("for_windows") {
                    add(.windowsServer, 0.85, "SSH on \(port) is OpenSSH for Windows")
                } else if let word = linuxWords.first(where: text.contains) {
                    add(.linuxServer, 0.8, "SSH on \(port) announces \(word)")
                } else if text.contains("openssh") || text.contains("dropbear") {
                    add(.linuxServer, 0.7, "SSH on \(port) is \(observation.product ?? "OpenSSH")")
                }
            case .telnet:
                let others = observations.filter { ![.telnet, .unknown].contains($0.service) }
                if others.isEmpty { add(.networkDevice, 0.6, "telnet is the only service (on \(port))") }
            case .postgresql, .mysql, .redis:
                add(.database, 0.85, "\(observation.service.rawValue) answers on \(port)")
            case .smtp:
                add(.mailServer, 0.8, "SMTP answers on \(port)")
            case .ftp, .snmp, .unknown:
                break
            }
            if port == 5985 || port == 5986 {
                add(.windowsServer, 0.6, "WinRM port \(port) is open")
            }
        }
        let ranked = evidence.map { key, items in
            (key, items.map(\.0).max()! + 0.05 * Double(items.count - 1), items.map(\.1))
        }.sorted { ($0.1, rank($0.0)) > ($1.1, rank($1.0)) }
        let methods = suggestedMethods(observations)
        guard let best = ranked.first else {
            return DeviceClassification(
                deviceClass: nil, confidence: 0, reasons: [], deviceType: "generic_device", suggestedMethods: methods)
        }
        return DeviceClassification(
            deviceClass: best.0, confidence: min(1, (best.1 * 100).rounded() / 100), reasons: best.2,
            deviceType: deviceType(best.0, observations), suggestedMethods: methods)
    }

    /// Ties go to the more specific class.
    static func rank(_ deviceClass: DeviceClass) -> Int {
        DeviceClass.allCases.count - DeviceClass.allCases.firstIndex(of: deviceClass)!
    }

    /// SSH → ssh, HTTP(S) → rest_api, SMTP → smtp, PostgreSQL → postgresql, an open 5985/5986 → winrm.
    public static func suggestedMethods(_ observations: [ServiceObservation]) -> [String] {
        var methods: [String] = []
        for observation in observations.sorted(by: { $0.port < $1.port }) {
            let method: String? =
                switch observation.service {
                case .ssh: "ssh"
                case .http, .https: observation.port == 5985 || observation.port == 5986 ? "winrm" : "rest_api"
                case .smtp: "smtp"
                case .postgresql: "postgresql"
                default: observation.port == 5985 || observation.port == 5986 ? "winrm" : nil
                }
            if let method, !methods.contains(method) { methods.append(method) }
        }
        return methods
    }

    static func deviceType(_ deviceClass: DeviceClass, _ observations: [ServiceObservation]) -> String {
        let text = observations.map { ($0.product ?? "") + " " + $0.details.values.joined(separator: " ") }
            .joined(separator: " ").lowercased()
        switch deviceClass {
        case .linuxServer: return "linux"
        case .windowsServer: return "windows_server"
        case .networkDevice: return text.contains("cisco") ? "cisco_router" : "router_gateway"
        case .printer: return "generic_device"
        case .database:
            if observations.contains(where: { $0.service == .postgresql }) { return "postgresql" }
            if observations.contains(where: { $0.service == .mysql }) { return "mysql" }
            return "generic_device"
        case .mailServer: return "smtp_server"
        case .webServer:
            if text.contains("nginx") { return "nginx" }
            if text.contains("apache") { return "apache" }
            return "generic_device"
        }
    }
}
