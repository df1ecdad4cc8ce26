// swift-tools-version: 6.1
import PackageDescription

let package = Package(
    name: "EnableDRM",
    platforms: [.macOS(.v14)],
    products: [
        .executable(name: "enabledrm", targets: ["enabledrm"]),
        // For the benchmarks package (Benchmarks/), which measures these modules against real databases.
        .library(name: "DRMSchema", targets: ["DRMSchema"]),
        .library(name: "DRMTestSupport", targets: ["DRMTestSupport"]),
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
    ],
    targets: [
        // Pure rules: configuration, roles, state machines, serials. Foundation only.
        .target(name: "DRMCore"),
        // Declared schema, migrations, SQL rendering per dialect, introspection and drift. SQLKit only.
        .target(
            name: "DRMSchema",
            dependencies: [
                "DRMCore",
                .product(name: "SQLKit", package: "sql-kit"),
            ]),
        // Fluent models of the application tables, database connections and queries.
        .target(
            name: "DRMStore",
            dependencies: [
                "DRMSchema",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "FluentSQLiteDriver", package: "fluent-sqlite-driver"),
                .product(name: "FluentPostgresDriver", package: "fluent-postgres-driver"),
                .product(name: "NIOSSL", package: "swift-nio-ssl"),
            ]),
        // Connectors to remote systems (SSH, HTTP, SMTP, databases, WinRM).
        .target(name: "DRMRemote", dependencies: ["DRMStore"]),
        // Use cases and long-running services (schema upgrade, queue workers, scheduler, …).
        .target(
            name: "DRMEngine",
            dependencies: [
                "DRMRemote",
                .product(name: "FluentKit", package: "fluent-kit"),
                .product(name: "Crypto", package: "swift-crypto"),
                // AES-CBC, for reading credentials written by the original (Fernet).
                .product(name: "_CryptoExtras", package: "swift-crypto"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "Logging", package: "swift-log"),
            ]),
        // HTTP API and server-rendered web UI; the composition function `configure(app:config:)`.
        .target(
            name: "DRMWeb",
            dependencies: [
                "DRMEngine",
                .product(name: "Vapor", package: "vapor"),
                .product(name: "Fluent", package: "fluent"),
                .product(name: "SQLKit", package: "sql-kit"),
            ]),
        // The `enabledrm` command tree.
        .target(
            name: "DRMCLI",
            dependencies: [
                "DRMWeb",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "Vapor", package: "vapor"),
            ]),
        // The executable: bootstraps logging and runs the CLI.
        .executableTarget(name: "enabledrm", dependencies: ["DRMCLI"]),
        // Real test servers (PostgreSQL cluster, …) and builders shared by the test targets.
        .target(
            name: "DRMTestSupport",
            dependencies: [
                "DRMStore",
                .product(name: "SQLKit", package: "sql-kit"),
                .product(name: "WebSocketKit", package: "websocket-kit"),
            ]),

        .testTarget(name: "DRMCoreTests", dependencies: ["DRMCore"]),
        .testTarget(name: "DRMSchemaTests", dependencies: ["DRMSchema", "DRMTestSupport"]),
        .testTarget(
            name: "DRMStoreTests",
            dependencies: [
                "DRMStore", "DRMTestSupport",
                .product(name: "SQLKit", package: "sql-kit"),
            ]),
        .testTarget(name: "DRMEngineTests", dependencies: ["DRMEngine", "DRMTestSupport"]),
        .testTarget(
            name: "DRMWebTests",
            dependencies: [
                "DRMWeb", "DRMTestSupport",
                .product(name: "VaporTesting", package: "vapor"),
            ]),
        .testTarget(name: "DRMEndToEndTests", dependencies: ["enabledrm", "DRMTestSupport", "DRMCore"]),
    ],
    swiftLanguageModes: [.v6]
)
