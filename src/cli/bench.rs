//! `palisade bench grpc`: a load generator for `palisade serve`.
//!
//! A mix file is JSON Lines, one request kind per line:
//!
//! ```text
//! {"weight": 2.5, "tool": {"name": "…", "description": "…", "inputSchema": {…}}}
//! {"weight": 1, "fresh": true, "text": "…", "surface": "tool_output"}
//! {"weight": 1, "tool_result": {"content": [{"type": "text", "text": "…"}]}}
//! {"weight": 1, "message": {"jsonrpc": "2.0", "id": 1, "result": {"tools": […]}}}
//! ```
//!
//! `weight` sets how often the line is drawn (default 1); `fresh` makes every request of the
//! line unique (a counter is appended to its text), so that it misses the verdict cache: a new
//! tool output. Optional `policy` and `server` go into the request.

use super::EXIT_CLEAN;
use anyhow::{bail, Context as _, Result};
use clap::Subcommand;
use palisade_server::proto::{self, inspect_request::Item, palisade_client::PalisadeClient};
use serde_json::Value;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// The built-in mix: 90% repeated real tool definitions, 10% new tool outputs.
const DEFAULT_MIX: &str = include_str!("../../benches/grpc_mix.jsonl");

#[derive(Subcommand, Debug)]
pub enum BenchCommand {
    /// Load-test a running `palisade serve`: RPS and latency percentiles per concurrency level.
    Grpc(GrpcArgs),
}

/// Options of `palisade bench grpc`.
#[derive(clap::Args, Debug)]
pub struct GrpcArgs {
    /// The server.
    #[arg(long, value_name = "URL", env = "PALISADE_ADDR", default_value = "http://127.0.0.1:50051")]
    addr: String,
    /// Concurrent requests in flight; a comma-separated list runs one level after another
    /// (the RPS-vs-concurrency curve).
    #[arg(long, value_name = "N[,N…]", value_delimiter = ',', default_value = "32")]
    concurrency: Vec<usize>,
    /// Seconds per level.
    #[arg(long, value_name = "SECONDS", default_value_t = 10.0)]
    duration: f64,
    /// Seconds of unrecorded load before the first level (fills the server's cache).
    #[arg(long, value_name = "SECONDS", default_value_t = 2.0)]
    warmup: f64,
    /// The request mix (JSON Lines, see `palisade bench grpc --help`); default: 90% repeated
    /// real tool definitions, 10% new tool outputs.
    #[arg(long, value_name = "FILE")]
    mix: Option<PathBuf>,
    /// HTTP/2 connections to spread the load over.
    #[arg(long, value_name = "N", default_value_t = 1)]
    connections: usize,
    /// Per-request deadline in milliseconds (sent as grpc-timeout).
    #[arg(long, value_name = "MS")]
    timeout_ms: Option<u64>,
    /// Bearer token, when the server wants one.
    #[arg(long, value_name = "TOKEN", env = "PALISADE_AUTH_TOKEN", hide_env_values = true)]
    token: Option<String>,
    /// The CA certificate (PEM) that signed the server's TLS certificate, for `https://`
    /// addresses (the system roots are not consulted).
    #[arg(long, value_name = "PEM", env = "PALISADE_TLS_CA")]
    tls_ca: Option<PathBuf>,
    /// Print JSON (one object per level) instead of a table.
    #[arg(long)]
    json: bool,
}

/// The channel to the server: plaintext, or TLS with `--tls-ca` (feature `tls`).
fn endpoint(args: &GrpcArgs) -> Result<tonic::transport::Endpoint> {
    let ep = tonic::transport::Channel::from_shared(args.addr.clone()).with_context(|| format!("bad address `{}`", args.addr))?.tcp_nodelay(true);
    let Some(ca) = &args.tls_ca else { return Ok(ep) };
    #[cfg(feature = "tls")]
    {
        let pem = std::fs::read(ca).with_context(|| format!("cannot read `{}`", ca.display()))?;
        let mut tls = tonic::transport::ClientTlsConfig::new().ca_certificate(tonic::transport::Certificate::from_pem(pem));
        if let Some(host) = ep.uri().host() {
            tls = tls.domain_name(host.to_owned());
        }
        Ok(ep.tls_config(tls).context("TLS")?)
    }
    #[cfg(not(feature = "tls"))]
    {
        bail!("--tls-ca `{}`: this build has no TLS support (feature `tls`)", ca.display())
    }
}

/// One line of a mix.
struct Kind {
    weight: f64,
    fresh: bool,
    request: proto::InspectRequest,
}

fn parse_mix(text: &str, origin: &str) -> Result<Vec<Kind>> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line = line.trim();
        if line.is_empty() || line.starts_with('#') {
            continue;
        }
        let at = || format!("{origin}:{}", n + 1);
        let v: Value = serde_json::from_str(line).with_context(at)?;
        let weight = v.get("weight").and_then(Value::as_f64).unwrap_or(1.0);
        let fresh = v.get("fresh").and_then(Value::as_bool).unwrap_or(false);
        let bytes = |v: &Value| serde_json::to_vec(v).unwrap_or_default();
        let item = if let Some(t) = v.get("tool") {
            Item::ToolJson(bytes(t))
        } else if let Some(t) = v.get("tool_result") {
            Item::ToolResultJson(bytes(t))
        } else if let Some(t) = v.get("message") {
            Item::McpMessageJson(bytes(t))
        } else if let Some(t) = v.get("text").and_then(Value::as_str) {
            let s = v.get("surface").and_then(Value::as_str).unwrap_or("tool_output");
            let surface = match s {
                "tool_description" => proto::Surface::ToolDescription,
                "tool_schema" => proto::Surface::ToolSchema,
                "tool_output" => proto::Surface::ToolOutput,
                "prompt" => proto::Surface::Prompt,
                "tool_arguments" => proto::Surface::ToolArguments,
                other => bail!("{}: unknown surface `{other}`", at()),
            };
            Item::Text(proto::Text { text: t.to_owned(), surface: surface as i32 })
        } else {
            bail!("{}: expected one of `tool`, `tool_result`, `message`, `text`", at());
        };
        if fresh && !matches!(item, Item::Text(_) | Item::ToolResultJson(_)) {
            bail!("{}: `fresh` applies to `text` and `tool_result` lines", at());
        }
        if !(weight.is_finite() && weight > 0.0) {
            bail!("{}: `weight` must be positive", at());
        }
        let context = v.get("server").and_then(Value::as_str).map(|s| proto::Context { server: s.to_owned(), ..Default::default() });
        let policy = v.get("policy").and_then(Value::as_str).unwrap_or("").to_owned();
        out.push(Kind { weight, fresh, request: proto::InspectRequest { id: String::new(), item: Some(item), context, policy, timeout_ms: 0 } });
    }
    if out.is_empty() {
        bail!("{origin}: the mix is empty");
    }
    Ok(out)
}

/// A request of the mix; a fresh one made unique with `n`.
fn make(kind: &Kind, n: u64) -> proto::InspectRequest {
    let mut r = kind.request.clone();
    if kind.fresh {
        match &mut r.item {
            Some(Item::Text(t)) => t.text.push_str(&format!("\n[ref {n}]")),
            Some(Item::ToolResultJson(b)) => {
                if let Ok(mut v) = serde_json::from_slice::<Value>(b) {
                    if let Some(Value::String(s)) = v.pointer_mut("/content/0/text") {
                        s.push_str(&format!("\n[ref {n}]"));
                    }
                    *b = serde_json::to_vec(&v).unwrap_or_default();
                }
            }
            _ => {}
        }
    }
    r
}

/// xorshift64*: a fast, seedable generator for drawing mix lines.
struct Rng(u64);

impl Rng {
    fn next_f64(&mut self) -> f64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        (self.0.wrapping_mul(0x2545_F491_4F6C_DD1D) >> 11) as f64 / (1u64 << 53) as f64
    }
}

#[derive(Default)]
struct Tally {
    latencies_us: Vec<u64>,
    errors: BTreeMap<String, u64>,
    fresh: u64,
}

struct Level {
    concurrency: usize,
    seconds: f64,
    tally: Tally,
}

/// Nearest-rank percentile of sorted microseconds, in milliseconds.
fn percentile(sorted: &[u64], p: f64) -> f64 {
    palisade_eval::metrics::percentile(sorted, p).unwrap_or(0) as f64 / 1000.0
}

async fn run_level(clients: &[PalisadeClient<tonic::transport::Channel>], mix: &Arc<Vec<Kind>>, args: &GrpcArgs, concurrency: usize, seconds: f64, counter: &Arc<std::sync::atomic::AtomicU64>) -> Level {
    let total: f64 = mix.iter().map(|k| k.weight).sum();
    let end = Instant::now() + Duration::from_secs_f64(seconds);
    let started = Instant::now();
    let mut tasks = tokio::task::JoinSet::new();
    for t in 0..concurrency {
        let Some(mut client) = clients.get(t % clients.len()).cloned() else { continue };
        let mix = mix.clone();
        let counter = counter.clone();
        let token = args.token.clone();
        let timeout = args.timeout_ms.map(Duration::from_millis);
        tasks.spawn(async move {
            let mut rng = Rng(0x9E37_79B9_7F4A_7C15 ^ ((t as u64 + 1) << 17));
            let mut tally = Tally::default();
            while Instant::now() < end {
                let mut x = rng.next_f64() * total;
                let kind = mix.iter().find(|k| {
                    x -= k.weight;
                    x < 0.0
                });
                let Some(kind) = kind.or(mix.last()) else { break };
                let n = counter.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                let mut req = tonic::Request::new(make(kind, n));
                if let Some(t) = &token {
                    if let Ok(v) = format!("Bearer {t}").parse() {
                        req.metadata_mut().insert("authorization", v);
                    }
                }
                if let Some(d) = timeout {
                    req.set_timeout(d);
                }
                let t0 = Instant::now();
                let r = client.inspect(req).await;
                let us = u64::try_from(t0.elapsed().as_micros()).unwrap_or(u64::MAX);
                match r {
                    Ok(_) => {
                        tally.latencies_us.push(us);
                        tally.fresh += u64::from(kind.fresh);
                    }
                    Err(s) => *tally.errors.entry(format!("{:?}", s.code())).or_default() += 1,
                }
            }
            tally
        });
    }
    let mut all = Tally::default();
    while let Some(Ok(t)) = tasks.join_next().await {
        all.latencies_us.extend(t.latencies_us);
        all.fresh += t.fresh;
        for (k, v) in t.errors {
            *all.errors.entry(k).or_default() += v;
        }
    }
    all.latencies_us.sort_unstable();
    Level { concurrency, seconds: started.elapsed().as_secs_f64(), tally: all }
}

pub fn run(cmd: &BenchCommand) -> Result<u8> {
    let BenchCommand::Grpc(args) = cmd;
    let mix = match &args.mix {
        Some(p) => parse_mix(&std::fs::read_to_string(p).with_context(|| format!("cannot read `{}`", p.display()))?, &p.display().to_string())?,
        None => parse_mix(DEFAULT_MIX, "benches/grpc_mix.jsonl")?,
    };
    let mix = Arc::new(mix);
    let rt = tokio::runtime::Builder::new_multi_thread().enable_all().build()?;
    rt.block_on(async {
        let mut clients = Vec::new();
        for _ in 0..args.connections.max(1) {
            let ch = endpoint(args)?.connect().await.with_context(|| format!("cannot connect to {}", args.addr))?;
            clients.push(PalisadeClient::new(ch).max_decoding_message_size(64 << 20));
        }
        let counter = Arc::new(std::sync::atomic::AtomicU64::new(0));
        if args.warmup > 0.0 {
            let c = args.concurrency.first().copied().unwrap_or(1);
            run_level(&clients, &mix, args, c, args.warmup, &counter).await;
        }
        let mut out = std::io::stdout().lock();
        if !args.json {
            writeln!(out, "{:>11} {:>9} {:>9} {:>8} {:>8} {:>8} {:>8}  errors", "concurrency", "requests", "rps", "p50 ms", "p95 ms", "p99 ms", "max ms")?;
        }
        for &c in &args.concurrency {
            let l = run_level(&clients, &mix, args, c.max(1), args.duration, &counter).await;
            let lat = &l.tally.latencies_us;
            let rps = lat.len() as f64 / l.seconds;
            let (p50, p95, p99, max) = (percentile(lat, 0.50), percentile(lat, 0.95), percentile(lat, 0.99), percentile(lat, 1.0));
            if args.json {
                let j = serde_json::json!({
                    "concurrency": l.concurrency, "seconds": l.seconds, "requests": lat.len(), "rps": rps,
                    "fresh_share": if lat.is_empty() { 0.0 } else { l.tally.fresh as f64 / lat.len() as f64 },
                    "p50_ms": p50, "p95_ms": p95, "p99_ms": p99, "max_ms": max, "errors": l.tally.errors,
                });
                writeln!(out, "{j}")?;
            } else {
                let errors: Vec<String> = l.tally.errors.iter().map(|(k, v)| format!("{k}={v}")).collect();
                writeln!(out, "{:>11} {:>9} {:>9.0} {:>8.2} {:>8.2} {:>8.2} {:>8.2}  {}", l.concurrency, lat.len(), rps, p50, p95, p99, max, errors.join(" "))?;
            }
            out.flush()?;
        }
        Ok::<(), anyhow::Error>(())
    })?;
    Ok(EXIT_CLEAN)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_default_mix_is_90_10() {
        let mix = parse_mix(DEFAULT_MIX, "default").unwrap_or_default();
        let total: f64 = mix.iter().map(|k| k.weight).sum();
        let fresh: f64 = mix.iter().filter(|k| k.fresh).map(|k| k.weight).sum();
        assert!((fresh / total - 0.10).abs() < 0.005, "fresh share {}", fresh / total);
        assert!(mix.iter().filter(|k| !k.fresh).all(|k| matches!(k.request.item, Some(Item::ToolJson(_)))));
        let a = make(mix.iter().find(|k| k.fresh).unwrap_or_else(|| unreachable!()), 1);
        let b = make(mix.iter().find(|k| k.fresh).unwrap_or_else(|| unreachable!()), 2);
        assert_ne!(a, b);
    }

    #[test]
    fn bad_mix_lines_are_named() {
        let e = parse_mix("{\"weight\": 1}\n", "m.jsonl").err().map(|e| e.to_string()).unwrap_or_default();
        assert!(e.contains("m.jsonl:1"), "{e}");
        assert!(parse_mix("{\"fresh\": true, \"tool\": {\"name\": \"a\"}}", "m").is_err());
    }
}
