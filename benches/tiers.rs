//! Latency of each model tier and of the cascade as shipped, on real tool definitions (the
//! Docker MCP registry's tools in `../shared/datasets`, or `$PALISADE_DATASETS`): p50 / p99 /
//! max of a cold inspection (cache off) per configuration, and of a cache hit.
//!
//! `cargo bench --bench tiers` (percentiles over distinct real inputs, which criterion's
//! single-input statistics do not give).
#![allow(missing_docs, reason = "bench binary")]
#![allow(clippy::expect_used, clippy::indexing_slicing, reason = "bench code")]

use palisade_engine::{Context, Engine, Policy, Subject};
use palisade_models::embedded::StaticModel;
use palisade_models::tier::TransformerTier;
use palisade_models::BackendOptions;
mod common;

use common::percentiles;
use std::hint::black_box;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Instant;

/// Times `f` once per subject per pass (after one untimed pass over the first 20): percentiles
/// over every timed call.
fn timed(passes: usize, subjects: &[Subject], mut f: impl FnMut(&Subject)) -> Vec<f64> {
    for s in subjects.iter().take(20) {
        f(s);
    }
    let mut times = Vec::with_capacity(passes * subjects.len());
    for _ in 0..passes {
        for s in subjects {
            let t = Instant::now();
            f(s);
            times.push(t.elapsed().as_secs_f64() * 1e6);
        }
    }
    times
}

/// Cold inspections: one pass (each subject once). Cache hits: many passes, since a hit costs
/// microseconds and one pass gives too few samples for a stable p99.
const HIT_PASSES: usize = 40;

fn run(name: &str, engine: &Engine, subjects: &[Subject], passes: usize) {
    let ctx = Context::default();
    println!("{name:<44} {}", percentiles(timed(passes, subjects, |s| drop(black_box(engine.inspect(s, &ctx))))));
}

fn main() {
    let Some((file, loaded)) = common::docker_tools() else { return };
    let subjects: Vec<Subject> = loaded.records.iter().filter_map(|r| r.row.subject().ok()).collect();
    println!("{} real tool definitions from {}", subjects.len(), file.display());
    let embedded: Arc<StaticModel> = Arc::new(StaticModel::builtin().expect("embedded model"));
    let policy = |transformer: &str| {
        let text = std::fs::read_to_string(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("policies/default.toml")).expect("policy");
        let text = text.replace("transformer = \"never\"", &format!("transformer = \"{transformer}\""));
        Policy::from_toml(&text, "bench", None).expect("policy")
    };
    let build = |transformer: &str, tier: Option<Arc<TransformerTier>>, first: bool, cache: bool| {
        let mut b = Engine::builder().policy(policy(transformer)).cache(cache);
        if first {
            b = b.classifier(embedded.clone());
        }
        if let Some(t) = tier {
            b = b.escalation(t);
        }
        b.build().expect("engine")
    };
    run("cold: detectors only", &build("never", None, false, false), &subjects, 1);
    run("cold: detectors + embedded tier (shipped)", &build("never", None, true, false), &subjects, 1);
    let warm = build("never", None, true, true);
    let ctx = Context::default();
    for s in &subjects {
        warm.inspect(s, &ctx);
    }
    run("cache hit: shipped (inspect)", &warm, &subjects, HIT_PASSES);
    let shared = timed(HIT_PASSES, &subjects, |s| drop(black_box(warm.inspect_shared(s, &ctx))));
    println!("{:<44} {}", "cache hit: shipped (inspect_shared)", percentiles(shared));
    // Where a hit's time goes: the content digest (SHA-256 of the canonical JSON, the pin)
    // alone, over the same inputs.
    let digest = timed(HIT_PASSES, &subjects, |s| {
        black_box(palisade_engine::pin::content_digest(s));
    });
    println!("{:<44} {}", "  of which the content digest", percentiles(digest));
    let encoder = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("models/cache/all-minilm-l6-v2");
    match TransformerTier::load(&encoder.to_string_lossy(), BackendOptions::default()) {
        Ok(t) => {
            let t = Arc::new(t);
            let few: Vec<Subject> = subjects.iter().take(150).cloned().collect();
            run("cold: + transformer tier, uncertain", &build("uncertain", Some(t.clone()), true, false), &few, 1);
            run("cold: + transformer tier, always", &build("always", Some(t), true, false), &few, 1);
        }
        Err(e) => eprintln!("SKIP transformer tier: {e}"),
    }
}
