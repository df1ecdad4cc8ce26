public import DRMCore
import DRMSchema
import DRMStore
import Foundation
import SQLKit

/// A throwaway PostgreSQL cluster for one test run: `initdb` into a temporary directory, `postgres` on a free
/// loopback port with password authentication. A watchdog shell stops the server and deletes the directory when
/// the test process ends, however it ends.
public struct PostgresCluster: Sendable {
    public let port: Int
    public let password: String
    public let directory: String

    static let binaries = "/usr/lib/postgresql/15/bin"

    /// The cluster of this test process, started on first use.
    public static func shared() async throws -> PostgresCluster {
        try await SharedCluster.instance.cluster()
    }

    /// The URL of `database` on this cluster, as the superuser.
    public func url(database: String, password: String? = nil) -> DatabaseURL {
        .postgres(
            .init(
                host: "127.0.0.1", port: port, username: "postgres", password: password ?? self.password,
                database: database))
    }

    /// Runs statements on the `postgres` maintenance database (CREATE DATABASE and the like).
    public func administer(_ statements: [String]) async throws {
        let handle = try DatabaseHandle(url: url(database: "postgres"))
        do {
            for statement in statements { try await handle.sql.raw(SQLQueryString(statement)).run() }
        } catch {
            await handle.shutdown()
            throw error
        }
        await handle.shutdown()
    }

    static func start() throws -> PostgresCluster {
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-pg-\(UUID().uuidString.prefix(8))"
        let data = directory + "/data"
        let password = "test-\(UUID().uuidString)"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Data(password.utf8).write(to: URL(fileURLWithPath: directory + "/pwfile"))
        // initdb and postgres refuse to run as root: the directory belongs to the postgres user.
        try Shell.run("chown -R postgres:postgres '\(directory)' && chmod 700 '\(directory)'")
        try Shell.run(
            "runuser -u postgres -- \(binaries)/initdb -D '\(data)' -U postgres --pwfile='\(directory)/pwfile' "
                + "--auth-local=trust --auth-host=scram-sha-256 -E UTF8 --no-sync > '\(directory)/initdb.log' 2>&1"
        )
        let port = try FreePort.find()
        let options =
            "-p \(port) -k '\(directory)' -c listen_addresses=127.0.0.1 -c fsync=off -c synchronous_commit=off "
            + "-c full_page_writes=off -c max_connections=200"
        // The watchdog runs detached (its shell exits at once, so Foundation never waits on it) and closes the
        // descriptors it inherited: a test reading another process's output until EOF must not wait for it.
        // It stops the server with pg_ctl, as runuser doesn't pass signals on.
        let watchdog = """
            for fd in $(ls /proc/$$/fd); do case $fd in 0|1|2) ;; *) eval "exec $fd>&-" ;; esac; done 2>/dev/null
            runuser -u postgres -- \(binaries)/postgres -D '\(data)' \(options) > '\(directory)/postgres.log' 2>&1 &
            server=$!
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.5; done
            runuser -u postgres -- \(binaries)/pg_ctl -D '\(data)' -m fast stop > /dev/null 2>&1
            wait $server; rm -rf '\(directory)'
            """
        try Data(watchdog.utf8).write(to: URL(fileURLWithPath: directory + "/watchdog.sh"))
        try Shell.run("nohup /bin/bash '\(directory)/watchdog.sh' < /dev/null > /dev/null 2>&1 &")
        for _ in 0..<480 {  // up to 2 min on a loaded machine (this runs on a thread of its own)
            if (try? Shell.run("\(binaries)/pg_isready -q -h 127.0.0.1 -p \(port)")) != nil {
                return PostgresCluster(port: port, password: password, directory: directory)
            }
            Thread.sleep(forTimeInterval: 0.25)
        }
        let log = (try? String(contentsOfFile: directory + "/postgres.log", encoding: .utf8)) ?? ""
        throw TestSupportError.serverDidNotStart("postgres", log: log)
    }
}

/// Starts the shared cluster once, whatever number of tests ask for it at the same time.
actor SharedCluster {
    static let instance = SharedCluster()
    private var started: Task<PostgresCluster, any Error>?
    private var template: Task<String, any Error>?

    /// A database migrated to head, to copy with `CREATE DATABASE … TEMPLATE`. Nothing connects to it afterwards.
    func migratedTemplate() async throws -> String {
        if let template { return try await template.value }
        let task = Task {
            let cluster = try await cluster()
            let name = "drm_template_head"
            try await cluster.administer(["CREATE DATABASE \(name)"])
            let handle = try DatabaseHandle(url: cluster.url(database: name))
            do {
                try await Migrator(database: handle.sql).upgrade()
            } catch {
                await handle.shutdown()
                throw error
            }
            await handle.shutdown()
            return name
        }
        template = task
        return try await task.value
    }

    func cluster() async throws -> PostgresCluster {
        if let started { return try await started.value }
        let task = Task { try await Blocking.run { try PostgresCluster.start() } }
        started = task
        return try await task.value
    }
}
