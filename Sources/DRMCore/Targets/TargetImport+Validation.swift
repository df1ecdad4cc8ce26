extension TargetImport {
    /// The row that `cells` (column → text) describe, or all its problems. `tags`, when given, replaces the `tags` cell.
    static func validated(_ cells: [String: String], row: Int, tags tagList: [String]?) -> Outcome {
        var errors: [TargetImportRowError] = []
        func cell(_ column: String) -> String? {
            guard let text = cells[column]?.trimmingSpaces, !text.isEmpty else { return nil }
            return text
        }
        func problem(_ column: String, _ message: String) {
            errors.append(TargetImportRowError(row: row, field: column, message: message))
        }

        let name = cell("name") ?? ""
        if name.isEmpty {
            problem("name", "must not be empty")
        } else if name.count > 255 {
            problem("name", "must be at most 255 characters")
        }
        let host = cell("host") ?? ""
        if host.isEmpty {
            problem("host", "must not be empty")
        } else if !HostAddress.isValid(host) {
            problem("host", "must be an IPv4 or IPv6 address or a DNS name")
        }
        var port: Int?
        if let text = cell("port") {
            if let number = Int(text), (1...65535).contains(number) {
                port = number
            } else {
                problem("port", "must be 1…65535")
            }
        }
        let tags = uniqueTags(tagList ?? (cell("tags")?.split(separator: ";").map(String.init) ?? []))
        if let long = tags.first(where: { $0.count > 50 }) {
            problem("tags", "'\(long.prefix(20))…' is longer than 50 characters")
        }
        let osType = cell("os_type")?.lowercased()
        if let osType, !osType.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) {
            problem("os_type", "must be letters, digits, '_' or '-' (e.g. linux, windows)")
        }
        let environment = cell("environment")?.lowercased()
        if let environment, !environments.contains(environment) {
            problem("environment", "must be one of \(environments.joined(separator: ", "))")
        }
        guard errors.isEmpty else { return .failure(RowErrors(errors: errors)) }
        return .success(
            TargetImportRow(
                name: name, host: host, port: port, username: cell("username"),
                // A password is taken as written: spaces at either end may belong to it.
                password: cells["password"].flatMap { $0.isEmpty ? nil : $0 }, keyFile: cell("key_file"), tags: tags,
                osType: osType, environment: environment, description: cell("description"),
                hostKey: cell("host_key")))
    }

    static func uniqueTags(_ tags: [String]) -> [String] {
        var seen = Set<String>()
        return tags.map(\.trimmingSpaces).filter { !$0.isEmpty && seen.insert($0).inserted }
    }
}
