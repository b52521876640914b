//! Backend selection: one [`Model`] over candle (`model.safetensors`) or ONNX Runtime
//! (`model.onnx`), with the same padded-batch interface.

use crate::error::{Error, Result};
use crate::source::ModelFiles;

/// Which tensor backend runs a model.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Backend {
    /// candle when the directory has `model.safetensors` and candle is compiled in, else ONNX
    /// Runtime when it has `model.onnx` and `ort` is compiled in.
    #[default]
    Auto,
    /// candle (feature `candle`, default).
    Candle,
    /// ONNX Runtime (feature `ort`).
    Ort,
}

impl Backend {
    /// Parses `auto`, `candle` or `ort`.
    pub fn parse(s: &str) -> Option<Backend> {
        match s {
            "auto" => Some(Backend::Auto),
            "candle" => Some(Backend::Candle),
            "ort" | "onnx" => Some(Backend::Ort),
            _ => None,
        }
    }

    /// The backend's name.
    pub fn as_str(self) -> &'static str {
        match self {
            Backend::Auto => "auto",
            Backend::Candle => "candle",
            Backend::Ort => "ort",
        }
    }

    /// The backend `Auto` picks for a model directory.
    pub fn resolve(self, files: &ModelFiles) -> Result<Backend> {
        match self {
            Backend::Auto if cfg!(feature = "candle") && files.has("model.safetensors") => Ok(Backend::Candle),
            Backend::Auto if cfg!(feature = "ort") && files.has("model.onnx") => Ok(Backend::Ort),
            Backend::Auto if files.has("model.safetensors") => Err(Error::NotCompiled("the candle backend", "candle")),
            Backend::Auto if files.has("model.onnx") => Err(Error::NotCompiled("the ONNX Runtime backend", "ort")),
            Backend::Auto => Err(Error::NotFound(format!("model `{}` has neither `model.safetensors` nor `model.onnx` in `{}`", files.name, files.dir.display()))),
            other => Ok(other),
        }
    }

    /// The weights file the backend reads.
    pub fn weights_file(self) -> &'static str {
        match self {
            Backend::Ort => "model.onnx",
            _ => "model.safetensors",
        }
    }
}

/// The number of labels of a classifier's `config.json`: `id2label`'s size, else
/// `num_labels`, else 2 (the Hugging Face default).
pub fn num_labels(config: &serde_json::Value) -> usize {
    config
        .get("id2label")
        .and_then(|m| m.as_object())
        .map(|m| m.len())
        .or_else(|| config.get("num_labels").and_then(serde_json::Value::as_u64).and_then(|n| usize::try_from(n).ok()))
        .unwrap_or(2)
}

/// Backend tuning.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct BackendOptions {
    /// Which backend.
    pub backend: Backend,
    /// ONNX Runtime sessions in the pool.
    pub sessions: usize,
    /// Intra-op threads per ONNX Runtime session.
    pub threads: usize,
}

impl Default for BackendOptions {
    fn default() -> Self {
        let cores = std::thread::available_parallelism().map_or(1, std::num::NonZeroUsize::get);
        BackendOptions { backend: Backend::Auto, sessions: 2.min(cores), threads: cores }
    }
}

/// A loaded network on one backend.
#[derive(Debug)]
pub enum Model {
    /// candle.
    #[cfg(feature = "candle")]
    Candle(crate::candle_backend::CandleModel),
    /// ONNX Runtime.
    #[cfg(feature = "ort")]
    Ort(crate::ort_backend::OrtModel),
}

impl Model {
    /// Loads the model on the chosen backend; returns it and the backend used.
    pub fn load(files: &ModelFiles, config: &serde_json::Value, options: BackendOptions) -> Result<(Model, Backend)> {
        let backend = options.backend.resolve(files)?;
        let model = match backend {
            #[cfg(feature = "candle")]
            Backend::Candle => Model::Candle(crate::candle_backend::CandleModel::load(files, config)?),
            #[cfg(feature = "ort")]
            Backend::Ort => Model::Ort(crate::ort_backend::OrtModel::load(files, config, options.sessions, options.threads)?),
            #[cfg(not(feature = "candle"))]
            Backend::Candle => return Err(Error::NotCompiled("the candle backend", "candle")),
            #[cfg(not(feature = "ort"))]
            Backend::Ort => return Err(Error::NotCompiled("the ONNX Runtime backend", "ort")),
            Backend::Auto => return Err(Error::Unsupported("backend not resolved".into())),
        };
        let _ = config;
        Ok((model, backend))
    }

    /// Runs one padded batch; one row of [`Model::width`] values per input.
    pub fn forward(&self, ids: &[Vec<u32>], mask: &[Vec<u32>]) -> Result<Vec<Vec<f32>>> {
        match self {
            #[cfg(feature = "candle")]
            Model::Candle(m) => m.forward(ids, mask),
            #[cfg(feature = "ort")]
            Model::Ort(m) => m.forward(ids, mask),
            #[cfg(not(any(feature = "candle", feature = "ort")))]
            _ => {
                let _ = (ids, mask);
                Err(Error::NotCompiled("a tensor backend", "candle"))
            }
        }
    }

    /// Values per input (labels, or the embedding width).
    pub fn width(&self) -> usize {
        match self {
            #[cfg(feature = "candle")]
            Model::Candle(m) => m.width,
            #[cfg(feature = "ort")]
            Model::Ort(m) => m.width,
            #[cfg(not(any(feature = "candle", feature = "ort")))]
            _ => 0,
        }
    }

    /// Whether the outputs are classifier logits (else embeddings).
    pub fn is_classifier(&self) -> bool {
        match self {
            #[cfg(feature = "candle")]
            Model::Candle(m) => m.is_classifier,
            #[cfg(feature = "ort")]
            Model::Ort(m) => m.is_classifier,
            #[cfg(not(any(feature = "candle", feature = "ort")))]
            _ => false,
        }
    }
}
