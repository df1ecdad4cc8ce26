import DRMSchema
import Testing

/// The declared schema, without a database: the inventory and conventions of spec/schema.md.
@Suite struct DeclaredSchemaTests {
    let schema = DatabaseSchema.declared

    @Test func theOriginalsThirtyFiveTablesPlusTheAuditLogTheLoginThrottleAndFifteenEnumTypes() {
        #expect(schema.tables.count == 41)
        #expect(schema.table("audit_events") != nil)
        #expect(schema.table("login_throttles") != nil)
        #expect(schema.enums.count == 15)
        #expect(schema.table("alembic_version")?.primaryKey == PrimaryKey("alembic_version_pkc", ["version_num"]))
        // The original's five execution states come first; migration 0005 appended the engine's.
        #expect(
            schema.enumType("execution_status")?.values.prefix(5)
                == ["scheduled", "running", "completed", "failed", "cancelled"])
    }

    @Test func everyTableButTheVersionTableHasASerialKeyNamedAfterIt() {
        for table in schema.tables where table.name != "alembic_version" {
            #expect(table.primaryKey == PrimaryKey("\(table.name)_pkey", ["id"]), "\(table.name)")
            #expect(table.column("id")?.type == .serial, "\(table.name)")
        }
    }

    @Test func everyForeignKeyColumnLeadsAnIndex() {
        for table in schema.tables {
            let covering = table.indexes.map(\.columns) + table.uniques.map(\.columns)
            for key in table.foreignKeys {
                #expect(covering.contains { Array($0.prefix(key.columns.count)) == key.columns }, "\(key.name)")
            }
        }
    }

    @Test func namesFollowTheConventions() {
        for table in schema.tables {
            for index in table.indexes { #expect(index.name.hasPrefix("idx_"), "\(index.name)") }
            for check in table.checks { #expect(check.name.hasPrefix("ck_\(table.name)_"), "\(check.name)") }
            for key in table.foreignKeys {
                #expect(key.name == "\(table.name)_\(key.columns.joined(separator: "_"))_fkey")
            }
            for unique in table.uniques {
                #expect(unique.name == "\(table.name)_\(unique.columns.joined(separator: "_"))_key")
            }
        }
    }

    @Test func theBaselineCreatesEachTableAfterTheTablesItReferences() {
        var created = Set<String>()
        for table in schema.tables {
            for key in table.foreignKeys where key.referencedTable != table.name {
                #expect(
                    created.contains(key.referencedTable),
                    "\(table.name) references \(key.referencedTable) before it exists")
            }
            created.insert(table.name)
        }
    }

    @Test func enumColumnsUseDeclaredEnumTypes() {
        for table in schema.tables {
            for column in table.columns {
                if case .enumeration(let name) = column.type {
                    #expect(schema.enumType(name) != nil, "\(table.name).\(column.name)")
                }
            }
        }
    }

    @Test func jsonIsAlwaysJSONBAndTimestampsAlwaysHaveATimeZone() {
        let types = Set(schema.tables.flatMap(\.columns).map(\.type))
        #expect(!types.contains(.json))
        #expect(!types.contains(.timestamp))
        #expect(types.contains(.jsonb))
        #expect(types.contains(.timestamptz))
    }
}
