//! The real all-MiniLM-L6-v2 weights (fetched by `models/fetch.sh`) through the candle backend,
//! against embeddings computed by `transformers` (`models/reference/make_minilm_reference.py`).
//! Skips, saying so, when the weights have not been fetched.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_models::candle_backend::l2_normalize;
use palisade_models::Embedder;
use serde_json::Value;
use std::path::{Path, PathBuf};

fn model_dir() -> Option<PathBuf> {
    let dir = std::env::var_os("PALISADE_MODELS")
        .map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("cache"), PathBuf::from)
        .join("all-minilm-l6-v2");
    if dir.join("model.safetensors").is_file() {
        Some(dir)
    } else {
        eprintln!("SKIP: {} is absent; run models/fetch.sh to test the real MiniLM weights", dir.display());
        None
    }
}

#[test]
fn minilm_real_weights_match_transformers() {
    let Some(dir) = model_dir() else { return };
    let reference: Value = serde_json::from_str(
        &std::fs::read_to_string(Path::new(env!("CARGO_MANIFEST_DIR")).join("reference/all-minilm-l6-v2.json")).expect("reference"),
    )
    .expect("json");
    // Loading verifies every pinned file's sha256 against the manifest.
    let e = Embedder::load(dir.to_str().expect("utf-8")).expect("load");
    let items = reference["items"].as_array().expect("items");
    let texts: Vec<&str> = items.iter().map(|i| i["text"].as_str().expect("text")).collect();
    let got = e.embed(&texts).expect("embed");
    for (g, it) in got.iter().zip(items) {
        let want: Vec<f32> = it["normalized"].as_array().expect("vec").iter().map(|x| x.as_f64().expect("f") as f32).collect();
        let g = l2_normalize(g);
        let cos: f32 = g.iter().zip(&want).map(|(a, b)| a * b).sum();
        assert!(cos >= 0.9999, "cosine {cos} for {:?}", it["text"]);
    }
}
