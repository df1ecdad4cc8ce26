public import Foundation

#if canImport(FoundationNetworking)
    import FoundationNetworking
#endif

/// A real Prometheus server (Debian's `prometheus`) on loopback that scrapes one target every second, for tests
/// that read series back through its HTTP API. Stop it with ``stop()``.
public final class PrometheusServer: @unchecked Sendable {
    let process: Process
    let directory: String
    public let port: Int

    init(process: Process, directory: String, port: Int) {
        self.process = process
        self.directory = directory
        self.port = port
    }

    /// Whether the server is installed (`scripts/test` installs it).
    public static var isInstalled: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    static let binary = "/usr/bin/prometheus"

    /// Starts Prometheus scraping `http://target/metrics` (`host:port`) every second, with `bearerToken` if given,
    /// and waits until it is ready.
    public static func start(scraping target: String, bearerToken: String? = nil) async throws -> PrometheusServer {
        let directory = FileManager.default.temporaryDirectory.path + "/prometheus-\(UUID().uuidString.prefix(8))"
        try FileManager.default.createDirectory(atPath: directory + "/data", withIntermediateDirectories: true)
        let authorization = bearerToken.map { "\n    authorization:\n      credentials: \"\($0)\"" } ?? ""
        try """
        global:
          scrape_interval: 1s
          scrape_timeout: 1s
        scrape_configs:
          - job_name: enabledrm
            metrics_path: /metrics\(authorization)
            static_configs:
              - targets: ["\(target)"]
        """.write(toFile: directory + "/prometheus.yml", atomically: true, encoding: .utf8)
        var lastLog = ""
        for _ in 0..<3 {
            let port = try FreePort.find()
            let process = Process()
            process.executableURL = URL(fileURLWithPath: binary)
            process.arguments = [
                "--config.file=\(directory)/prometheus.yml", "--storage.tsdb.path=\(directory)/data",
                "--web.listen-address=127.0.0.1:\(port)", "--log.level=warn",
            ]
            let log = directory + "/prometheus-\(port).log"
            _ = FileManager.default.createFile(atPath: log, contents: nil)
            let output = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
            process.standardOutput = output
            process.standardError = output
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let server = PrometheusServer(process: process, directory: directory, port: port)
            let ready = try await waitUntil(every: .milliseconds(250)) {
                guard process.isRunning else { return true }
                return (try? await server.get("/-/ready").0) == 200
            }
            if ready, process.isRunning { return server }
            lastLog = (try? String(contentsOfFile: log, encoding: .utf8)) ?? ""
            server.terminate()
        }
        throw TestSupportError.serverDidNotStart("prometheus", log: lastLog)
    }

    /// `GET path` on the server's HTTP API: status and body.
    public func get(_ path: String) async throws -> (Int, String) {
        var request = URLRequest(url: URL(string: "http://127.0.0.1:\(port)\(path)")!)
        request.timeoutInterval = 30
        let (data, response) = try await URLSession.shared.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    /// The values of an instant PromQL query, one per series, keyed by the series' labels as `k=v,…` (sorted).
    public func query(_ promQL: String) async throws -> [String: Double] {
        var allowed = CharacterSet.urlQueryAllowed
        allowed.remove(charactersIn: "+&=")
        let encoded = promQL.addingPercentEncoding(withAllowedCharacters: allowed) ?? promQL
        let (status, body) = try await get("/api/v1/query?query=\(encoded)")
        guard status == 200 else { throw TestSupportError.commandFailed("query \(promQL)", status: 1, output: body) }
        struct Answer: Decodable {
            struct Data: Decodable {
                struct Series: Decodable {
                    var metric: [String: String]
                    var value: [Value]
                }
                var result: [Series]
            }
            enum Value: Decodable {
                case time(Double), text(String)
                init(from decoder: any Decoder) throws {
                    let container = try decoder.singleValueContainer()
                    if let time = try? container.decode(Double.self) {
                        self = .time(time)
                    } else {
                        self = .text(try container.decode(String.self))
                    }
                }
            }
            var data: Data
        }
        let answer = try JSONDecoder().decode(Answer.self, from: Data(body.utf8))
        var values: [String: Double] = [:]
        for series in answer.data.result {
            let key = series.metric.filter { $0.key != "__name__" && $0.key != "instance" && $0.key != "job" }
                .sorted { $0.key < $1.key }.map { "\($0.key)=\($0.value)" }.joined(separator: ",")
            if case .text(let text)? = series.value.last, let value = Double(text) { values[key] = value }
        }
        return values
    }

    /// Stops the server and removes its data.
    public func stop() {
        terminate()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func terminate() {
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
