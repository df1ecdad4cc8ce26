/// The TCP ports a discovery asks: a list of numbers and ranges (`22,80,8000-8100`), `default` for the default
/// set, or both (`default,9000-9010`).
public enum PortList {
    /// The original's common ports (its discovery asked 30 fixed ports): remote shells, mail, web, Windows, SNMP,
    /// directory, printing, databases, virtualization consoles.
    public static let defaultPorts: [Int] = [
        21, 22, 23, 25, 53, 80, 110, 111, 135, 139, 143, 161, 162, 389, 443, 445, 631, 902, 993, 995, 1433, 3306,
        3389, 5432, 5985, 5986, 6379, 8006, 8080, 8443,
    ]

    /// The sorted, distinct ports of `text` (the field `field`); an empty text means the default set.
    public static func parse(_ text: String, field: String = "ports") throws(FieldError) -> [Int] {
        let entries = text.split(whereSeparator: { $0 == "," || $0 == " " }).map(String.init)
        if text.trimmingSpaces.isEmpty { return defaultPorts }
        var ports = Set<Int>()
        for entry in entries {
            if entry.lowercased() == "default" {
                ports.formUnion(defaultPorts)
                continue
            }
            let bounds = entry.split(separator: "-", omittingEmptySubsequences: false)
            guard (1...2).contains(bounds.count),
                let low = Self.port(bounds[0]), let high = bounds.count == 2 ? Self.port(bounds[1]) : low
            else {
                throw FieldError(field: field, message: "`\(entry)` is not a port 1…65535 or a range such as 8000-8100")
            }
            guard low <= high else {
                throw FieldError(field: field, message: "`\(entry)`: the range ends before it starts")
            }
            ports.formUnion(low...high)
        }
        guard !ports.isEmpty else { throw FieldError(field: field, message: "must name at least one port") }
        return ports.sorted()
    }

    static func port(_ text: Substring) -> Int? {
        guard (1...5).contains(text.count), text.allSatisfy({ $0.isASCII && $0.isNumber }), let port = Int(text),
            (1...65535).contains(port)
        else { return nil }
        return port
    }
}
