//! The service's one error type, and its one mapping to gRPC status codes.

use tonic::{Code, Status};

/// What can go wrong: starting the service, or serving one request.
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum Error {
    /// A socket or file operation failed.
    #[error("{0}")]
    Io(#[from] std::io::Error),
    /// The transport (HTTP/2, TLS) failed.
    #[error("transport: {0}")]
    Transport(String),
    /// The configuration is not usable (a TLS key, a missing feature, an empty engine set).
    #[error("configuration: {0}")]
    Config(String),
    /// The engines could not be built.
    #[error("loading the engines failed: {0}")]
    Load(String),
    /// The request is malformed: invalid JSON or UTF-8, an unknown shape, an unknown policy.
    #[error("{0}")]
    InvalidArgument(String),
    /// The engines are still loading, or the server is draining.
    #[error("{0}")]
    Unavailable(String),
    /// The inspection queue is full.
    #[error("inspection queue full ({0} requests waiting): retry with back-off or on another replica")]
    QueueFull(usize),
    /// The request's deadline passed before its verdicts were ready.
    #[error("deadline exceeded after {0} ms")]
    DeadlineExceeded(u128),
    /// An internal fault (an inference thread died).
    #[error("internal fault: {0}")]
    Internal(String),
}

/// Shorthand for results whose error is [`Error`].
pub type Result<T, E = Error> = std::result::Result<T, E>;

impl Error {
    /// The gRPC status code of this error.
    pub fn code(&self) -> Code {
        match self {
            Error::InvalidArgument(_) => Code::InvalidArgument,
            Error::Unavailable(_) => Code::Unavailable,
            Error::QueueFull(_) => Code::ResourceExhausted,
            Error::DeadlineExceeded(_) => Code::DeadlineExceeded,
            Error::Config(_) => Code::FailedPrecondition,
            Error::Io(_) | Error::Transport(_) | Error::Load(_) | Error::Internal(_) => Code::Internal,
        }
    }

    /// The name of the code, as in `ItemError.code` (`INVALID_ARGUMENT`, …).
    pub fn code_name(&self) -> &'static str {
        code_name(self.code())
    }
}

/// The canonical upper-case name of a status code.
pub fn code_name(code: Code) -> &'static str {
    match code {
        Code::Ok => "OK",
        Code::Cancelled => "CANCELLED",
        Code::Unknown => "UNKNOWN",
        Code::InvalidArgument => "INVALID_ARGUMENT",
        Code::DeadlineExceeded => "DEADLINE_EXCEEDED",
        Code::NotFound => "NOT_FOUND",
        Code::AlreadyExists => "ALREADY_EXISTS",
        Code::PermissionDenied => "PERMISSION_DENIED",
        Code::ResourceExhausted => "RESOURCE_EXHAUSTED",
        Code::FailedPrecondition => "FAILED_PRECONDITION",
        Code::Aborted => "ABORTED",
        Code::OutOfRange => "OUT_OF_RANGE",
        Code::Unimplemented => "UNIMPLEMENTED",
        Code::Internal => "INTERNAL",
        Code::Unavailable => "UNAVAILABLE",
        Code::DataLoss => "DATA_LOSS",
        Code::Unauthenticated => "UNAUTHENTICATED",
    }
}

impl From<Error> for Status {
    fn from(e: Error) -> Status {
        Status::new(e.code(), e.to_string())
    }
}
