import DRMCore
import Testing

/// Issue 18: the `metrics_access` setting and who it lets in without a token.
@Suite struct MetricsAccessConfigTests {
    @Test func loopbackIsTheDefaultAndAdmitsOnlyLoopbackClients() throws {
        let config = try AppConfig.load(workingDirectory: "/tmp")
        #expect(config.metricsAccess == .loopback)
        for address in ["127.0.0.1", "127.9.8.7", "::1", "::ffff:127.0.0.1"] {
            #expect(MetricsAccess.loopback.admitsWithoutToken(clientAddress: address), "\(address)")
        }
        for address in ["10.0.0.1", "128.0.0.1", "::2", "unknown", ""] {
            #expect(!MetricsAccess.loopback.admitsWithoutToken(clientAddress: address), "\(address)")
        }
        #expect(!MetricsAccess.token.admitsWithoutToken(clientAddress: "127.0.0.1"))
        #expect(!MetricsAccess.off.admitsWithoutToken(clientAddress: "127.0.0.1"))
    }

    @Test func aBadValueNamesTheKey() throws {
        let error = #expect(throws: ConfigError.self) {
            try AppConfig.load(environment: ["ENABLEDRM_METRICS_ACCESS": "everyone"], workingDirectory: "/tmp")
        }
        #expect("\(error.map { String(describing: $0) } ?? "")".contains("metrics_access"))
        #expect(
            try AppConfig.load(environment: ["ENABLEDRM_METRICS_ACCESS": "TOKEN"], workingDirectory: "/tmp")
                .metricsAccess == .token)
    }
}
