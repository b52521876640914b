//! Inference threads, their bounded queue, and dynamic batching.
//!
//! Requests whose verdicts are not cached become [`Job`]s in one bounded FIFO. Each inference
//! thread takes the oldest job and, behind it, every queued job for the same engine while the
//! batch stays within the token budget, drops the jobs whose caller gave up (deadline passed,
//! client gone), and inspects the rest in one [`Engine::inspect_batched`] call: under load,
//! batches grow by themselves; idle, a request runs alone with no added wait.

use crate::error::{Error, Result};
use crate::metrics::Metrics;
use palisade_engine::{Context, Engine, Subject, Verdict};
use std::collections::VecDeque;
use std::sync::{Arc, Condvar, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::Instant;
use tokio::sync::oneshot;

/// Settings of the scheduler.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SchedulerConfig {
    /// Inference threads (default: the machine's cores).
    pub threads: usize,
    /// Jobs that may wait in the queue; beyond, `RESOURCE_EXHAUSTED` (default 1024).
    pub queue_depth: usize,
    /// Rough model-token budget of one batch (default 4096; bytes / 4).
    pub max_batch_tokens: usize,
}

impl Default for SchedulerConfig {
    fn default() -> Self {
        SchedulerConfig { threads: std::thread::available_parallelism().map_or(2, std::num::NonZeroUsize::get), queue_depth: 1024, max_batch_tokens: 4096 }
    }
}

/// Subjects of one request to inspect with one engine.
struct Job {
    engine: Arc<Engine>,
    items: Vec<(Subject, Context)>,
    tokens: usize,
    deadline: Option<Instant>,
    reply: oneshot::Sender<Vec<Arc<Verdict>>>,
}

impl Job {
    fn abandoned(&self, now: Instant) -> Option<&'static str> {
        if self.deadline.is_some_and(|d| d <= now) {
            Some("deadline")
        } else if self.reply.is_closed() {
            Some("cancelled")
        } else {
            None
        }
    }
}

struct Queue {
    jobs: VecDeque<Job>,
    closed: bool,
}

struct Shared {
    queue: Mutex<Queue>,
    ready: Condvar,
    config: SchedulerConfig,
    metrics: Arc<Metrics>,
}

/// The inference threads and their queue. Dropping it (or [`Scheduler::shutdown`]) lets the
/// threads finish what is queued and stop.
pub struct Scheduler {
    shared: Arc<Shared>,
    threads: Mutex<Vec<JoinHandle<()>>>,
}

impl std::fmt::Debug for Scheduler {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Scheduler").field("config", &self.shared.config).field("depth", &self.depth()).finish()
    }
}

impl Scheduler {
    /// Starts the inference threads.
    pub fn start(config: SchedulerConfig, metrics: Arc<Metrics>) -> Result<Scheduler> {
        let config = SchedulerConfig { threads: config.threads.max(1), queue_depth: config.queue_depth.max(1), max_batch_tokens: config.max_batch_tokens.max(1) };
        let shared = Arc::new(Shared { queue: Mutex::new(Queue { jobs: VecDeque::new(), closed: false }), ready: Condvar::new(), config, metrics });
        let threads = (0..config.threads)
            .map(|i| {
                let s = shared.clone();
                std::thread::Builder::new().name(format!("palisade-infer-{i}")).spawn(move || worker(&s))
            })
            .collect::<std::io::Result<Vec<_>>>()?;
        Ok(Scheduler { shared, threads: Mutex::new(threads) })
    }

    /// Jobs waiting now.
    pub fn depth(&self) -> usize {
        self.shared.queue.lock().unwrap_or_else(PoisonError::into_inner).jobs.len()
    }

    /// Queues subjects for inspection and waits for their verdicts (in order), or for the
    /// deadline. Fails at once with `QueueFull` when the queue is full.
    pub async fn inspect(&self, engine: Arc<Engine>, items: Vec<(Subject, Context)>, tokens: usize, deadline: Option<Instant>) -> Result<Vec<Arc<Verdict>>> {
        let started = Instant::now();
        let (tx, rx) = oneshot::channel();
        {
            let mut q = self.shared.queue.lock().unwrap_or_else(PoisonError::into_inner);
            if q.closed {
                return Err(Error::Unavailable("the server is shutting down".to_owned()));
            }
            if q.jobs.len() >= self.shared.config.queue_depth {
                self.shared.metrics.rejected.inc();
                return Err(Error::QueueFull(q.jobs.len()));
            }
            q.jobs.push_back(Job { engine, items, tokens, deadline, reply: tx });
            self.shared.metrics.queue_depth.set(i64::try_from(q.jobs.len()).unwrap_or(i64::MAX));
        }
        self.shared.ready.notify_one();
        let waited = match deadline {
            Some(d) => match tokio::time::timeout_at(tokio::time::Instant::from_std(d), rx).await {
                Ok(r) => r,
                // Dropping the receiver tells the inference thread to skip the job.
                Err(_) => return Err(Error::DeadlineExceeded(started.elapsed().as_millis())),
            },
            None => rx.await,
        };
        waited.map_err(|_| Error::Internal("an inference thread dropped the request".to_owned()))
    }

    /// Stops taking jobs, lets the threads drain the queue, and joins them.
    pub fn shutdown(&self) {
        self.close();
        let threads = std::mem::take(&mut *self.threads.lock().unwrap_or_else(PoisonError::into_inner));
        for t in threads {
            let _ = t.join();
        }
    }

    fn close(&self) {
        self.shared.queue.lock().unwrap_or_else(PoisonError::into_inner).closed = true;
        self.shared.ready.notify_all();
    }
}

impl Drop for Scheduler {
    fn drop(&mut self) {
        self.close();
    }
}

/// Takes the next batch: the oldest job, then the queued jobs for the same engine that fit the
/// token budget. `None` when the queue is closed and empty.
fn next_batch(s: &Shared) -> Option<Vec<Job>> {
    let mut q = s.queue.lock().unwrap_or_else(PoisonError::into_inner);
    loop {
        if let Some(first) = q.jobs.pop_front() {
            let mut tokens = first.tokens;
            let mut batch = vec![first];
            let mut i = 0;
            while i < q.jobs.len() {
                let Some(j) = q.jobs.get(i) else { break };
                let same = batch.first().is_some_and(|f| Arc::ptr_eq(&f.engine, &j.engine));
                if same && tokens + j.tokens <= s.config.max_batch_tokens {
                    tokens += j.tokens;
                    if let Some(j) = q.jobs.remove(i) {
                        batch.push(j);
                    }
                } else if tokens >= s.config.max_batch_tokens {
                    break;
                } else {
                    i += 1;
                }
            }
            s.metrics.queue_depth.set(i64::try_from(q.jobs.len()).unwrap_or(i64::MAX));
            return Some(batch);
        }
        if q.closed {
            return None;
        }
        q = s.ready.wait(q).unwrap_or_else(PoisonError::into_inner);
    }
}

fn worker(s: &Shared) {
    while let Some(batch) = next_batch(s) {
        let now = Instant::now();
        let mut live = Vec::with_capacity(batch.len());
        for job in batch {
            match job.abandoned(now) {
                Some(reason) => {
                    s.metrics.abandoned.get_or_create(&crate::metrics::ReasonLabel { reason }).inc();
                }
                None => live.push(job),
            }
        }
        let Some(engine) = live.first().map(|j| j.engine.clone()) else { continue };
        let mut items = Vec::with_capacity(live.iter().map(|j| j.items.len()).sum());
        let mut counts = Vec::with_capacity(live.len());
        for j in &mut live {
            counts.push(j.items.len());
            items.append(&mut j.items);
        }
        s.metrics.batch_items.observe(items.len() as f64);
        s.metrics.batch_jobs.observe(live.len() as f64);
        let mut verdicts = engine.inspect_batched(&items).into_iter();
        for (job, n) in live.into_iter().zip(counts) {
            let mine: Vec<Arc<Verdict>> = verdicts.by_ref().take(n).collect();
            // The caller may have given up meanwhile: nothing to do then.
            let _ = job.reply.send(mine);
        }
    }
}
