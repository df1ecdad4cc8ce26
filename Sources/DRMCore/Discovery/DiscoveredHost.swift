/// One host of a discovery with at least one open port: what answered, how each service was named, the class.
public struct DiscoveredHost: Sendable, Hashable, Codable {
    /// The address swept.
    public var address: String
    /// The host name it was swept under, or its reverse-lookup name.
    public var hostname: String?
    /// Open TCP ports, sorted.
    public var openPorts: [Int]
    /// One observation per open port, in port order.
    public var services: [ServiceObservation]
    /// The host's class, confidence, reasons, catalog type and suggested methods.
    public var classification: DeviceClassification

    /// A host with its observations; the classification is computed from them.
    public init(address: String, hostname: String?, services: [ServiceObservation]) {
        self.address = address
        self.hostname = hostname
        self.services = services.sorted { $0.port < $1.port }
        self.openPorts = self.services.map(\.port)
        self.classification = DeviceClassifier.classify(services)
    }

    /// The identity used to match this host with the inventory and with earlier runs: the SSH host key, else the
    /// TLS certificate fingerprint, else the address.
    public var identity: (kind: String, value: String) {
        if let key = services.lazy.compactMap({ $0.details["ssh_host_key_fingerprint"] }).first {
            return ("ssh_host_key", key)
        }
        if let fingerprint = services.lazy.compactMap({ $0.details["tls_fingerprint"] }).first {
            return ("tls_fingerprint", fingerprint)
        }
        return ("address", address)
    }

    /// The object of the `enabledrm discover --format json` contract: `ip`, `open_ports`, `services` (port → name),
    /// `device_type` (the class or null), `hostname`, and `details` (per-port facts and the classification).
    public var contractJSON: JSONValue {
        var ports: [String: JSONValue] = [:]
        var names: [String: JSONValue] = [:]
        for service in services {
            names["\(service.port)"] = .string(service.service.rawValue)
            var facts = service.details.mapValues { JSONValue.string($0) }
            if let product = service.product { facts["product"] = .string(product) }
            ports["\(service.port)"] = .object(facts)
        }
        return .object([
            "ip": .string(address),
            "open_ports": .array(openPorts.map { .number(Double($0)) }),
            "services": .object(names),
            "device_type": classification.deviceClass.map { .string($0.rawValue) } ?? .null,
            "hostname": hostname.map { .string($0) } ?? .null,
            "details": .object([
                "ports": .object(ports),
                "confidence": .number(classification.confidence),
                "reasons": .array(classification.reasons.map { .string($0) }),
                "catalog_device_type": .string(classification.deviceType),
                "suggested_methods": .array(classification.suggestedMethods.map { .string($0) }),
            ]),
        ])
    }
}
