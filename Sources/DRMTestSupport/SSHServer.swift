import Foundation

/// A real OpenSSH server (`/usr/sbin/sshd -D`) for one test run, with its own config, host key, pid file and
/// `authorized_keys` in a temporary directory, listening on one or more loopback addresses at one free port.
/// It logs in the system user ``username`` by password or by the keys of ``keys``. A watchdog shell stops it and
/// deletes the directory when the test process ends, however it ends; ``stop()`` stops it earlier.
public struct SSHServer: Sendable {
    /// The system user the tests log in as (created if missing; its password is set on every start).
    public static let username = "drmtest"
    /// That user's password.
    public static let password = "drm-Test-pw-4711"

    /// The addresses sshd listens on; `host` is the first.
    public let addresses: [String]
    public let port: Int
    public let directory: String
    /// Client keys: the ed25519, ECDSA and encrypted ones are authorized; the RSA and stranger ones are not.
    public let keys: SSHTestKeys
    /// The server's host key, `ssh-ed25519 AAAA…`.
    public let hostPublicKey: String

    public var host: String { addresses[0] }
    public var username: String { Self.username }
    public var password: String { Self.password }
    public var logPath: String { directory + "/sshd.log" }
    /// Everything sshd logged (useful in a failing test's message).
    public var log: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// Starts sshd on `addresses` (for fan-out tests: `127.0.1.1`, `127.0.1.2`, … all answer on the same port).
    ///
    /// The work (key generation, waiting until sshd listens) blocks for seconds on a loaded machine, so it runs on
    /// a thread of its own: blocking one of Swift concurrency's few threads would stall every other test.
    public static func start(addresses: [String] = ["127.0.0.1"]) async throws -> SSHServer {
        try await Blocking.run { try start(addresses: addresses) }
    }

    /// Starts sshd, blocking the calling thread until it listens (for synchronous set-up code).
    public static func start(addresses: [String] = ["127.0.0.1"]) throws -> SSHServer {
        precondition((1...16).contains(addresses.count), "sshd listens on 1 to 16 addresses (MAX_LISTEN_SOCKS)")
        try prepareUser()
        let directory = FileManager.default.temporaryDirectory.path + "/enabledrm-sshd-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try Shell.run("chmod 755 '\(directory)'")
        let keys = try SSHTestKeys.generate(in: directory + "/keys")
        try Shell.run("ssh-keygen -q -t ed25519 -N '' -C drm-test-host -f '\(directory)/host_ed25519'")
        let hostPublicKey = try String(contentsOfFile: directory + "/host_ed25519.pub", encoding: .utf8)
            .split(separator: " ").prefix(2).joined(separator: " ")
        let authorized = try [keys.ed25519, keys.ecdsa, keys.ecdsa384, keys.ecdsa521, keys.encrypted].map {
            try String(contentsOfFile: $0 + ".pub", encoding: .utf8)
        }.joined()
        try Data(authorized.utf8).write(to: URL(fileURLWithPath: directory + "/authorized_keys"))
        try Shell.run("chmod 644 '\(directory)/authorized_keys'")

        for attempt in 0..<3 {
            let port = try FreePort.find()
            try configuration(addresses: addresses, port: port, directory: directory)
                .write(toFile: directory + "/sshd_config", atomically: true, encoding: .utf8)
            let server = SSHServer(
                addresses: addresses, port: port, directory: directory, keys: keys, hostPublicKey: hostPublicKey)
            try server.launch()
            if server.waitUntilListening() { return server }
            server.stop(removing: false)
            if attempt == 2 { throw TestSupportError.serverDidNotStart("sshd", log: server.log) }
        }
        throw TestSupportError.serverDidNotStart("sshd", log: "")
    }

    /// The `drmtest` user with a known password. sshd runs with `UsePAM no`, which refuses a locked account.
    static func prepareUser() throws {
        try Shell.run(
            """
            mkdir -p /run/sshd && chmod 755 /run/sshd
            id \(username) >/dev/null 2>&1 || useradd -m -s /bin/sh \(username) 2>/dev/null || id \(username) >/dev/null
            echo '\(username):\(password)' | chpasswd
            """)
    }

    static func configuration(addresses: [String], port: Int, directory: String) -> String {
        """
        Port \(port)
        \(addresses.map { "ListenAddress \($0)" }.joined(separator: "\n"))
        HostKey \(directory)/host_ed25519
        PidFile \(directory)/sshd.pid
        AuthorizedKeysFile \(directory)/authorized_keys
        UsePAM no
        StrictModes no
        MaxStartups 1000
        MaxSessions 1000
        MaxAuthTries 6
        LoginGraceTime 30
        PasswordAuthentication yes
        KbdInteractiveAuthentication no
        PubkeyAuthentication yes
        PermitRootLogin no
        AllowUsers \(username)
        KexAlgorithms curve25519-sha256,curve25519-sha256@libssh.org,ecdh-sha2-nistp256
        PrintMotd no
        UseDNS no
        LogLevel VERBOSE

        """
    }

    func launch() throws {
        // The watchdog runs detached and closes the descriptors it inherited (as PostgresCluster's does); it stops
        // sshd when the test process is gone and then removes the directory.
        let watchdog = """
            for fd in $(ls /proc/$$/fd); do case $fd in 0|1|2) ;; *) eval "exec $fd>&-" ;; esac; done 2>/dev/null
            /usr/sbin/sshd -D -e -f '\(directory)/sshd_config' > '\(logPath)' 2>&1 &
            server=$!
            echo $server > '\(directory)/watched.pid'
            while kill -0 \(getpid()) 2>/dev/null && kill -0 $server 2>/dev/null; do sleep 0.5; done
            kill $server 2>/dev/null; wait $server
            [ -e '\(directory)/keep' ] || rm -rf '\(directory)'
            """
        try Data(watchdog.utf8).write(to: URL(fileURLWithPath: directory + "/watchdog.sh"))
        try Shell.run("nohup /bin/bash '\(directory)/watchdog.sh' < /dev/null > /dev/null 2>&1 &")
    }

    func waitUntilListening() -> Bool {
        // Up to 60 s (a loaded machine starts sshd slowly); this runs on a thread of its own (see `start`).
        for _ in 0..<600 {
            // sshd binds its addresses one by one: wait until every one answers.
            if log.contains("Bind to port") { return false }
            if log.contains("Server listening on"), addresses.allSatisfy({ TCPCheck.accepts(host: $0, port: port) }) {
                return true
            }
            Thread.sleep(forTimeInterval: 0.1)
        }
        return false
    }

    /// Stops sshd (the watchdog then removes the directory).
    public func stop() { stop(removing: true) }

    func stop(removing: Bool) {
        if !removing { _ = FileManager.default.createFile(atPath: directory + "/keep", contents: nil) }
        if let pid = try? String(contentsOfFile: directory + "/watched.pid", encoding: .utf8)
            .trimmingCharacters(in: .whitespacesAndNewlines), let pid = Int32(pid)
        {
            kill(pid, SIGTERM)
        }
    }
}
