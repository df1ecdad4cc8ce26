import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Foundation

/// Adds a migration file and registers it in `Migrations.swift`.
struct MigrationFileWriter {
    let directory: String

    init(directory: String) throws {
        guard FileManager.default.fileExists(atPath: directory + "/Migrations.swift") else {
            throw ValidationError(
                "no Migrations.swift in \(directory): run from the EnableDRM source tree or pass --migrations-dir")
        }
        self.directory = directory
    }

    func write(
        message: String, up: [SchemaOperation], down: [SchemaOperation], upFrom: DatabaseSchema? = nil,
        downFrom: DatabaseSchema? = nil
    ) throws -> String {
        let numbers = try FileManager.default.contentsOfDirectory(atPath: directory).compactMap { Int($0.prefix(4)) }
        let head = MigrationChain.enableDRM.head.flatMap { Int($0) } ?? 0
        let revision = String(format: "%04d", max(numbers.max() ?? 0, head) + 1)
        let name = message.split { !$0.isLetter && !$0.isNumber }.prefix(6).map {
            $0.prefix(1).uppercased() + $0.dropFirst()
        }.joined()
        let path = "\(directory)/\(revision)_\(name.isEmpty ? "Migration" : name).swift"
        let registryPath = directory + "/Migrations.swift"
        var registry = try String(contentsOfFile: registryPath, encoding: .utf8)
        // The last entry of the list, with or without the trailing comma swift-format removes.
        guard let last = registry.ranges(of: /\n( *)\.m\d{4},?/).last else {
            throw ValidationError("can't find the migration list in \(registryPath)")
        }
        let entry = registry[last].dropFirst()
        let indent = entry.prefix { $0 == " " }
        let previous = entry.hasSuffix(",") ? entry.dropLast() : entry
        registry.replaceSubrange(last, with: "\n\(previous),\n\(indent).m\(revision)")
        let source = SwiftSource.migrationFile(
            revision: revision, message: message, up: up, down: down, upFrom: upFrom, downFrom: downFrom)
        try source.write(toFile: path, atomically: true, encoding: .utf8)
        try registry.write(toFile: registryPath, atomically: true, encoding: .utf8)
        return path
    }
}
