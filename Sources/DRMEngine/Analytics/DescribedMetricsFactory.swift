import CoreMetrics
import Prometheus

/// A swift-metrics factory over one Prometheus registry that gives each family the help text and buckets of
/// ``MetricsCatalog`` (swift-prometheus' own factory registers every family without help, which `promtool check
/// metrics` reports). It is never bootstrapped globally: each environment has its own registry, so two
/// environments in one process (the tests) count apart.
struct DescribedMetricsFactory: MetricsFactory {
    let registry: PrometheusCollectorRegistry

    func descriptor(_ label: String) -> MetricNameDescriptor {
        let help = MetricsCatalog.families[label]?.help ?? label
        return MetricNameDescriptor(metricName: label, unitName: "", helpText: help)
    }

    func makeCounter(label: String, dimensions: [(String, String)]) -> any CounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeFloatingPointCounter(label: String, dimensions: [(String, String)]) -> any FloatingPointCounterHandler {
        registry.makeCounter(descriptor: descriptor(label), labels: dimensions)
    }

    func makeMeter(label: String, dimensions: [(String, String)]) -> any MeterHandler {
        registry.makeGauge(descriptor: descriptor(label), labels: dimensions)
    }

    func makeRecorder(label: String, dimensions: [(String, String)], aggregate: Bool) -> any RecorderHandler {
        guard aggregate else { return registry.makeGauge(descriptor: descriptor(label), labels: dimensions) }
        let buckets = MetricsCatalog.families[label]?.buckets ?? MetricsCatalog.fastBuckets
        return registry.makeValueHistogram(descriptor: descriptor(label), labels: dimensions, buckets: buckets)
    }

    func makeTimer(label: String, dimensions: [(String, String)]) -> any TimerHandler {
        let seconds = MetricsCatalog.families[label]?.buckets ?? MetricsCatalog.fastBuckets
        return registry.makeDurationHistogram(
            descriptor: descriptor(label), labels: dimensions,
            buckets: seconds.map { Duration.nanoseconds(Int64(($0 * 1e9).rounded())) })
    }

    // Instruments of the catalogue live as long as the process: nothing is ever unregistered.
    func destroyCounter(_ handler: any CounterHandler) {}
    func destroyFloatingPointCounter(_ handler: any FloatingPointCounterHandler) {}
    func destroyMeter(_ handler: any MeterHandler) {}
    func destroyRecorder(_ handler: any RecorderHandler) {}
    func destroyTimer(_ handler: any TimerHandler) {}
}
