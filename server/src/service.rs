//! The `palisade.v1.Palisade` service.

use crate::convert::{self, Parsed};
use crate::error::{Error, Result};
use crate::metrics::{ActionLabel, Metrics, ResultLabel, TierLabel};
use crate::proto::{self, palisade_server::Palisade};
use crate::scheduler::Scheduler;
use crate::server::Engines;
use palisade_engine::transform::{Delimiter, Transformer};
use palisade_engine::{Engine, Subject, Verdict};
use std::pin::Pin;
use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};
use tokio::sync::{mpsc, watch, Semaphore};
use tokio_stream::wrappers::ReceiverStream;
use tonic::{Request, Response, Status, Streaming};

/// What every request shares: the engines (once loaded), the inference threads, the metrics.
pub(crate) struct State {
    pub engines: OnceLock<Engines>,
    pub scheduler: Scheduler,
    pub metrics: Arc<Metrics>,
    pub draining: watch::Receiver<bool>,
    pub max_stream_in_flight: usize,
}

/// The service implementation (cheap to clone: it holds the shared state).
#[derive(Clone)]
pub struct PalisadeService {
    state: Arc<State>,
}

impl std::fmt::Debug for PalisadeService {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PalisadeService").field("scheduler", &self.state.scheduler).finish()
    }
}

/// Reads `grpc-timeout` (e.g. `250m`, `2S`): the caller's deadline.
fn grpc_timeout(meta: &tonic::metadata::MetadataMap) -> Option<Duration> {
    let v = meta.get("grpc-timeout")?.to_str().ok()?;
    let (digits, unit) = v.split_at(v.len().checked_sub(1)?);
    let n: u64 = digits.parse().ok()?;
    Some(match unit {
        "H" => Duration::from_secs(n.saturating_mul(3600)),
        "M" => Duration::from_secs(n.saturating_mul(60)),
        "S" => Duration::from_secs(n),
        "m" => Duration::from_millis(n),
        "u" => Duration::from_micros(n),
        "n" => Duration::from_nanos(n),
        _ => return None,
    })
}

/// The instant by which to answer: a little before the caller's deadline (a tenth of it, at
/// most 20 ms), so that the caller gets our DEADLINE_EXCEEDED, sent while it still listens,
/// rather than its own transport's timeout, and no work runs for an answer nobody will read.
fn deadline_of(meta: &tonic::metadata::MetadataMap, received: Instant) -> Option<Instant> {
    let t = grpc_timeout(meta)?;
    let margin = (t / 10).min(Duration::from_millis(20));
    Some(received + t.saturating_sub(margin))
}

/// Decrements the in-flight gauge when a request ends.
struct InFlight(Arc<Metrics>);

impl InFlight {
    fn new(m: &Arc<Metrics>) -> InFlight {
        m.in_flight.inc();
        InFlight(m.clone())
    }
}

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.dec();
    }
}

fn record<T>(m: &Metrics, method: &'static str, started: Instant, r: &std::result::Result<T, Status>) {
    let code = r.as_ref().map_or_else(Status::code, |_| tonic::Code::Ok);
    m.request(method, code, started.elapsed());
    if let Err(s) = r {
        tracing::debug!(method, code = crate::error::code_name(code), elapsed_us = started.elapsed().as_micros() as u64, message = s.message(), "request failed");
    } else {
        tracing::trace!(method, elapsed_us = started.elapsed().as_micros() as u64, "request");
    }
}

impl PalisadeService {
    pub(crate) fn new(state: Arc<State>) -> PalisadeService {
        PalisadeService { state }
    }

    fn engines(&self) -> Result<&Engines> {
        self.state.engines.get().ok_or_else(|| Error::Unavailable("warming up: the models are still loading".to_owned()))
    }

    fn engine(&self, policy: &str) -> Result<Arc<Engine>> {
        self.engines()?.get(policy).cloned()
    }

    /// Verdicts of a parsed item: cache hits here, the rest through the inference threads.
    async fn judge(&self, engine: &Arc<Engine>, parsed: &Parsed, deadline: Option<Instant>) -> Result<Vec<Arc<Verdict>>> {
        let m = &self.state.metrics;
        let t0 = Instant::now();
        let mut out: Vec<Option<Arc<Verdict>>> = parsed.units.iter().map(|u| engine.cached(&u.subject, &u.context)).collect();
        let hits = out.iter().filter(|v| v.is_some()).count();
        m.stage_seconds.get_or_create(&TierLabel { tier: "cache" }).observe(t0.elapsed().as_secs_f64());
        m.cache_lookups.get_or_create(&ResultLabel { result: "hit" }).inc_by(hits as u64);
        let misses: Vec<usize> = out.iter().enumerate().filter(|(_, v)| v.is_none()).map(|(i, _)| i).collect();
        m.cache_lookups.get_or_create(&ResultLabel { result: "miss" }).inc_by(misses.len() as u64);
        if !misses.is_empty() {
            let items = misses.iter().filter_map(|&i| parsed.units.get(i)).map(|u| (u.subject.clone(), u.context.clone())).collect();
            let tokens = parsed.tokens * misses.len() / parsed.units.len().max(1) + 1;
            let fresh = self.state.scheduler.inspect(engine.clone(), items, tokens, deadline).await?;
            for (i, v) in misses.into_iter().zip(fresh) {
                if let Some(slot) = out.get_mut(i) {
                    *slot = Some(v);
                }
            }
        }
        let verdicts: Vec<Arc<Verdict>> = out.into_iter().flatten().collect();
        if verdicts.len() != parsed.units.len() {
            return Err(Error::Internal("verdicts lost".to_owned()));
        }
        for v in &verdicts {
            m.verdicts.get_or_create(&ActionLabel { action: v.action.as_str() }).inc();
        }
        Ok(verdicts)
    }

    /// One item, start to finish, by the earlier of the call's deadline and the item's own
    /// `timeout_ms`.
    async fn inspect_one(&self, req: &proto::InspectRequest, deadline: Option<Instant>) -> Result<proto::InspectResponse> {
        let own = (req.timeout_ms > 0).then(|| Instant::now() + Duration::from_millis(u64::from(req.timeout_ms)));
        let deadline = match (deadline, own) {
            (Some(a), Some(b)) => Some(a.min(b)),
            (a, b) => a.or(b),
        };
        let engine = self.engine(&req.policy)?;
        let parsed = convert::parse(req)?;
        let verdicts = self.judge(&engine, &parsed, deadline).await?;
        Ok(convert::response(&req.id, &parsed.units, &verdicts))
    }

    /// One unary RPC: the in-flight gauge, the caller's deadline, the request metrics and the
    /// log line around `work`, whose error maps to a status once.
    async fn unary<T, Fut>(&self, method: &'static str, meta: &tonic::metadata::MetadataMap, work: impl FnOnce(Option<Instant>) -> Fut) -> std::result::Result<Response<T>, Status>
    where
        Fut: std::future::Future<Output = Result<T>>,
    {
        let started = Instant::now();
        let _g = InFlight::new(&self.state.metrics);
        let r = work(deadline_of(meta, started)).await.map(Response::new).map_err(Status::from);
        record(&self.state.metrics, method, started, &r);
        r
    }

    /// Many items at once, responses in order; an item that fails gets its error in place.
    async fn inspect_many(&self, items: Vec<proto::InspectRequest>, deadline: Option<Instant>) -> Result<proto::InspectBatchResponse> {
        // Items run concurrently, their misses meeting in the queue to be batched together; a
        // batch holds at most `max_stream_in_flight` queue slots at a time, so that one large
        // batch waits its turn instead of filling the queue (RESOURCE_EXHAUSTED for everyone).
        let slots = Arc::new(Semaphore::new(self.state.max_stream_in_flight.max(1)));
        let mut set = tokio::task::JoinSet::new();
        for (i, item) in items.into_iter().enumerate() {
            let svc = self.clone();
            let slots = slots.clone();
            set.spawn(async move {
                let _slot = slots.acquire_owned().await;
                let r = svc.inspect_one(&item, deadline).await;
                (i, r.unwrap_or_else(|e| convert::error_response(&item.id, &e)))
            });
        }
        let mut responses = vec![proto::InspectResponse::default(); set.len()];
        while let Some(done) = set.join_next().await {
            let (i, resp) = done.map_err(|e| Error::Internal(e.to_string()))?;
            if let Some(slot) = responses.get_mut(i) {
                *slot = resp;
            }
        }
        Ok(proto::InspectBatchResponse { responses })
    }

    async fn transform_one(&self, req: proto::TransformRequest, deadline: Option<Instant>) -> Result<proto::TransformResponse> {
        use proto::TransformMode;
        let item = req.item.ok_or_else(|| Error::InvalidArgument("Transform: `item` is required".to_owned()))?;
        let engine = self.engine(&item.policy)?;
        let parsed = convert::parse(&item)?;
        let mode = TransformMode::try_from(req.mode).map_err(|_| Error::InvalidArgument(format!("unknown transform mode {}", req.mode)))?;
        let [unit] = parsed.units.as_slice() else {
            return Err(Error::InvalidArgument(format!("Transform takes one subject; this item holds {}: send them one by one", parsed.units.len())));
        };
        let mut out = proto::TransformResponse { id: item.id.clone(), ..Default::default() };
        let text = match &unit.subject {
            Subject::Text { text, .. } => Some(text.as_str()),
            _ => None,
        };
        if mode != TransformMode::Policy && text.is_none() {
            return Err(Error::InvalidArgument(format!("transform mode {} applies to text items only (use TRANSFORM_MODE_POLICY for JSON)", mode.as_str_name())));
        }
        let plan = engine.policy().transform_plan(unit.subject.surface(), palisade_engine::Action::Sanitize);
        // The spotlighting modes need no verdict: they change all of the text, invertibly.
        let spotlight = match mode {
            TransformMode::Delimit => Some((Transformer::Delimit(Delimiter::random()), "delimit")),
            TransformMode::Datamark => Some((Transformer::Datamark(*plan.datamarker()), "datamark")),
            TransformMode::Encode => Some((Transformer::Encode(*plan.encoder()), "encode")),
            TransformMode::Policy | TransformMode::Sanitize => None,
        };
        if let (Some((t, step)), Some(text)) = (spotlight, text) {
            let r = t.transform(text);
            out.text = r.text;
            out.instruction = r.instruction;
            out.instruction_ko = r.instruction_ko;
            out.steps = vec![step.to_owned()];
            return Ok(out);
        }
        let verdicts = self.judge(&engine, &parsed, deadline).await?;
        let verdict = verdicts.first().ok_or_else(|| Error::Internal("verdict lost".to_owned()))?;
        out.verdict = Some(convert::verdict(verdict));
        if mode == TransformMode::Sanitize {
            let t = text.unwrap_or_default();
            let findings: Vec<_> = verdict.findings.iter().filter(|f| f.pointer.is_empty()).cloned().collect();
            let r = plan.sanitizer().sanitize(t, &findings);
            out.steps = vec!["sanitize".to_owned()];
            out.changes = changes(&r.changes);
            out.text = r.text;
            return Ok(out);
        }
        if verdict.action == palisade_engine::Action::Block {
            out.blocked = true;
            return Ok(out);
        }
        if let Some(t) = text {
            if let Some(r) = engine.protect(t, verdict) {
                out.steps = engine.policy().transform_plan(verdict.surface, verdict.action).steps().iter().map(|s| s.as_str().to_owned()).collect();
                out.changes = changes(&r.changes);
                out.text = r.text;
                out.instruction = r.instruction;
                out.instruction_ko = r.instruction_ko;
            }
        } else if let Some(p) = engine.protect_subject(&unit.subject, verdict) {
            let value = match &p.subject {
                Subject::Tool { tool } => tool,
                Subject::ToolResult { result } => result,
                Subject::ToolCall { arguments, .. } => arguments,
                Subject::Text { .. } => return Err(Error::Internal("a JSON subject came back as text".to_owned())),
            };
            out.json = serde_json::to_vec(value).map_err(|e| Error::Internal(e.to_string()))?;
            out.steps = p.steps.iter().map(|s| s.as_str().to_owned()).collect();
            out.instruction = p.instruction;
        }
        Ok(out)
    }
}

fn changes(c: &[palisade_engine::transform::Change]) -> Vec<proto::Change> {
    c.iter()
        .map(|c| proto::Change {
            kind: serde_json::to_value(c.kind).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default(),
            span: Some(proto::Span { start: c.span.start, end: c.span.end }),
            detail: c.detail.clone(),
            original: c.original.clone(),
            replacement: c.replacement.clone(),
        })
        .collect()
}

type ResponseStream = Pin<Box<dyn tokio_stream::Stream<Item = std::result::Result<proto::InspectResponse, Status>> + Send>>;

#[tonic::async_trait]
impl Palisade for PalisadeService {
    async fn inspect(&self, req: Request<proto::InspectRequest>) -> std::result::Result<Response<proto::InspectResponse>, Status> {
        let (meta, _, item) = req.into_parts();
        self.unary("Inspect", &meta, |deadline| async move { self.inspect_one(&item, deadline).await }).await
    }

    async fn inspect_batch(&self, req: Request<proto::InspectBatchRequest>) -> std::result::Result<Response<proto::InspectBatchResponse>, Status> {
        let (meta, _, batch) = req.into_parts();
        self.unary("InspectBatch", &meta, |deadline| self.inspect_many(batch.items, deadline)).await
    }

    type InspectStreamStream = ResponseStream;

    async fn inspect_stream(&self, req: Request<Streaming<proto::InspectRequest>>) -> std::result::Result<Response<ResponseStream>, Status> {
        let deadline = deadline_of(req.metadata(), Instant::now());
        self.engines().map_err(Status::from)?;
        let mut inbound = req.into_inner();
        let limit = self.state.max_stream_in_flight.max(1);
        let (tx, rx) = mpsc::channel(limit);
        let svc = self.clone();
        tokio::spawn(async move {
            let sem = Arc::new(Semaphore::new(limit));
            let mut draining = svc.state.draining.clone();
            loop {
                // At most `limit` items in flight: beyond, stop reading (HTTP/2 flow control
                // then holds the client back).
                let Ok(permit) = sem.clone().acquire_owned().await else { break };
                let next = tokio::select! {
                    m = inbound.message() => m,
                    _ = draining.wait_for(|d| *d) => break,
                };
                let item = match next {
                    Ok(Some(item)) => item,
                    Ok(None) => break,
                    Err(status) => {
                        tracing::debug!(%status, "InspectStream: client stream ended with an error");
                        break;
                    }
                };
                let svc = svc.clone();
                let tx = tx.clone();
                tokio::spawn(async move {
                    let started = Instant::now();
                    let _g = InFlight::new(&svc.state.metrics);
                    let r = svc.inspect_one(&item, deadline).await;
                    let code = r.as_ref().map_or_else(Error::code, |_| tonic::Code::Ok);
                    svc.state.metrics.request("InspectStream.item", code, started.elapsed());
                    let resp = r.unwrap_or_else(|e| convert::error_response(&item.id, &e));
                    let _ = tx.send(Ok(resp)).await;
                    drop(permit);
                });
            }
            // Drain: wait for the items in flight, then end the stream (OK).
            let _ = sem.acquire_many(u32::try_from(limit).unwrap_or(u32::MAX)).await;
        });
        Ok(Response::new(Box::pin(ReceiverStream::new(rx))))
    }

    async fn transform(&self, req: Request<proto::TransformRequest>) -> std::result::Result<Response<proto::TransformResponse>, Status> {
        let (meta, _, t) = req.into_parts();
        self.unary("Transform", &meta, |deadline| self.transform_one(t, deadline)).await
    }

    async fn list_models(&self, _req: Request<proto::ListModelsRequest>) -> std::result::Result<Response<proto::ListModelsResponse>, Status> {
        let e = self.engines().map_err(Status::from)?;
        let models = e
            .models
            .iter()
            .map(|m| proto::Model { name: m.name.clone(), digest: m.digest.clone(), tier: m.tier.clone(), runs: m.runs.clone() })
            .collect();
        Ok(Response::new(proto::ListModelsResponse { models }))
    }

    async fn list_policies(&self, _req: Request<proto::ListPoliciesRequest>) -> std::result::Result<Response<proto::ListPoliciesResponse>, Status> {
        let e = self.engines().map_err(Status::from)?;
        let policies = e
            .engines
            .iter()
            .map(|(name, engine)| proto::Policy {
                name: name.clone(),
                digest: engine.policy().identity().digest.clone(),
                is_default: *name == e.default,
                model: engine.model().map(|m| proto::Identity { name: m.name.clone(), digest: m.digest.clone() }),
            })
            .collect();
        Ok(Response::new(proto::ListPoliciesResponse { policies }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_grpc_timeouts() {
        let mut m = tonic::metadata::MetadataMap::new();
        assert_eq!(grpc_timeout(&m), None);
        for (v, d) in [("250m", Duration::from_millis(250)), ("2S", Duration::from_secs(2)), ("1H", Duration::from_secs(3600)), ("900u", Duration::from_micros(900))] {
            m.insert("grpc-timeout", v.parse().unwrap_or_else(|_| unreachable!()));
            assert_eq!(grpc_timeout(&m), Some(d), "{v}");
        }
        m.insert("grpc-timeout", "12x".parse().unwrap_or_else(|_| unreachable!()));
        assert_eq!(grpc_timeout(&m), None);
    }
}
