import ArgumentParser
import DRMCore
import Foundation

/// Where `serve` listens.
struct ListenOptions: ParsableArguments {
    @Option(help: "Address to listen on (default 127.0.0.1).")
    var host: String?

    @Option(help: "Port to listen on (default 8080).")
    var port: String?

    var flags: [AppConfig.Key: String] {
        var flags: [AppConfig.Key: String] = [:]
        flags[.host] = host
        flags[.port] = port
        return flags
    }
}
