// The declared tables of this domain, with the exact names and types of spec/schema.md. Change them here, then
// write the migration that gets there with `enabledrm db revision --autogenerate`.

extension Table {
    /// `users`: platform user accounts
    public static let users = Table(
        "users",
        columns: [
            Column("id", .serial),
            Column("username", .varchar(50), null: false),
            Column("email", .varchar(100), null: false),
            Column("password_hash", .varchar(255), null: false),
            Column("role", .varchar(20), null: false, default: .literal("user")),
            Column("is_active", .boolean, null: false, default: .bool(true)),
            Column("last_login", .timestamptz),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("updated_at", .timestamptz, default: .currentTimestamp),
        ],
        primaryKey: PrimaryKey("users_pkey", ["id"]),
        uniques: [
            UniqueConstraint("users_email_key", ["email"]),
            UniqueConstraint("users_username_key", ["username"]),
        ],
        checks: [
            .oneOf("ck_users_role", column: "role", ["administrator", "manager", "user", "guest"])
        ],
        indexes: [
            Index("idx_users_active", ["is_active"]),
            Index("idx_users_role", ["role"]),
        ]
    )

    /// `user_sessions`: session records (legacy; live sessions are in Redis)
    public static let userSessions = Table(
        "user_sessions",
        columns: [
            Column("id", .serial),
            Column("user_id", .integer, null: false),
            Column("session_token", .varchar(255), null: false),
            Column("ip_address", .varchar(45)),
            Column("user_agent", .text),
            Column("created_at", .timestamptz, default: .currentTimestamp),
            Column("expires_at", .timestamptz, null: false),
            Column("last_activity", .timestamptz, default: .currentTimestamp),
            // Added by migration 0006: the digest of the refresh token this session rotated away from, so that a
            // replayed (stolen) token is recognised and ends the session.
            Column("previous_session_token", .varchar(255)),
        ],
        primaryKey: PrimaryKey("user_sessions_pkey", ["id"]),
        uniques: [
            UniqueConstraint("user_sessions_session_token_key", ["session_token"])
        ],
        foreignKeys: [
            ForeignKey("user_sessions_user_id_fkey", ["user_id"], references: "users", onDelete: .cascade)
        ],
        indexes: [
            Index("idx_user_sessions_expires", ["expires_at"]),
            Index("idx_user_sessions_user_id", ["user_id"]),
        ]
    )
}

extension Table {
    /// `login_throttles`: failed log-ins counted per (account, address) pair, per address and per account, and the
    /// locks they caused. Added by migration 0006; in the database rather than in memory so that every node of a
    /// cluster counts the same attempts atomically, and so that `enabledrm user unlock` can clear a lock.
    public static let loginThrottles = Table(
        "login_throttles",
        columns: [
            Column("id", .serial),
            Column("throttle_key", .varchar(255), null: false),
            Column("scope", .varchar(20), null: false),
            Column("username", .varchar(100)),
            Column("address", .varchar(45)),
            Column("failures", .integer, null: false, default: .int(0)),
            Column("window_started_at", .timestamptz, null: false),
            Column("locked_until", .timestamptz),
        ],
        primaryKey: PrimaryKey("login_throttles_pkey", ["id"]),
        uniques: [
            UniqueConstraint("login_throttles_throttle_key_key", ["throttle_key"])
        ],
        checks: [
            .oneOf("ck_login_throttles_scope", column: "scope", ["pair", "address", "account"])
        ],
        indexes: [
            Index("idx_login_throttles_username", ["username"])
        ]
    )
}
