import DRMCore
public import DRMSchema
import DRMStore
import DRMTestSupport
import FluentKit
import Foundation
import NIOHTTP1
import SQLKit
public import Testing

/// The Fluent models and the declared schema can't drift apart silently.
@Suite struct ModelSchemaTests {
    @Test func everyApplicationTableHasExactlyOneModel() throws {
        let declared = DatabaseSchema.declared.tables.map(\.name).filter { $0 != "alembic_version" }
        #expect(ModelCatalog.all.map { $0.schema }.sorted() == declared.sorted())
        #expect(declared.count == 40)
    }

    @Test("every model field matches its column", arguments: ModelCatalog.descriptions())
    func modelMatchesSchema(model: ModelDescription) throws {
        #expect(model.mismatches(against: DatabaseSchema.declared) == [])
    }

    @Test func aRenamedFieldIsCaught() throws {
        var wrong = ModelCatalog.describe(User.self)
        let position = try #require(wrong.fields.firstIndex { $0.column == "last_login" })
        wrong.fields[position].column = "last_logged_in"

        let problems = wrong.mismatches(against: DatabaseSchema.declared)

        #expect(
            problems == [
                "users.last_logged_in: the model has a field for a column the table doesn't have",
                "users.last_login: the table has a column the model doesn't map",
            ])
    }

    @Test func aWrongTypeOrNullabilityOrEnumIsCaught() throws {
        let schema = DatabaseSchema.declared
        let wrong = ModelDescription(
            table: "jobs",
            fields: ModelCatalog.describe(Job.self).fields.map { field in
                switch field.column {
                case "priority": ModelDescription.Field("priority", .string)
                case "description": ModelDescription.Field("description", .string, optional: false)
                case "status": ModelDescription.Field("status", .databaseEnum(values: ["draft", "done"]))
                default: field
                }
            })

        let problems = wrong.mismatches(against: schema)

        #expect(problems.count == 3)
        #expect(problems.contains { $0.hasPrefix("jobs.priority: model type String doesn't fit column type integer") })
        #expect(problems.contains("jobs.description: the column is nullable but the model field is not optional"))
        #expect(problems.contains { $0.hasPrefix("jobs.status: model type enum(draft, done)") })
    }

    @Test("models write and read back every kind of column", arguments: SchemaDialect.allCases)
    func modelsRoundTrip(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let db = database.handle.database
            let user = User()
            user.username = "ada"
            user.email = "ada@example.com"
            user.passwordHash = "x"
            user.role = .manager
            user.isActive = true
            try await user.create(on: db)
            let job = Job()
            job.jobUUID = UUID()
            job.jobSerial = "J20260000001"
            job.name = "patch"
            job.jobType = .script
            job.status = .scheduled
            job.priority = 3
            job.retryCount = 0
            job.isDeleted = false
            job.createdBy = try user.requireID()
            job.options = [["name": "version", "type": "string"]]
            job.parallelism = 25
            job.failurePolicy = "stop"
            job.isAdhoc = false
            try await job.create(on: db)
            let setting = SystemSetting()
            setting.settingKey = "max_concurrent_jobs"
            setting.settingValue = 50
            try await setting.create(on: db)
            let metric = PerformanceMetric()
            metric.metricType = "job_execution"
            metric.aggregationPeriod = "hour"
            metric.timestamp = Date(timeIntervalSince1970: 1_800_000_000)
            metric.successRate = Decimal(string: "97.25")
            metric.metricData = ["buckets": [1, 2.5, "x"], "ok": true]
            try await metric.create(on: db)

            let readUser = try #require(try await User.query(on: db).filter(\.$username == "ada").first())
            let readJob = try #require(try await Job.find(job.id, on: db))
            let readSetting = try #require(try await SystemSetting.query(on: db).first())
            let readMetric = try #require(try await PerformanceMetric.query(on: db).first())
            #expect(readUser.role == .manager)
            #expect(readUser.createdAt != nil)
            #expect(readJob.status == .scheduled)
            #expect(readJob.jobType == .script)
            #expect(readJob.jobUUID == job.jobUUID)
            #expect(readSetting.settingValue == 50)
            #expect(readMetric.metricData == ["buckets": [1, 2.5, "x"], "ok": true])
            #expect(readMetric.successRate == Decimal(string: "97.25"))
            #expect(readMetric.timestamp == Date(timeIntervalSince1970: 1_800_000_000))
        }
    }

    @Test("the database enforces enum values, JSON and foreign keys", arguments: SchemaDialect.allCases)
    func constraintsAreEnforced(dialect: SchemaDialect) async throws {
        try await TestDatabase.with(dialect) { database in
            let sql = database.sql
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "INSERT INTO job_actions (job_id, action_order, action_type, action_name) VALUES (999, 1, 'command', 'x')"
                ).run()
            }
            try await sql.raw("INSERT INTO users (username, email, password_hash) VALUES ('u', 'u@x', 'h')").run()
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "INSERT INTO jobs (job_uuid, job_serial, name, status, created_by) VALUES ('8c1f0a52-56a4-4d2e-9d43-8b8d7f1f7a10', 'J1', 'n', 'exploded', 1)"
                ).run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw("INSERT INTO system_settings (setting_key, setting_value) VALUES ('k', 'not json')")
                    .run()
            }
            await #expect(throws: (any Error).self) {
                try await sql.raw(
                    "INSERT INTO users (username, email, password_hash, role) VALUES ('v', 'v@x', 'h', 'root')"
                ).run()
            }
        }
    }
}

extension ModelDescription: CustomTestStringConvertible {
    public var testDescription: String { table }
}
