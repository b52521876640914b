//! The models crate's error type.

use std::path::PathBuf;

/// What can go wrong while loading or running a model.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A model file is missing or unreadable.
    #[error("cannot read `{path}`: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The cause.
        #[source]
        source: std::io::Error,
    },
    /// A model file is not what its manifest says.
    #[error("`{path}`: sha256 {actual} does not match the manifest's {expected}")]
    Digest {
        /// The file that differs.
        path: PathBuf,
        /// Expected digest.
        expected: String,
        /// Actual digest.
        actual: String,
    },
    /// A configuration or manifest file is invalid.
    #[error("`{path}`: {message}")]
    Config {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The model directory does not hold a model this build can run.
    #[error("{0}")]
    Unsupported(String),
    /// A model could not be found.
    #[error("{0}")]
    NotFound(String),
    /// The tokenizer failed.
    #[error("tokenizer: {0}")]
    Tokenizer(String),
    /// A backend is not compiled into this build.
    #[error("{0} is not compiled into this build (enable the `{1}` feature)")]
    NotCompiled(&'static str, &'static str),
    /// The tensor backend failed.
    #[cfg(feature = "candle")]
    #[error("candle: {0}")]
    Candle(#[from] candle_core::Error),
    /// ONNX Runtime failed (or its library could not be loaded).
    #[cfg(feature = "ort")]
    #[error("onnxruntime: {0}")]
    Ort(String),
}

/// Shorthand.
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl From<Error> for palisade_engine::Error {
    fn from(e: Error) -> Self {
        palisade_engine::Error::Classifier { model: String::new(), message: e.to_string() }
    }
}
