//! The error type of `palisade-eval`.

use std::path::PathBuf;

/// Everything that can go wrong while reading datasets, evaluating, or writing a report.
///
/// Bad dataset lines are not errors: they are collected as [`crate::dataset::BadLine`]s and the
/// other lines are still read.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A file or directory could not be read or written.
    #[error("`{path}`: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// A JSON document (a run's `metrics.json`, say) could not be read.
    #[error("`{path}`: {message}")]
    Json {
        /// The file.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
    /// The input holds nothing usable (no dataset file, no valid row).
    #[error("{0}")]
    Input(String),
    /// A command-line value (a `--fail-under` bar, a split name) is malformed.
    #[error("{0}")]
    Usage(String),
    /// A plot could not be drawn or encoded.
    #[error("plot `{file}`: {message}")]
    Plot {
        /// The plot file.
        file: String,
        /// What went wrong.
        message: String,
    },
}

impl Error {
    /// An I/O error on a path.
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Error {
        Error::Io { path: path.into(), source }
    }
}

/// `Result` with this crate's [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;
