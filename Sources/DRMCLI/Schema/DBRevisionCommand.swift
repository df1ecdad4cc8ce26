import ArgumentParser
import DRMCore
import DRMEngine
import DRMSchema
import DRMStore
import Foundation

/// `enabledrm db revision`: writes the next numbered migration into the source tree.
struct DBRevisionCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "revision",
        abstract: "Write a new numbered migration file.",
        discussion: """
            With --autogenerate it holds the operations that turn the live database (upgraded to head) into the \
            declared schema, and their reverse. Rebuild afterwards: the migration is Swift code.
            """
    )

    @Option(name: .shortAndLong, help: "What the migration does.") var message: String
    @Flag(help: "Compare the live database with the declared schema and write the operations.") var autogenerate = false
    @Flag(help: "Write the migration even when it has no operation.") var allowEmpty = false
    @Flag(help: "Allow dropping columns or tables that hold data.") var allowDataLoss = false
    @Option(help: "Where the migrations are.") var migrationsDir = "Sources/DRMSchema/Migrations"
    @OptionGroup var options: ConfigOptions

    func run() async throws {
        var up: [SchemaOperation] = []
        var down: [SchemaOperation] = []
        var live: DatabaseSchema?
        if autogenerate {
            try await withEnvironment(options) { environment in
                let migrator = environment.migrator
                let current = try await migrator.currentRevision()
                guard current == migrator.chain.head else {
                    throw ValidationError(
                        "the database is at \(current ?? "base"), not head: run `enabledrm db upgrade` first")
                }
                let found = try await environment.sql.introspectSchema()
                live = found
                let planner = SchemaPlanner(environment.sql.schemaDialect)
                let plan = planner.plan(from: found, to: .declared)
                for difference in plan.unsupported { printError("not generated (do it by hand): \(difference)") }
                if !allowDataLoss {
                    let losses = try await Migrator.dataLoss(of: plan.operations, in: found, on: environment.sql)
                    guard losses.isEmpty else {
                        throw PlanRefusal(reasons: losses + ["pass --allow-data-loss to write it anyway"])
                    }
                }
                up = plan.operations
                down = planner.plan(from: .declared, to: found).operations
            }
            if up.isEmpty && !allowEmpty {
                print("no changes: the database matches the declared schema; nothing written")
                return
            }
        }
        try await reportingErrors {
            let writer = try MigrationFileWriter(directory: migrationsDir)
            let path = try writer.write(message: message, up: up, down: down, upFrom: live, downFrom: .declared)
            print("wrote \(path) (\(up.count) operations up, \(down.count) down); rebuild to include it")
        }
    }
}
