// swift-tools-version: 6.1
import PackageDescription

/// Every target says what it imports: imports are internal unless marked `public`, and a member is visible only
/// where its module is imported.
let checkedImports: [SwiftSetting] = [
    .enableUpcomingFeature("InternalImportsByDefault"),
    .enableUpcomingFeature("MemberImportVisibility"),
]

let package = Package(
    name: "EnableDRM",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "enabledrm", targets: ["enabledrm"]),
        // For the benchmarks package (Benchmarks/), which measures these modules against real databases.
        .library(name: "DRMCore", targets: ["DRMCore"]),
        .library(name: "DRMSchema", targets: ["DRMSchema"]),
        .library(name: "DRMTestSupport", targets: ["DRMTestSupport"]),
        .library(name: "DRMEngine", targets: ["DRMEngine"]),
    ],
    dependencies: [
        .package(url: "https://github.com/vapor/vapor.git", from: "4.122.3"),
        .package(url: "https://github.com/vapor/fluent.git", from: "4.13.0"),
        .package(url: "https://github.com/vapor/fluent-kit.git", from: "1.57.0"),
        .package(url: "https://github.com/vapor/fluent-sqlite-driver.git", from: "4.9.0"),
        .package(url: "https://github.com/vapor/fluent-postgres-driver.git", from: "2.14.0"),
        .package(url: "https://github.com/vapor/sql-kit.git", from: "3.36.0"),
        .package(url: "https://github.com/apple/swift-argument-parser.git", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-log.git", from: "1.16.2"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle.git", from: "2.13.0"),
        .package(url: "https://github.com/apple/swift-nio-ssl.git", from: "2.37.6"),
        .package(url: "https://github.com/apple/swift-crypto.git", "3.12.3"..<"5.0.0"),
        .package(url: "https://github.com/vapor/websocket-kit.git", from: "2.16.2"),
        .package(url: "https://github.com/apple/swift-nio.git", from: "2.101.2"),
        .package(url: "https://github.com/apple/swift-nio-ssh.git", from: "0.15.1"),
        .package(url: "https://github.com/swift-server/async-http-client.git", from: "1.37.0"),
        .package(url: "https://github.com/vapor/postgres-nio.git", from: "1.33.2"),
        .package(url: "https://github.com/apple/swift-certificates.git", from: "1.21.1"),
        .package(url: "https://github.com/vapor/async-kit.git", from: "1.21.0"),
        .package(url: "https://github.com/vapor/sqlite-nio.git", from: "1.13.2"),
        .package(url: "https://github.com/apple/swift-asn1.git", from: "1.7.4"),
        .package(url: "https://github.com/pointfreeco/swift-snapshot-testing", from: "1.19.7"),
        .package(url: "https://github.com/apple/swift-metrics.git", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus.git", from: "2.4.1"),
    ],
    targets: [
        // Pure rules: configuration, roles, state machines, serials. Foundation only.
        .target(name: "DRMCore", swiftSettings: checkedImports),
        // Declared schema, migrations, SQL rendering per dialect, introspection and drift. SQLKit only.
        .target(
            name: "DRMSchema",
            dependencies: [
                .product(name: "SQLKit", package: "sql-kit")
            ],
            swiftSettings: checkedImports),
        // Fluent models of the application tables, database connections and queries.
        .target(
            name: "DRMStore",
            dependencies: [
                "DRMCore",
                "DRMSchema",
                .product(name: "AsyncKit", package: "async-kit"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SQLiteNIO", package: "sqlite-nio"),
            ],
            swiftSettings: checkedImports),
        // Connectors to remote systems (SSH, HTTP, SMTP, databases, WinRM) and their connection probes. No storage.
        .target(
            name: "DRMRemote",
            dependencies: [
                // Discovery's pure rules: ranges, ports, the probe table, device classes.
                "DRMCore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOConcurrencyHelpers", package: "swift-nio"),
                .product(name: "NIOFoundationCompat", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSH", package: "swift-nio-ssh"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "PostgresNIO", package: "postgres-nio"),
                .product(name: "X509", package: "swift-certificates"),
                .product(name: "SwiftASN1", package: "swift-asn1"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "Logging", package: "swift-log"),
            ],
            swiftSettings: checkedImports),
        // Use cases and long-running services (schema upgrade, queue workers, scheduler, …).
        .target(
            name: "DRMEngine",
            dependencies: [
                "DRMCore",
                "DRMSchema",
                "DRMRemote",
                "DRMStore",
                .product(name: "FluentKit", package: "fluent-kit"),
                // The event loop a caller's database runs on (`AppEnvironment.useCases`).
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                // AES-CBC, for reading credentials written by the original (Fernet).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
                // Hand-written SQL for the task queue's claims (`FOR UPDATE SKIP LOCKED`) and batched writes.
                .product(name: "SQLKit", package: "sql-kit"),
                // The queue's claim and finish as prepared statements on PostgreSQL.
                .product(name: "PostgresNIO", package: "postgres-nio"),
                // The instruments of `/metrics` (swift-metrics), kept and written out by swift-prometheus.
                .product(name: "CoreMetrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
            ],
            swiftSettings: checkedImports),
        // HTTP API and server-rendered web UI; the composition function `configure(app:config:)`.
        .target(
            name: "DRMWeb",
            dependencies: [
                "DRMCore",
                "DRMSchema",
                "DRMStore",
                "DRMRemote",
                "DRMEngine",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "Crypto", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: checkedImports),
        // The `enabledrm` command tree.
        .target(
            name: "DRMCLI",
            dependencies: [
                "DRMCore",
                "DRMSchema",
                "DRMStore",
                "DRMRemote",
                "DRMEngine",
                "DRMWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "UnixSignals", package: "swift-service-lifecycle"),
                .product(name: "Vapor", package: "vapor"),
            ],
            swiftSettings: checkedImports),
        // The executable: bootstraps logging and runs the CLI.
        .executableTarget(name: "enabledrm", dependencies: ["DRMCLI"], swiftSettings: checkedImports),
        // Real test servers (PostgreSQL cluster, sshd; SMTP and HTTP(S) on NIO) and builders shared by the test targets.
        .target(
            name: "DRMTestSupport",
            dependencies: [
                "DRMCore",
                "DRMSchema",
                "DRMStore",
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "NIOTLS", package: "swift-nio"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
            ],
            swiftSettings: checkedImports),

        .testTarget(name: "DRMCoreTests", dependencies: ["DRMCore"], swiftSettings: checkedImports),
        .testTarget(name: "DRMSchemaTests", dependencies: ["DRMSchema"], swiftSettings: checkedImports),
        .testTarget(
            name: "DRMStoreTests",
            dependencies: [
                "DRMCore", "DRMSchema", "DRMStore", "DRMTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            swiftSettings: checkedImports),
        // Connectors against real sshd, HTTP(S), SMTP and PostgreSQL servers on loopback; key parsing; WinRM envelopes.
        .testTarget(
            name: "DRMRemoteTests",
            dependencies: [
                "DRMCore", "DRMRemote", "DRMTestSupport",
                .product(name: "AsyncHTTPClient", package: "async-http-client"),
                .product(name: "NIOCore", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ],
            resources: [.copy("Fixtures")],
            swiftSettings: checkedImports),
        .testTarget(
            name: "DRMEngineTests",
            dependencies: [
                "DRMCore", "DRMSchema", "DRMStore", "DRMRemote", "DRMEngine", "DRMTestSupport",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ],
            swiftSettings: checkedImports),
        .testTarget(
            name: "DRMWebTests",
            dependencies: [
                "DRMCore", "DRMSchema", "DRMStore", "DRMEngine", "DRMWeb", "DRMTestSupport",
                .product(name: "Fluent", package: "fluent"),
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "NIOFoundationEssentialsCompat", package: "swift-nio"),
                .product(name: "SnapshotTesting", package: "swift-snapshot-testing"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Vapor", package: "vapor"),
                .product(name: "VaporTesting", package: "vapor"),
            ],
            swiftSettings: checkedImports),
        .testTarget(
            name: "DRMEndToEndTests",
            dependencies: [
                "enabledrm", "DRMCore", "DRMSchema", "DRMStore", "DRMTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ],
            // Read from the source tree by GeneratedClientTests (run with Python), not a bundle resource.
            exclude: ["Fixtures/client_flow.py"],
            swiftSettings: checkedImports),
    ],
    swiftLanguageModes: [.v6]
)
