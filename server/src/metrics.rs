//! Prometheus metrics of the service, and the HTTP endpoint that serves them (`/metrics`).
//!
//! | metric | labels | what |
//! |---|---|---|
//! | `palisade_requests_total` | method, code | finished RPCs (stream items count as `InspectStream.item`) |
//! | `palisade_request_duration_seconds` | method | RPC latency, receipt to reply |
//! | `palisade_stage_duration_seconds` | tier | `cache` (a lookup on an I/O thread), `detectors`, `first_tier`, `second_tier` (per batch) |
//! | `palisade_cache_lookups_total` | result | `hit` / `miss` of the I/O threads' lookups |
//! | `palisade_cache_entries`, `palisade_cache_bytes` | | verdicts held by the caches |
//! | `palisade_verdicts_total` | action | verdicts returned, by action |
//! | `palisade_queue_depth` | | jobs waiting for an inference thread |
//! | `palisade_queue_rejected_total` | | requests refused with RESOURCE_EXHAUSTED |
//! | `palisade_abandoned_total` | reason | queued jobs dropped: `deadline` passed, client `cancelled` |
//! | `palisade_batch_items`, `palisade_batch_jobs` | | subjects and requests per inference batch |
//! | `palisade_in_flight` | | RPCs being served |
//! | `palisade_ready` | | 1 once the engines are loaded and warm, 0 while loading or draining |

use palisade_engine::{Observer, Stage};
use prometheus_client::encoding::EncodeLabelSet;
use prometheus_client::metrics::counter::Counter;
use prometheus_client::metrics::family::Family;
use prometheus_client::metrics::gauge::Gauge;
use prometheus_client::metrics::histogram::{exponential_buckets, Histogram};
use prometheus_client::registry::Registry;
use std::sync::Arc;
use std::time::Duration;

/// `method`, `code`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct RequestLabels {
    /// RPC method name.
    pub method: &'static str,
    /// gRPC status code name.
    pub code: &'static str,
}

/// `method`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct MethodLabel {
    /// RPC method name.
    pub method: &'static str,
}

/// `tier`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct TierLabel {
    /// cache, detectors, first_tier or second_tier.
    pub tier: &'static str,
}

/// `result`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ResultLabel {
    /// hit or miss.
    pub result: &'static str,
}

/// `action`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ActionLabel {
    /// allow, warn, sanitize, block.
    pub action: &'static str,
}

/// `reason`.
#[derive(Clone, Debug, Hash, PartialEq, Eq, EncodeLabelSet)]
pub struct ReasonLabel {
    /// deadline or cancelled.
    pub reason: &'static str,
}

type Hist = fn() -> Histogram;

fn latency() -> Histogram {
    // 20 µs … ~0.66 s.
    Histogram::new(exponential_buckets(0.000_02, 2.0, 16))
}

/// Every metric of the service.
pub struct Metrics {
    registry: Registry,
    /// Finished RPCs.
    pub requests: Family<RequestLabels, Counter>,
    /// RPC latency.
    pub request_seconds: Family<MethodLabel, Histogram, Hist>,
    /// Stage latency.
    pub stage_seconds: Family<TierLabel, Histogram, Hist>,
    /// Cache lookups on the I/O threads.
    pub cache_lookups: Family<ResultLabel, Counter>,
    /// Cached verdicts held.
    pub cache_entries: Gauge,
    /// Bytes of cached verdicts held.
    pub cache_bytes: Gauge,
    /// Verdicts by action.
    pub verdicts: Family<ActionLabel, Counter>,
    /// Queue depth.
    pub queue_depth: Gauge,
    /// Requests refused because the queue was full.
    pub rejected: Counter,
    /// Queued jobs dropped.
    pub abandoned: Family<ReasonLabel, Counter>,
    /// Subjects per batch.
    pub batch_items: Histogram,
    /// Requests per batch.
    pub batch_jobs: Histogram,
    /// RPCs being served.
    pub in_flight: Gauge,
    /// 1 when serving.
    pub ready: Gauge,
}

impl std::fmt::Debug for Metrics {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Metrics").finish_non_exhaustive()
    }
}

impl Default for Metrics {
    fn default() -> Self {
        Metrics::new()
    }
}

impl Metrics {
    /// A fresh registry with every metric registered.
    pub fn new() -> Metrics {
        let mut registry = Registry::with_prefix("palisade");
        let m = Metrics {
            registry: Registry::default(),
            requests: Family::default(),
            request_seconds: Family::new_with_constructor(latency as Hist),
            stage_seconds: Family::new_with_constructor(latency as Hist),
            cache_lookups: Family::default(),
            cache_entries: Gauge::default(),
            cache_bytes: Gauge::default(),
            verdicts: Family::default(),
            queue_depth: Gauge::default(),
            rejected: Counter::default(),
            abandoned: Family::default(),
            batch_items: Histogram::new(exponential_buckets(1.0, 2.0, 10)),
            batch_jobs: Histogram::new(exponential_buckets(1.0, 2.0, 10)),
            in_flight: Gauge::default(),
            ready: Gauge::default(),
        };
        registry.register("requests", "Finished RPCs by method and status code", m.requests.clone());
        registry.register("request_duration_seconds", "RPC latency by method", m.request_seconds.clone());
        registry.register("stage_duration_seconds", "Inspection stage latency by tier (cache lookups per subject; engine stages per batch)", m.stage_seconds.clone());
        registry.register("cache_lookups", "Verdict cache lookups on the I/O threads", m.cache_lookups.clone());
        registry.register("cache_entries", "Verdicts held by the caches", m.cache_entries.clone());
        registry.register("cache_bytes", "Approximate bytes held by the caches", m.cache_bytes.clone());
        registry.register("verdicts", "Verdicts returned, by action", m.verdicts.clone());
        registry.register("queue_depth", "Jobs waiting for an inference thread", m.queue_depth.clone());
        registry.register("queue_rejected", "Requests refused with RESOURCE_EXHAUSTED (queue full)", m.rejected.clone());
        registry.register("abandoned", "Queued jobs dropped before inference (deadline passed, client cancelled)", m.abandoned.clone());
        registry.register("batch_items", "Subjects per inference batch", m.batch_items.clone());
        registry.register("batch_jobs", "Requests per inference batch", m.batch_jobs.clone());
        registry.register("in_flight", "RPCs being served", m.in_flight.clone());
        registry.register("ready", "1 when the engines are loaded and warm and the server is not draining", m.ready.clone());
        Metrics { registry, ..m }
    }

    /// The metrics in the Prometheus text exposition format.
    pub fn encode(&self) -> String {
        let mut out = String::new();
        // Writing to a String cannot fail.
        let _ = prometheus_client::encoding::text::encode(&mut out, &self.registry);
        out
    }

    /// Records one finished RPC.
    pub fn request(&self, method: &'static str, code: tonic::Code, elapsed: Duration) {
        self.requests.get_or_create(&RequestLabels { method, code: crate::error::code_name(code) }).inc();
        self.request_seconds.get_or_create(&MethodLabel { method }).observe(elapsed.as_secs_f64());
    }
}

impl Observer for Metrics {
    fn stage(&self, stage: Stage, elapsed: Duration, _subjects: usize, _strings: usize) {
        self.stage_seconds.get_or_create(&TierLabel { tier: stage.as_str() }).observe(elapsed.as_secs_f64());
    }
}

/// Serves `GET /metrics` on a listener until `shutdown` resolves; `refresh` runs before each
/// scrape (to copy gauges such as the cache sizes).
pub async fn serve_metrics<F>(listener: tokio::net::TcpListener, metrics: Arc<Metrics>, refresh: Arc<dyn Fn() + Send + Sync>, shutdown: F) -> crate::Result<()>
where
    F: std::future::Future<Output = ()> + Send,
{
    use http_body_util::Full;
    use hyper::body::Bytes;
    use hyper::{Response, StatusCode};
    tokio::pin!(shutdown);
    loop {
        let (stream, _) = tokio::select! {
            r = listener.accept() => r?,
            () = &mut shutdown => return Ok(()),
        };
        let metrics = metrics.clone();
        let refresh = refresh.clone();
        tokio::spawn(async move {
            let svc = hyper::service::service_fn(move |req: hyper::Request<hyper::body::Incoming>| {
                let metrics = metrics.clone();
                let refresh = refresh.clone();
                async move {
                    let resp = if req.uri().path() == "/metrics" {
                        refresh();
                        Response::builder()
                            .header("content-type", "application/openmetrics-text; version=1.0.0; charset=utf-8")
                            .body(Full::new(Bytes::from(metrics.encode())))
                    } else {
                        Response::builder().status(StatusCode::NOT_FOUND).body(Full::new(Bytes::from_static(b"metrics are at /metrics\n")))
                    };
                    resp
                }
            });
            let io = hyper_util::rt::TokioIo::new(stream);
            let _ = hyper::server::conn::http1::Builder::new().serve_connection(io, svc).await;
        });
    }
}
