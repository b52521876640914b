//! The ONNX Runtime backend (feature `ort`): any ONNX encoder (mean-pooled
//! `last_hidden_state`) or sequence classifier (`logits`), through the `ort` crate with
//! `load-dynamic`. ONNX Runtime itself is a shared library found at run time: `ORT_DYLIB_PATH`,
//! else `$PALISADE_MODELS/onnxruntime/libonnxruntime.so.1.31.1` (what `models/fetch.sh` lays
//! out), else `libonnxruntime.so` on the loader's path. A missing library is an error, not a
//! panic.
//!
//! Sessions are pooled: each forward pass takes a free session (or waits for the least recently
//! handed out one), so concurrent callers run in parallel instead of queueing behind one mutex.
//! With `ort-cuda`, `PALISADE_DEVICE=cuda` registers the CUDA execution provider (untested here).

use crate::error::{Error, Result};
use crate::source::ModelFiles;
use ort::session::builder::GraphOptimizationLevel;
use ort::session::Session;
use ort::value::Tensor;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, OnceLock};

/// The ONNX Runtime library version the `api-31` feature targets.
pub const ORT_VERSION: &str = "1.31.1";

fn ort_error(e: impl std::fmt::Display) -> Error {
    Error::Ort(e.to_string())
}

/// Where the ONNX Runtime shared library is looked for, in order.
pub fn dylib_candidates() -> Vec<PathBuf> {
    let mut v = Vec::new();
    if let Some(p) = std::env::var_os("ORT_DYLIB_PATH").filter(|p| !p.is_empty()) {
        v.push(PathBuf::from(p));
        return v;
    }
    if let Some(dir) = std::env::var_os("PALISADE_MODELS") {
        v.push(PathBuf::from(dir).join("onnxruntime").join(format!("libonnxruntime.so.{ORT_VERSION}")));
    }
    v.push(PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("cache").join("onnxruntime").join(format!("libonnxruntime.so.{ORT_VERSION}")));
    v
}

/// The process-wide ONNX Runtime environment (ONNX Runtime allows one per process).
fn environment() -> Result<&'static ort::environment::Environment> {
    static ENV: OnceLock<std::result::Result<ort::environment::Environment, String>> = OnceLock::new();
    ENV.get_or_init(|| {
        let candidates = dylib_candidates();
        let Some(path) = candidates.iter().find(|p| p.is_file()) else {
            return Err(format!(
                "ONNX Runtime {ORT_VERSION} library not found (looked at {}); run models/fetch.sh or set ORT_DYLIB_PATH",
                candidates.iter().map(|p| p.display().to_string()).collect::<Vec<_>>().join(", ")
            ));
        };
        let builder = ort::init_from(path).map_err(|e| format!("cannot load ONNX Runtime from {}: {e}", path.display()))?;
        let builder = builder.with_name("palisade").with_telemetry(false);
        #[cfg(not(feature = "ort-cuda"))]
        if std::env::var("PALISADE_DEVICE").is_ok_and(|d| d == "cuda") {
            return Err(Error::NotCompiled("CUDA for ONNX Runtime", "ort-cuda").to_string());
        }
        #[cfg(feature = "ort-cuda")]
        let builder = if std::env::var("PALISADE_DEVICE").is_ok_and(|d| d == "cuda") {
            builder.with_execution_providers([ort::ep::CUDA::default().build()])
        } else {
            builder
        };
        builder.build().map_err(|e| e.to_string())
    })
    .as_ref()
    .map_err(|e| Error::Ort(e.clone()))
}

/// What the graph's first relevant output holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Output {
    /// `[batch, labels]` logits.
    Logits,
    /// `[batch, tokens, hidden]`: mean-pooled over the attention mask.
    Hidden,
}

/// A pool of ONNX Runtime sessions over one model.
pub struct OrtModel {
    sessions: Vec<Mutex<Session>>,
    next: AtomicUsize,
    /// Which of `input_ids`, `attention_mask`, `token_type_ids` the graph takes, in order.
    inputs: Vec<String>,
    output: String,
    kind: Output,
    /// Number of output values per input (labels, or the embedding width).
    pub width: usize,
    /// Whether the outputs are logits of a classifier (else embeddings).
    pub is_classifier: bool,
}

impl std::fmt::Debug for OrtModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OrtModel").field("sessions", &self.sessions.len()).field("inputs", &self.inputs).field("output", &self.output).field("width", &self.width).finish()
    }
}

impl OrtModel {
    /// Loads `model.onnx` into `sessions` sessions of `threads` intra-op threads each.
    pub fn load(files: &ModelFiles, config: &serde_json::Value, sessions: usize, threads: usize) -> Result<OrtModel> {
        let env = environment()?;
        let path = files.file("model.onnx")?;
        let mut pool = Vec::with_capacity(sessions.max(1));
        for _ in 0..sessions.max(1) {
            let mut b = Session::builder(env)
                .map_err(ort_error)?
                .with_optimization_level(GraphOptimizationLevel::All)
                .map_err(ort_error)?
                .with_intra_threads(threads.max(1))
                .map_err(ort_error)?
                .with_inter_threads(1)
                .map_err(ort_error)?;
            let s = b.commit_from_file(&path).map_err(|e| Error::Config { path: path.clone(), message: format!("ONNX Runtime cannot load the graph: {e}") })?;
            pool.push(Mutex::new(s));
        }
        let first = pool.first().and_then(|m| m.lock().ok()).ok_or_else(|| Error::Ort("no session".into()))?;
        let names: Vec<String> = first.inputs().iter().map(|i| i.name().to_owned()).collect();
        let known = ["input_ids", "attention_mask", "token_type_ids"];
        if let Some(bad) = names.iter().find(|n| !known.contains(&n.as_str())) {
            return Err(Error::Unsupported(format!("model `{}`: ONNX input `{bad}` is not one of {known:?}", files.name)));
        }
        if !names.iter().any(|n| n == "input_ids") {
            return Err(Error::Unsupported(format!("model `{}`: the ONNX graph has no `input_ids` input", files.name)));
        }
        let outs: Vec<String> = first.outputs().iter().map(|o| o.name().to_owned()).collect();
        let (output, kind) = if outs.iter().any(|o| o == "logits") {
            ("logits".to_owned(), Output::Logits)
        } else if outs.iter().any(|o| o == "last_hidden_state") {
            ("last_hidden_state".to_owned(), Output::Hidden)
        } else {
            return Err(Error::Unsupported(format!("model `{}`: ONNX outputs {outs:?} include neither `logits` nor `last_hidden_state`", files.name)));
        };
        drop(first);
        let width = match kind {
            Output::Logits => crate::backend::num_labels(config),
            Output::Hidden => config.get("hidden_size").and_then(serde_json::Value::as_u64).and_then(|n| usize::try_from(n).ok()).unwrap_or(0),
        };
        Ok(OrtModel { sessions: pool, next: AtomicUsize::new(0), inputs: names, output, kind, width, is_classifier: kind == Output::Logits })
    }

    /// Runs one padded batch: `ids` rows of equal length, `mask` 1 for real tokens.
    /// Returns one row of `width` values per input.
    pub fn forward(&self, ids: &[Vec<u32>], mask: &[Vec<u32>]) -> Result<Vec<Vec<f32>>> {
        let rows = ids.len();
        let cols = ids.first().map_or(0, Vec::len);
        if rows == 0 {
            return Ok(Vec::new());
        }
        let mut feeds: Vec<(std::borrow::Cow<'_, str>, ort::session::SessionInputValue<'_>)> = Vec::with_capacity(self.inputs.len());
        for name in &self.inputs {
            let data: Vec<i64> = match name.as_str() {
                "input_ids" => ids.iter().flatten().map(|&x| i64::from(x)).collect(),
                "attention_mask" => mask.iter().flatten().map(|&x| i64::from(x)).collect(),
                _ => vec![0; rows * cols],
            };
            let t = Tensor::from_array(([rows, cols], data)).map_err(ort_error)?;
            feeds.push((name.clone().into(), t.into()));
        }
        let mut session = self.session()?;
        let outputs = session.run(feeds).map_err(ort_error)?;
        let value = outputs.get(self.output.as_str()).ok_or_else(|| Error::Ort(format!("output `{}` missing", self.output)))?;
        let (shape, data) = value.try_extract_tensor::<f32>().map_err(ort_error)?;
        let dims: Vec<usize> = shape.iter().map(|&d| usize::try_from(d).unwrap_or(0)).collect();
        match (self.kind, dims.as_slice()) {
            (Output::Logits, &[r, w]) if r == rows => Ok(data.chunks(w.max(1)).map(<[f32]>::to_vec).collect()),
            (Output::Hidden, &[r, s, h]) if r == rows && s == cols => {
                let mut out = Vec::with_capacity(rows);
                for (b, m) in mask.iter().enumerate() {
                    let mut sum = vec![0f32; h];
                    let mut n = 0f32;
                    for (t, &on) in m.iter().enumerate() {
                        if on == 0 {
                            continue;
                        }
                        n += 1.0;
                        let start = (b * s + t) * h;
                        if let Some(v) = data.get(start..start + h) {
                            sum.iter_mut().zip(v).for_each(|(a, x)| *a += x);
                        }
                    }
                    out.push(sum.into_iter().map(|x| x / n.max(1e-9)).collect());
                }
                Ok(out)
            }
            (_, d) => Err(Error::Ort(format!("output `{}` has shape {d:?} for a batch of {rows}×{cols}", self.output))),
        }
    }

    /// A free session, or the next one in turn when all are busy.
    fn session(&self) -> Result<std::sync::MutexGuard<'_, Session>> {
        let n = self.sessions.len();
        let start = self.next.fetch_add(1, Ordering::Relaxed);
        for k in 0..n {
            if let Some(Ok(g)) = self.sessions.get((start + k) % n).map(Mutex::try_lock) {
                return Ok(g);
            }
        }
        self.sessions.get(start % n.max(1)).ok_or_else(|| Error::Ort("no session".into()))?.lock().map_err(|_| Error::Ort("a session panicked".into()))
    }
}
