//! Latency the MCP firewall adds per message (what `palisade proxy` adds, minus the pipe I/O):
//! p50 / p99 / max over real tool definitions (the Docker MCP registry's tools in
//! `../shared/datasets`, or `$PALISADE_DATASETS`), with the embedded model, the default policy,
//! a SQLite pin store and an audit log.
//!
//! - `tools/list` of 10 tools, seen before (pins unchanged, verdicts cached);
//! - a `tools/call` request (arguments inspected) and its result, seen before (cached);
//! - the same result, first sight (cold inspection).
//!
//! `cargo bench --bench proxy`
#![allow(missing_docs, reason = "bench binary")]
#![allow(clippy::expect_used, clippy::indexing_slicing, reason = "bench code")]

use palisade_engine::{Engine, Policy};
use palisade_mcp::{AuditLog, Firewall, PinStore};
use palisade_models::embedded::StaticModel;
use serde_json::{json, Value};
mod common;

use common::percentiles;
use std::hint::black_box;
use std::sync::Arc;
use std::time::Instant;

fn main() {
    let Some((file, loaded)) = common::docker_tools() else { return };
    let tools: Vec<Value> = loaded
        .records
        .iter()
        .filter_map(|r| serde_json::from_str::<Value>(&r.row.text).ok())
        .filter(|t| t.get("name").is_some())
        .collect();
    let work = std::env::temp_dir().join(format!("palisade-bench-proxy-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    let model = Arc::new(StaticModel::builtin().expect("model"));
    let engine = || {
        Arc::new(Engine::builder().policy(Policy::default_policy().expect("policy")).classifier(model.clone()).build().expect("engine"))
    };
    let fw = Firewall::new(
        engine(),
        Some(Arc::new(PinStore::open(&work.join("pins.db")).expect("pins"))),
        Some(Arc::new(AuditLog::open(&work.join("audit.jsonl")).expect("audit"))),
    );
    let session = fw.session("bench");
    println!("{} real tool definitions from {}", tools.len(), file.display());

    // tools/list of 10 tools, each list seen once before.
    let lists: Vec<Vec<u8>> = tools
        .chunks(10)
        .enumerate()
        .map(|(i, c)| serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": i, "result": {"tools": c}})).expect("json"))
        .collect();
    let list_req = |i: usize| serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": i, "method": "tools/list"})).expect("json");
    // One server per list: the registry reuses tool names (`search`, `list_files`) across
    // servers, and under one identity they would read as rug pulls. Each list is seen once
    // before it is timed.
    let time_lists = |fw: &Firewall| -> Vec<f64> {
        let sessions: Vec<_> = (0..lists.len()).map(|i| fw.session(format!("bench-{i}"))).collect();
        for (i, l) in lists.iter().enumerate() {
            sessions[i].from_client(&list_req(i));
            black_box(sessions[i].from_server(l));
        }
        lists
            .iter()
            .enumerate()
            .cycle()
            .take(lists.len() * 5)
            .map(|(i, l)| {
                sessions[i].from_client(&list_req(i));
                let t = Instant::now();
                black_box(sessions[i].from_server(l));
                t.elapsed().as_secs_f64() * 1e6
            })
            .collect()
    };
    println!("{:<48} {}", "tools/list of 10 tools, cached", percentiles(time_lists(&fw)));
    // The same without pins and audit: what the store costs.
    println!("{:<48} {}", "tools/list of 10 tools, cached, no pins/audit", percentiles(time_lists(&Firewall::new(engine(), None, None))));

    // A tools/call and its result: texts made of the tools' descriptions (real prose).
    let outputs: Vec<Vec<u8>> = tools
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let text = t["description"].as_str().unwrap_or("ok").to_owned();
            serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": 100_000 + i, "result": {"content": [{"type": "text", "text": text}]}})).expect("json")
        })
        .collect();
    let call = |i: usize| {
        serde_json::to_vec(&json!({"jsonrpc": "2.0", "id": 100_000 + i, "method": "tools/call", "params": {"name": "search", "arguments": {"query": format!("docker images {}", i % 7)}}})).expect("json")
    };
    let mut cold = Vec::new();
    for (i, o) in outputs.iter().enumerate() {
        session.from_client(&call(i));
        let t = Instant::now();
        black_box(session.from_server(o));
        cold.push(t.elapsed().as_secs_f64() * 1e6);
    }
    let (mut req, mut res) = (Vec::new(), Vec::new());
    for (i, o) in outputs.iter().enumerate() {
        let c = call(i);
        let t = Instant::now();
        black_box(session.from_client(&c));
        req.push(t.elapsed().as_secs_f64() * 1e6);
        let t = Instant::now();
        black_box(session.from_server(o));
        res.push(t.elapsed().as_secs_f64() * 1e6);
    }
    println!("{:<48} {}", "tools/call request, cached", percentiles(req));
    println!("{:<48} {}", "tools/call result, cached", percentiles(res));
    println!("{:<48} {}", "tools/call result, first sight (cold)", percentiles(cold));
    let _ = std::fs::remove_dir_all(&work);
}
