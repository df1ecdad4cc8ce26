import DRMSchema
import Foundation
import Testing

@Suite struct MigrationChainTests {
    @Test func revisionsAreNumberedInOrderAndUnique() {
        let revisions = MigrationChain.enableDRM.migrations.map(\.revision)
        // Four digits, rising; a number may be skipped (branches of one session each take their own).
        #expect(revisions.allSatisfy { $0.count == 4 && Int($0) != nil })
        #expect(zip(revisions, revisions.dropFirst()).allSatisfy { Int($0)! < Int($1)! }, "\(revisions)")
        #expect(revisions.first == "0001")
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
