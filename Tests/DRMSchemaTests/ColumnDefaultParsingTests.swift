import Testing

@testable import DRMSchema

/// Defaults as PostgreSQL's `pg_get_expr` prints them, parsed without regex literals (#13: they were re-parsed on
/// every column and were a quarter of `db check`'s CPU).
@Suite struct ColumnDefaultParsingTests {
    @Test(arguments: [
        ("'user'::character varying", ColumnDefault.literal("user")),
        ("'it''s'::text", .literal("it's")),
        ("''::text", .literal("")),
        ("'0.00'::numeric(10,2)", .literal("0.00")),
        ("'pending'::task_status", .literal("pending")),
        ("'{}'::jsonb", .literal("{}")),
        (
            "('TASK-'::text || lpad((nextval('celery_task_history_id_seq'::regclass))::text, 8, '0'::text))",
            .serialNumber(prefix: "TASK-", width: 8)
        ),
        ("42", .int(42)),
        ("true", .bool(true)),
        ("CURRENT_TIMESTAMP", .currentTimestamp),
        ("'a'::text || 'b'::text", .expression("'a'::text || 'b'::text")),
        ("'x'::Text", .expression("'x'::Text")),
        ("'x'::numeric(10,", .expression("'x'::numeric(10,")),
        ("'unterminated", .expression("'unterminated")),
        ("nextval('x_id_seq'::regclass)", .expression("nextval('x_id_seq'::regclass)")),
        (
            "('T-'::text || lpad((nextval('a b_id_seq'::regclass))::text, 8, '0'::text))",
            .expression("('T-'::text || lpad((nextval('a b_id_seq'::regclass))::text, 8, '0'::text))")
        ),
    ])
    func parses(sql: String, expected: ColumnDefault) {
        #expect(ColumnDefault(postgres: sql) == expected)
    }
}
