//! The MCP crate's error type.

use std::path::PathBuf;

/// What can go wrong in the firewall outside inspection itself (which is total).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A message is not valid JSON-RPC 2.0 (it is never half-inspected: it is refused whole).
    #[error("malformed message: {0}")]
    Malformed(String),
    /// A message is larger than the configured limit.
    #[error("message of {size} bytes exceeds the limit of {limit} bytes")]
    TooLarge {
        /// Its size so far.
        size: usize,
        /// The limit.
        limit: usize,
    },
    /// The pin store failed (open, read or write).
    #[error("pin store `{path}`: {message}")]
    Store {
        /// The database file.
        path: PathBuf,
        /// What failed.
        message: String,
    },
    /// A file or pipe failed.
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// The underlying error.
        #[source]
        source: std::io::Error,
    },
    /// The engine could not be built (policy, rules).
    #[error(transparent)]
    Engine(#[from] palisade_engine::Error),
}

/// Result with [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Error {
        Error::Io { context: context.into(), source }
    }
}
