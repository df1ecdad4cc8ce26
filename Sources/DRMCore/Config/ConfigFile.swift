import Foundation

/// Reads a config file into flat keys: JSON (an object of scalars) or the TOML subset EnableDRM needs
/// (`key = value` lines with strings, integers and booleans; a `[section]` prefixes its keys with `section_`).
public enum ConfigFile {
    /// Parses `contents`; `path` picks the format (`.json`, otherwise TOML) and names the file in errors.
    public static func parse(_ contents: String, path: String) throws(ConfigError) -> [String: String] {
        path.lowercased().hasSuffix(".json") ? try parseJSON(contents, path: path) : try parseTOML(contents, path: path)
    }

    static func parseJSON(_ contents: String, path: String) throws(ConfigError) -> [String: String] {
        guard let object = try? JSONSerialization.jsonObject(with: Data(contents.utf8)) as? [String: Any] else {
            throw .file(path, "is not a JSON object")
        }
        var values: [String: String] = [:]
        for (key, value) in object {
            switch value {
            case let text as String: values[key] = text
            case let number as NSNumber: values[key] = number.stringValue
            default: throw .file(path, "\(key) must be a string, a number or a boolean")
            }
        }
        return values
    }

    static func parseTOML(_ contents: String, path: String) throws(ConfigError) -> [String: String] {
        var values: [String: String] = [:]
        var section = ""
        for (number, rawLine) in contents.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            let line = rawLine.trimmingCharacters(in: .whitespaces)
            if line.isEmpty || line.hasPrefix("#") { continue }
            if line.hasPrefix("["), line.hasSuffix("]") {
                section = line.dropFirst().dropLast().trimmingCharacters(in: .whitespaces) + "_"
                continue
            }
            guard let equals = line.firstIndex(of: "=") else {
                throw .file(path, "line \(number + 1): expected key = value")
            }
            let key = section + line[..<equals].trimmingCharacters(in: .whitespaces)
            guard let value = scalar(line[line.index(after: equals)...].trimmingCharacters(in: .whitespaces)) else {
                throw .file(path, "line \(number + 1): \(key) must be a quoted string, an integer or a boolean")
            }
            values[key] = value
        }
        return values
    }

    /// A TOML scalar without its quotes; a trailing `# comment` is dropped.
    static func scalar(_ text: String) -> String? {
        if let quote = text.first, quote == "\"" || quote == "'" {
            var result = ""
            var escaped = false
            for character in text.dropFirst() {
                if escaped {
                    result.append(["n": "\n", "t": "\t"][character] ?? character)
                    escaped = false
                } else if character == "\\", quote == "\"" {
                    escaped = true
                } else if character == quote {
                    return result
                } else {
                    result.append(character)
                }
            }
            return nil
        }
        let bare = text.split(separator: "#", maxSplits: 1).first.map { $0.trimmingCharacters(in: .whitespaces) } ?? ""
        if bare == "true" || bare == "false" || Int(bare) != nil { return bare }
        return nil
    }
}
