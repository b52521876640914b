//! `palisade serve`: the gRPC scoring service.

use super::{ModelArgs, EXIT_CLEAN};
use anyhow::{bail, Context as _, Result};
use clap::ValueEnum;
use palisade_engine::{Observer, Policy};
use palisade_server::{Config, Engines, ModelInfo, SchedulerConfig, Shutdown, Tls};
use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;

/// Log formats.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum LogFormat {
    /// Human-readable lines.
    Text,
    /// One JSON object per event (for log shippers).
    Json,
}

/// Options of `palisade serve`. Every flag can also be set by the environment variable named
/// in its help.
#[derive(clap::Args, Debug)]
pub struct ServeArgs {
    /// Address to serve gRPC on.
    #[arg(long, value_name = "ADDR", env = "PALISADE_LISTEN", default_value = "127.0.0.1:50051")]
    listen: SocketAddr,
    /// Serve Prometheus metrics at http://ADDR/metrics.
    #[arg(long, value_name = "ADDR", env = "PALISADE_METRICS")]
    metrics: Option<SocketAddr>,
    /// Policies requests may name: files or built-in names (default, strict, permissive),
    /// repeated or comma-separated. The first is used when a request names none.
    #[arg(long, value_name = "FILE", env = "PALISADE_POLICY", value_delimiter = ',', default_value = "default")]
    policy: Vec<String>,
    #[command(flatten)]
    models: ModelArgs,
    /// Inference threads (default: the number of cores).
    #[arg(long, value_name = "N", env = "PALISADE_THREADS")]
    threads: Option<usize>,
    /// Requests that may wait for an inference thread; beyond, RESOURCE_EXHAUSTED.
    #[arg(long, value_name = "N", env = "PALISADE_QUEUE_DEPTH", default_value_t = 1024)]
    queue_depth: usize,
    /// Rough model-token budget of one inference batch (bytes / 4).
    #[arg(long, value_name = "N", env = "PALISADE_MAX_BATCH_TOKENS", default_value_t = 4096)]
    max_batch_tokens: usize,
    /// Largest request or response message in bytes.
    #[arg(long, value_name = "BYTES", env = "PALISADE_MAX_MESSAGE_BYTES", default_value_t = 4 << 20)]
    max_message_bytes: usize,
    /// Items one InspectStream or InspectBatch call may have in flight.
    #[arg(long, value_name = "N", env = "PALISADE_MAX_STREAM_IN_FLIGHT", default_value_t = 64)]
    max_stream_in_flight: usize,
    /// Seconds to let in-flight requests finish after SIGTERM/SIGINT.
    #[arg(long, value_name = "SECONDS", env = "PALISADE_DRAIN_TIMEOUT", default_value_t = 30)]
    drain_timeout: u64,
    /// Require `authorization: Bearer <token>` with the token in this file (health stays
    /// open). $PALISADE_AUTH_TOKEN sets the token itself.
    #[arg(long, value_name = "PATH", env = "PALISADE_AUTH_TOKEN_FILE")]
    auth_token_file: Option<PathBuf>,
    /// Serve TLS with this PEM certificate chain (with --tls-key).
    #[arg(long, value_name = "PATH", env = "PALISADE_TLS_CERT", requires = "tls_key")]
    tls_cert: Option<PathBuf>,
    /// The PEM private key of --tls-cert.
    #[arg(long, value_name = "PATH", env = "PALISADE_TLS_KEY", requires = "tls_cert")]
    tls_key: Option<PathBuf>,
    /// Log format (to standard error).
    #[arg(long, value_enum, env = "PALISADE_LOG_FORMAT", default_value = "text")]
    log_format: LogFormat,
    /// Log filter, e.g. `info` or `palisade_server=debug`.
    #[arg(long, value_name = "FILTER", env = "PALISADE_LOG", default_value = "info")]
    log: String,
}

fn init_logging(format: LogFormat, filter: &str) -> Result<()> {
    let filter = tracing_subscriber::EnvFilter::try_new(filter).with_context(|| format!("--log `{filter}`"))?;
    let b = tracing_subscriber::fmt().with_env_filter(filter).with_writer(std::io::stderr).with_target(false);
    let r = match format {
        LogFormat::Text => b.with_ansi(false).try_init(),
        LogFormat::Json => b.json().flatten_event(true).try_init(),
    };
    r.map_err(|e| anyhow::anyhow!("logging: {e}"))
}

fn auth_token(args: &ServeArgs) -> Result<Option<String>> {
    let token = match (&args.auth_token_file, std::env::var("PALISADE_AUTH_TOKEN").ok()) {
        (Some(p), _) => std::fs::read_to_string(p).with_context(|| format!("cannot read `{}`", p.display()))?.trim().to_owned(),
        (None, Some(t)) => t.trim().to_owned(),
        (None, None) => return Ok(None),
    };
    if token.is_empty() {
        bail!("the bearer token is empty");
    }
    Ok(Some(token))
}

/// Loads the policies, the model tiers (once, shared), and an engine per policy.
fn load(policies: &[String], models: &ModelArgs, observer: Arc<dyn Observer>) -> Result<Engines> {
    let loaded: Vec<Policy> = policies.iter().map(|p| Policy::load(p)).collect::<palisade_engine::Result<_>>()?;
    let tiers = models.tiers(&loaded.iter().collect::<Vec<_>>())?;
    let mut info = Vec::new();
    if let Some(c) = &tiers.first {
        let id = c.identity();
        info.push(ModelInfo { name: id.name, digest: id.digest, tier: "embedded".to_owned(), runs: "always".to_owned() });
    }
    if let Some((c, run)) = &tiers.second {
        let id = c.identity();
        let runs = run.or_else(|| loaded.first().map(|p| p.raw().classifier.transformer)).unwrap_or_default().as_str();
        let tier = if run.is_some() { "guardrail" } else { "transformer" };
        info.push(ModelInfo { name: id.name, digest: id.digest, tier: tier.to_owned(), runs: runs.to_owned() });
    }
    let mut engines: Vec<(String, Arc<palisade_engine::Engine>)> = Vec::new();
    for p in loaded {
        let name = p.identity().name.clone();
        if engines.iter().any(|(n, _)| *n == name) {
            bail!("two policies are named `{name}`");
        }
        engines.push((name, Arc::new(tiers.builder(p).observer(observer.clone()).build()?)));
    }
    let default = engines.first().map(|(n, _)| n.clone()).context("no policy")?;
    Ok(Engines { default, engines, models: info })
}

pub fn run(args: &ServeArgs) -> Result<u8> {
    init_logging(args.log_format, &args.log)?;
    let tls = match (&args.tls_cert, &args.tls_key) {
        (Some(c), Some(k)) => Some(Tls {
            cert_pem: std::fs::read(c).with_context(|| format!("cannot read `{}`", c.display()))?,
            key_pem: std::fs::read(k).with_context(|| format!("cannot read `{}`", k.display()))?,
        }),
        _ => None,
    };
    let mut scheduler = SchedulerConfig { queue_depth: args.queue_depth, max_batch_tokens: args.max_batch_tokens, ..SchedulerConfig::default() };
    if let Some(n) = args.threads {
        scheduler.threads = n;
    }
    let auth_token = auth_token(args)?;
    let policies = args.policy.clone();
    let models = args.models.clone();
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().thread_name("palisade-io").build().context("cannot start the async runtime")?;
    rt.block_on(async move {
        let listener = tokio::net::TcpListener::bind(args.listen).await.with_context(|| format!("cannot listen on {}", args.listen))?;
        let metrics = match args.metrics {
            Some(a) => Some(tokio::net::TcpListener::bind(a).await.with_context(|| format!("cannot listen on {a} (metrics)"))?),
            None => None,
        };
        let config = Config {
            scheduler,
            max_message_bytes: args.max_message_bytes,
            max_stream_in_flight: args.max_stream_in_flight,
            auth_token,
            tls,
            drain_timeout: Duration::from_secs(args.drain_timeout),
            metrics,
            ..Config::default()
        };
        let loader = Box::new(move |observer: Arc<dyn Observer>| load(&policies, &models, observer).map_err(|e| format!("{e:#}")));
        palisade_server::serve(listener, config, loader, Shutdown::on_signals()).await?;
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(EXIT_CLEAN)
}
