import DRMSchema
import Foundation
import Testing

@Suite struct MigrationChainTests {
    @Test func revisionsAreNumberedInOrderAndUnique() {
        // Numbers are handed to branches ahead of time, so the chain may skip some until all are merged.
        let revisions = MigrationChain.enableDRM.migrations.map(\.revision)
        let numbers = revisions.compactMap { Int($0) }
        #expect(numbers.count == revisions.count)
        #expect(revisions == numbers.map { String(format: "%04d", $0) })
        #expect(numbers == numbers.sorted() && Set(numbers).count == numbers.count)
        #expect(numbers.first == 1)
    }

    @Test func theChainArrivesAtTheDeclaredSchema() throws {
        let head = try MigrationChain.enableDRM.headSchema()
        let differences = SchemaComparator(.postgres).differences(expected: .declared, found: head)
        #expect(
            differences == [], "declared tables changed without a migration: run `enabledrm db revision --autogenerate`"
        )
        #expect(head == .declared)
    }

    @Test func everyMigrationCanBeReversed() throws {
        let chain = MigrationChain.enableDRM
        for (position, migration) in chain.migrations.enumerated() {
            let before = try chain.schema(at: position == 0 ? nil : chain.migrations[position - 1].revision)
            var state = try chain.schema(at: migration.revision)
            for operation in try migration.downOperations(before: before) { try state.apply(operation) }
            // PostgreSQL can't drop an enum value: a downgrade keeps the values a migration appended (0005).
            for (index, type) in state.enums.enumerated() {
                if let old = before.enums.first(where: { $0.name == type.name }), type.values.starts(with: old.values) {
                    state.enums[index].values = old.values
                }
            }
            #expect(state == before, "migration \(migration.revision) does not undo cleanly")
        }
    }

    @Test func aDuplicateRevisionIsRejected() {
        #expect(throws: MigrationError.duplicateRevision("x")) {
            try MigrationChain([Migration("x", "a", up: []), Migration("x", "b", up: [])])
        }
    }

    @Test func anUnknownRevisionHasNoSchema() {
        #expect(throws: MigrationError.unknownRevision("2d9a04ef6730")) {
            try MigrationChain.enableDRM.schema(at: "2d9a04ef6730")
        }
    }

    @Test(arguments: [
        ("head", RevisionTarget.head), ("base", .base), ("-1", .relative(-1)), ("+2", .relative(2)),
        ("0001", .revision("0001")),
    ])
    func revisionTargetsParse(text: String, target: RevisionTarget) {
        #expect(RevisionTarget(text) == target)
    }

    @Test func aDataStepCannotBeReversedAutomatically() {
        let migration = Migration("x", "data", up: [.sql(postgres: "UPDATE t SET a = 1", sqlite: nil)])
        #expect(throws: MigrationError.self) { try migration.downOperations(before: DatabaseSchema()) }
    }
}
