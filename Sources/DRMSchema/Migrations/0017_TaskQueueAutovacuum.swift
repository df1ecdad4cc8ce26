// Shipped migrations are never edited: add a new one instead.
extension Migration {
    /// task queue autovacuum thresholds
    ///
    /// Autovacuum analyses a table once 50 rows + 10 % of it changed, and vacuums it at 50 + 20 %: with 1,000,000
    /// finished tasks, 100,000 changes before PostgreSQL learns of a backlog (and plans each claim as if nothing were
    /// waiting, issue 19), 200,000 dead rows before they are cleared from the waiting rows' index. The queue's table
    /// gets fixed thresholds instead, whatever its size. On PostgreSQL only (SQLite has no autovacuum); storage
    /// parameters are tuning, not the schema's shape, so `db check` doesn't compare them (docs/ARCHITECTURE.md).
    static let m0017 = Migration(
        "0017",
        "task queue autovacuum thresholds",
        up: [
            .sql(
                postgres: """
                    ALTER TABLE celery_task_history SET (autovacuum_analyze_scale_factor = 0, \
                    autovacuum_analyze_threshold = 1000, autovacuum_vacuum_scale_factor = 0.01, \
                    autovacuum_vacuum_threshold = 1000)
                    """,
                sqlite: "")
        ],
        down: [
            .sql(
                postgres: """
                    ALTER TABLE celery_task_history RESET (autovacuum_analyze_scale_factor, \
                    autovacuum_analyze_threshold, autovacuum_vacuum_scale_factor, autovacuum_vacuum_threshold)
                    """,
                sqlite: "")
        ]
    )
}
