//! Latency of the MiniLM-L6 encoder on the candle backend at 16/64/128/256/512 tokens (one
//! text), and batch throughput (16 texts of 128 tokens). Needs `models/fetch.sh`.
//!
//! `cargo bench -p palisade-models --bench encoder`; compare with onnxruntime from Python:
//! `python3 benches/ort_python.py` (same model, same token counts).
#![allow(missing_docs, reason = "criterion's macros generate undocumented functions")]
#![allow(clippy::panic, clippy::expect_used, reason = "bench code")]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use palisade_models::candle_backend::CandleModel;
use palisade_models::source::resolve;
use std::path::Path;

fn bench(c: &mut Criterion) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cache/all-minilm-l6-v2");
    if !dir.join("model.safetensors").is_file() {
        eprintln!("SKIP: run models/fetch.sh first ({} is absent)", dir.display());
        return;
    }
    let files = resolve(dir.to_str().expect("utf-8")).expect("model");
    let config: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).expect("config")).expect("json");
    let model = CandleModel::load(&files, &config).expect("load");
    let mut g = c.benchmark_group("minilm_candle");
    g.sample_size(20);
    for n in [16usize, 64, 128, 256, 512] {
        // [CLS] ordinary word pieces [SEP]
        let mut ids = vec![101u32];
        ids.extend((0..n - 2).map(|i| 2000 + (i as u32 % 5000)));
        ids.push(102);
        let mask = vec![1u32; n];
        g.throughput(Throughput::Elements(1));
        g.bench_function(format!("single/{n}_tokens"), |b| b.iter(|| black_box(model.forward(std::slice::from_ref(&ids), std::slice::from_ref(&mask)).expect("forward"))));
    }
    let ids: Vec<Vec<u32>> = (0..16u32).map(|k| std::iter::once(101).chain((0..126).map(|i| 2000 + (i + k * 7) % 5000)).chain(std::iter::once(102)).collect()).collect();
    let mask = vec![vec![1u32; 128]; 16];
    g.throughput(Throughput::Elements(16));
    g.bench_function("batch16/128_tokens", |b| b.iter(|| black_box(model.forward(&ids, &mask).expect("forward"))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
