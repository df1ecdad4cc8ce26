import DRMSchema
import Testing

@Suite struct SQLRendererTests {
    let schema = DatabaseSchema.declared

    @Test func postgresCreatesTheExactNamesAndTypes() throws {
        let statements = SQLRenderer(.postgres).createTable(try #require(schema.table("users")), in: schema)

        #expect(statements[0].contains(#""id" serial NOT NULL"#))
        #expect(statements[0].contains(#""role" character varying(20) NOT NULL DEFAULT 'user'::character varying"#))
        #expect(statements[0].contains(#"CONSTRAINT "users_pkey" PRIMARY KEY ("id")"#))
        #expect(statements[0].contains(#"CONSTRAINT "users_email_key" UNIQUE ("email")"#))
        #expect(
            statements[0].contains(
                #"CONSTRAINT "ck_users_role" CHECK ((role IN ('administrator', 'manager', 'user', 'guest')))"#))
        #expect(statements[1] == #"CREATE INDEX "idx_users_active" ON "users" ("is_active")"#)
    }

    @Test func sqliteEnforcesWhatItsTypesCannot() throws {
        let sql = SQLRenderer(.sqlite).createTable(try #require(schema.table("jobs")), in: schema)[0]

        #expect(sql.contains(#""id" integer NOT NULL CONSTRAINT "jobs_pkey" PRIMARY KEY AUTOINCREMENT"#))
        #expect(sql.contains(#""is_deleted" boolean NOT NULL DEFAULT 0 CHECK ("is_deleted" IN (0, 1))"#))
        #expect(
            sql.contains(
                #""status" job_status NOT NULL DEFAULT 'draft' CHECK ("status" IN ('draft', 'scheduled', 'running', 'completed', 'failed', 'cancelled', 'deleted'))"#
            ))
        #expect(
            sql.contains(
                #"CONSTRAINT "jobs_deleted_by_fkey" FOREIGN KEY ("deleted_by") REFERENCES "users" ("id") ON DELETE SET NULL"#
            ))
        #expect(!sql.contains("JOB-"), "SQLite has no sequences: the application assigns serials")
    }

    @Test func sqliteStoresJSONAsCheckedText() throws {
        let sql = SQLRenderer(.sqlite).createTable(try #require(schema.table("system_settings")), in: schema)[0]
        #expect(sql.contains(#""setting_value" jsonb_text NOT NULL CHECK (json_valid("setting_value"))"#))
    }

    @Test func aTypeChangeIsACastOnPostgresAndARebuildOnSQLite() throws {
        let operation = SchemaOperation.alterColumnType(
            table: "alert_rules", column: "is_active", to: .integer, using: .init(postgres: "is_active::integer")
        )

        let postgres = try SQLRenderer(.postgres).statements(for: operation, in: schema)
        let sqlite = try SQLRenderer(.sqlite).statements(for: operation, in: schema)

        #expect(
            postgres == [
                #"ALTER TABLE "alert_rules" ALTER COLUMN "is_active" DROP DEFAULT"#,
                #"ALTER TABLE "alert_rules" ALTER COLUMN "is_active" TYPE integer USING is_active::integer"#,
            ])
        #expect(sqlite.first?.hasPrefix(#"CREATE TABLE "_drm_rebuild_alert_rules""#) == true)
        #expect(sqlite.contains(#"DROP TABLE "alert_rules""#))
        #expect(sqlite.contains(#"ALTER TABLE "_drm_rebuild_alert_rules" RENAME TO "alert_rules""#))
        #expect(sqlite.last?.hasPrefix("CREATE INDEX") == true, "indexes come back after the rename")
    }

    @Test func anOperationThatDoesNotFitIsRefused() {
        #expect(throws: SchemaOperationError.self) {
            try SQLRenderer(.postgres).statements(for: .dropColumn(table: "users", column: "nope"), in: schema)
        }
        #expect(throws: SchemaOperationError.self) {
            try SQLRenderer(.postgres).statements(
                for: .createIndex(table: "jobs", Index("idx_users_role", ["name"])), in: schema)
        }
    }
}
