// The declared views of the analytics domain: the original's two views (`04_analytics_tables.sql`, schema.md
// Known drift item 21), kept so that an adopted database keeps them and a new one has them. To change one, edit it
// here, then write the migration with `enabledrm db revision --autogenerate`.
extension DatabaseView {
    /// Every declared view, in creation order.
    public static let declared: [DatabaseView] = [.analyticsSummary, .targetPerformanceSummary]

    /// Runs per day over the last 30 days: how many, how many completed, failed and cancelled, the success rate in
    /// percent and the mean duration in seconds. SQLite keeps times as seconds since 1970.
    public static let analyticsSummary = DatabaseView(
        "analytics_summary",
        postgres: """
            SELECT date(e.created_at) AS execution_date,
                count(*) AS total_executions,
                count(*) FILTER (WHERE e.status = 'completed'::execution_status) AS successful_executions,
                count(*) FILTER (WHERE e.status = 'failed'::execution_status) AS failed_executions,
                count(*) FILTER (WHERE e.status = 'cancelled'::execution_status) AS cancelled_executions,
                round(count(*) FILTER (WHERE e.status = 'completed'::execution_status)::numeric * 100.0 / count(*)::numeric, 2) AS success_rate,
                avg(EXTRACT(epoch FROM e.completed_at - e.started_at)) AS avg_duration_seconds
               FROM job_executions e
              WHERE e.created_at >= (CURRENT_DATE - '30 days'::interval)
              GROUP BY (date(e.created_at))
              ORDER BY (date(e.created_at)) DESC;
            """,
        sqlite: """
            SELECT date(e.created_at, 'unixepoch') AS execution_date,
                count(*) AS total_executions,
                count(*) FILTER (WHERE e.status = 'completed') AS successful_executions,
                count(*) FILTER (WHERE e.status = 'failed') AS failed_executions,
                count(*) FILTER (WHERE e.status = 'cancelled') AS cancelled_executions,
                round(count(*) FILTER (WHERE e.status = 'completed') * 100.0 / count(*), 2) AS success_rate,
                avg(e.completed_at - e.started_at) AS avg_duration_seconds
              FROM job_executions e
              WHERE e.created_at >= (julianday('now', 'start of day', '-30 days') - 2440587.5) * 86400.0
              GROUP BY date(e.created_at, 'unixepoch')
              ORDER BY execution_date DESC
            """
    )

    /// Per active target, its branches of the last 30 days: how many, how many completed and failed, the success
    /// rate in percent (none without branches) and the mean response time in seconds; best first.
    public static let targetPerformanceSummary = DatabaseView(
        "target_performance_summary",
        postgres: """
            SELECT t.id AS target_id,
                t.name AS target_name,
                t.target_type,
                t.os_type,
                t.environment,
                t.health_status,
                count(b.id) AS total_executions,
                count(b.id) FILTER (WHERE b.status = 'completed'::execution_status) AS successful_executions,
                count(b.id) FILTER (WHERE b.status = 'failed'::execution_status) AS failed_executions,
                round(count(b.id) FILTER (WHERE b.status = 'completed'::execution_status)::numeric * 100.0 / NULLIF(count(b.id), 0)::numeric, 2) AS success_rate,
                avg(EXTRACT(epoch FROM b.completed_at - b.started_at)) AS avg_response_time_seconds
               FROM universal_targets t
                 LEFT JOIN job_execution_branches b ON b.target_id = t.id AND b.created_at >= (CURRENT_DATE - '30 days'::interval)
              WHERE t.is_active = true
              GROUP BY t.id, t.name, t.target_type, t.os_type, t.environment, t.health_status
              ORDER BY (round(count(b.id) FILTER (WHERE b.status = 'completed'::execution_status)::numeric * 100.0 / NULLIF(count(b.id), 0)::numeric, 2)) DESC NULLS LAST;
            """,
        sqlite: """
            SELECT t.id AS target_id,
                t.name AS target_name,
                t.target_type,
                t.os_type,
                t.environment,
                t.health_status,
                count(b.id) AS total_executions,
                count(b.id) FILTER (WHERE b.status = 'completed') AS successful_executions,
                count(b.id) FILTER (WHERE b.status = 'failed') AS failed_executions,
                round(count(b.id) FILTER (WHERE b.status = 'completed') * 100.0 / nullif(count(b.id), 0), 2) AS success_rate,
                avg(b.completed_at - b.started_at) AS avg_response_time_seconds
              FROM universal_targets t
                LEFT JOIN job_execution_branches b ON b.target_id = t.id
                  AND b.created_at >= (julianday('now', 'start of day', '-30 days') - 2440587.5) * 86400.0
              WHERE t.is_active = 1
              GROUP BY t.id, t.name, t.target_type, t.os_type, t.environment, t.health_status
              ORDER BY success_rate DESC NULLS LAST
            """
    )
}
