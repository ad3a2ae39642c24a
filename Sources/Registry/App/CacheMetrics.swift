import CoreMetrics
import Metrics

/// The response cache's hits, misses and evictions as they happen, and what it keeps.
struct CacheMetrics: Sendable {
    let hits: Counter
    let misses: Counter
    let evictions: Counter
    let bytes: Meter
    let entries: Meter

    init(factory: any MetricsFactory) {
        hits = Counter(label: "csc_registry_response_cache_hits_total", factory: factory)
        misses = Counter(label: "csc_registry_response_cache_misses_total", factory: factory)
        evictions = Counter(label: "csc_registry_response_cache_evictions_total", factory: factory)
        bytes = Meter(label: "csc_registry_response_cache_bytes", factory: factory)
        entries = Meter(label: "csc_registry_response_cache_entries", factory: factory)
    }
}
