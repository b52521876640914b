//! Palisade's gRPC scoring service (`palisade.v1`, see `proto/palisade/v1/palisade.proto`).
//!
//! [`serve`] runs the service on a listener until a shutdown signal, with:
//! - inference on threads the [`Scheduler`] owns (never on the async runtime's workers):
//!   requests whose verdicts are cached are answered on the I/O threads in microseconds, the
//!   rest are queued and drained by the inference threads in token-budget batches, whose model
//!   work runs as one batch per tier ([`palisade_engine::Engine::inspect_batched`]);
//! - back-pressure: a bounded queue, `RESOURCE_EXHAUSTED` beyond it;
//! - deadlines (`grpc-timeout`): `DEADLINE_EXCEEDED`, queued work dropped;
//! - `grpc.health.v1` (NOT_SERVING until the engines are loaded and warmed up, and again while
//!   draining) and server reflection (v1 and v1alpha);
//! - Prometheus metrics ([`Metrics`], served by [`serve_metrics`]);
//! - optional bearer-token auth and TLS (feature `tls`).
//!
//! The engines are built by a loader that runs after the listener is bound, so that health
//! checks see NOT_SERVING rather than a refused connection while models load.
//!
//! ```no_run
//! use palisade_engine::{Engine, Observer, Policy};
//! use palisade_server::{serve, Config, Engines, Shutdown};
//! use std::sync::Arc;
//! # async fn run() -> Result<(), palisade_server::Error> {
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:50051").await?;
//! let loader = |observer: Arc<dyn Observer>| -> Result<Engines, String> {
//!     let policy = Policy::default_policy().map_err(|e| e.to_string())?;
//!     let engine = Engine::builder().policy(policy).observer(observer).build().map_err(|e| e.to_string())?;
//!     Ok(Engines::single("default", engine))
//! };
//! serve(listener, Config::default(), Box::new(loader), Shutdown::on_signals()).await?;
//! # Ok(()) }
//! ```

pub mod convert;
mod error;
pub mod metrics;
mod scheduler;
mod server;
mod service;

pub use error::{Error, Result};
pub use metrics::{serve_metrics, Metrics};
pub use scheduler::{Scheduler, SchedulerConfig};
pub use server::{serve, Config, Engines, Loader, ModelInfo, Shutdown, Tls};
pub use service::PalisadeService;

/// The generated protobuf messages, server and client of `palisade.v1`.
#[allow(missing_docs, clippy::all, clippy::pedantic, clippy::allow_attributes_without_reason, reason = "generated code")]
pub mod proto {
    tonic::include_proto!("palisade.v1");

    /// The encoded file descriptor set of `palisade.v1` (server reflection).
    pub const FILE_DESCRIPTOR_SET: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/palisade_descriptor.bin"));
}
