//! Latency of the MiniLM-L6 encoder at 16/64/128/256/512 tokens (one text), and batch
//! throughput (16 texts of 128 tokens): candle on the fp32 weights, and (feature `ort`) ONNX
//! Runtime on the int8 export. Needs `models/fetch.sh`.
//!
//! `cargo bench -p palisade-models --features ort --bench encoder`; compare with onnxruntime
//! from Python:
//! `python3 benches/ort_python.py` (same model, same token counts).
#![allow(missing_docs, reason = "criterion's macros generate undocumented functions")]
#![allow(clippy::panic, clippy::expect_used, reason = "bench code")]

use criterion::{black_box, criterion_group, criterion_main, Criterion, Throughput};
use palisade_models::backend::Model;
use palisade_models::source::resolve;
use palisade_models::{Backend, BackendOptions};
use std::path::Path;

fn bench(c: &mut Criterion) {
    bench_model(c, "all-minilm-l6-v2", Backend::Candle, "minilm_candle_fp32");
    if cfg!(feature = "ort") {
        bench_model(c, "all-minilm-l6-v2-int8", Backend::Ort, "minilm_ort_int8");
        // Made by `models/export_onnx.py` where torch is available (not by CI).
        bench_model(c, "all-minilm-l6-v2-onnx", Backend::Ort, "minilm_ort_fp32");
    }
}

fn bench_model(c: &mut Criterion, name: &str, backend: Backend, group: &str) {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("cache").join(name);
    if !dir.join(backend.weights_file()).is_file() {
        eprintln!("SKIP: run models/fetch.sh first ({} is absent)", dir.display());
        return;
    }
    let files = resolve(dir.to_str().expect("utf-8")).expect("model");
    let config: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("config.json")).expect("config")).expect("json");
    // One session: the single-text latency of one forward pass on all cores.
    let (model, _) = Model::load(&files, &config, BackendOptions { backend, sessions: 1, ..BackendOptions::default() }).expect("load");
    let mut g = c.benchmark_group(group);
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
