import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Foundation
import Logging

/// `enabledrm db …`: the schema's revision history and migrations.
struct DBCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "db",
        abstract: "Inspect and migrate the database schema.",
        subcommands: [
            DBUpgradeCommand.self, DBDowngradeCommand.self, DBCurrentCommand.self, DBHistoryCommand.self,
            DBCheckCommand.self, DBRevisionCommand.self, DBReportCommand.self,
        ]
    )
}

/// Opens the configured database and runs `body` with a migrator; only `creating` (`db upgrade`) may create a
/// missing SQLite database and secret key.
func withMigrator(
    _ options: ConfigOptions, creating: Bool = false, _ body: (Migrator) async throws -> Void
) async throws {
    try await withEnvironment(options, creating: creating) { try await body($0.migrator) }
}

/// The label of a revision for people: `0001 (head)`, or `base`.
func describeRevision(_ revision: String?, chain: MigrationChain = .enableDRM) -> String {
    guard let revision else { return "base (no schema)" }
    return revision == chain.head ? "\(revision) (head)" : revision
}

/// `enabledrm db upgrade [REV|head]`.
struct DBUpgradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "upgrade", abstract: "Apply migrations up to a revision (default: head)."
    )

    @Argument(help: "head, a revision id, or +N steps.") var target = "head"
    @Flag(help: "Afterwards, repair drift: bring the database back to the declared schema at its revision.")
    var repair = false
    @Flag(help: "With --repair, allow dropping columns or tables that hold data.") var allowDataLoss = false
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withMigrator(options, creating: true) { migrator in
            let before = try await migrator.currentRevision()
            let applied = try await migrator.upgrade(to: RevisionTarget(target))
            if let before, SchemaCheck.originalRevisions.contains(before) {
                print("adopted the original ENABLEDRM database at revision \(before)")
            }
            for migration in applied { print("applied \(migration.revision)  \(migration.message)") }
            let current = try await migrator.currentRevision()
            print(
                applied.isEmpty
                    ? "nothing to apply: at \(describeRevision(current))" : "now at \(describeRevision(current))")
            if repair {
                // The lines `db check` prints, each naming its table and columns, say what the repair is for.
                let check = SchemaCheck(database: migrator.database, chain: migrator.chain)
                let drift = try await check.run()
                let repaired = try await migrator.repair(allowDataLoss: allowDataLoss)
                // What repair leaves alone (a trigger or view of someone's own, an enum value) is said so.
                let left = repaired.isEmpty ? drift.differences : try await check.run().differences
                for difference in drift.differences {
                    print(left.contains(difference) ? "left as it is: \(difference)" : "repaired \(difference)")
                }
                print(repaired.isEmpty ? "no drift to repair" : "repaired drift with \(repaired.count) operations")
            }
        }
    }
}

/// `enabledrm db downgrade REV|-1|base`.
struct DBDowngradeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "downgrade", abstract: "Revert migrations down to a revision (a revision id, -N steps, or base)."
    )

    // `.allUnrecognized` lets `-1` through as the target instead of reading it as a flag.
    @Argument(parsing: .allUnrecognized, help: "A revision id, -N steps, or base.") var target: [String] = []
    @OptionGroup var options: ConfigOptions

    func validate() throws {
        guard target.count == 1 else {
            throw ValidationError("give exactly one target: a revision id, -N steps, or base")
        }
    }

    func run() async throws {
        try await withMigrator(options) { migrator in
            let reverted = try await migrator.downgrade(to: RevisionTarget(target[0]))
            for migration in reverted { print("reverted \(migration.revision)  \(migration.message)") }
            let current = try await migrator.currentRevision()
            print(
                reverted.isEmpty
                    ? "nothing to revert: at \(describeRevision(current))" : "now at \(describeRevision(current))")
        }
    }
}

/// `enabledrm db current`.
struct DBCurrentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(commandName: "current", abstract: "Print the database's revision.")

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withMigrator(options) { migrator in
            print(describeRevision(try await migrator.currentRevision()))
        }
    }
}

/// `enabledrm db history`.
struct DBHistoryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "history", abstract: "List every revision, oldest first, and mark the database's."
    )

    @OptionGroup var options: ConfigOptions

    func run() async throws {
        try await withMigrator(options) { migrator in
            let current = try await migrator.currentRevision()
            let chain = migrator.chain
            for migration in chain.migrations {
                var marks: [String] = []
                if migration.revision == current { marks.append("current") }
                if migration.revision == chain.head { marks.append("head") }
                let suffix = marks.isEmpty ? "" : "  (\(marks.joined(separator: ", ")))"
                print("\(migration.revision)  \(migration.message)\(suffix)")
            }
            if current == nil { print("the database is at base (no schema): run `enabledrm db upgrade`") }
        }
    }
}
