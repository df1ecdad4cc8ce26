import Foundation

/// Temporary directories that disappear with the test process.
public enum TemporaryDirectory {
    /// Creates `<tmp>/<prefix>-<random>` and starts a detached watchdog that deletes it when this process ends,
    /// however it ends.
    public static func make(prefix: String) throws -> String {
        let path = FileManager.default.temporaryDirectory.path + "/\(prefix)-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        // Detached, with inherited descriptors closed (as PostgresCluster's watchdog): nobody reading a pipe to EOF
        // may wait for it.
        let watchdog = """
            for fd in $(ls /proc/$$/fd); do case $fd in 0|1|2) ;; *) eval "exec $fd>&-" ;; esac; done 2>/dev/null
            while kill -0 \(getpid()) 2>/dev/null; do sleep 1; done
            rm -rf '\(path)'
            """
        try Data(watchdog.utf8).write(to: URL(fileURLWithPath: path + "/.watchdog.sh"))
        try Shell.run("nohup /bin/bash '\(path)/.watchdog.sh' < /dev/null > /dev/null 2>&1 &")
        return path
    }
}
