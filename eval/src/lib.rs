//! Offline evaluation of the Palisade engine (`palisade eval`).
//!
//! - [`dataset`]: reads JSON Lines datasets in the shared schema (`id`, `text`, `kind`, `label`,
//!   `attack`, `source`, `meta`), reporting bad lines with file and line.
//! - [`split`]: the seeded, id-keyed train / validation / test splitter the training pipeline
//!   shares ([`split::SEED`], [`split::TRAIN_FRACTION`], …).
//! - [`run`]: runs an [`palisade_engine::Engine`] over rows in parallel into [`run::Prediction`]s.
//! - [`metrics`]: confusion counts, ROC-AUC, average precision, TPR at fixed FPR, latency
//!   percentiles, per group ([`metrics::GroupMetrics`]).
//! - [`report`]: `metrics.json`, `report.md` and the terminal summary.
//! - [`plot`]: ROC and PR curves as PNG and SVG.
//! - [`compare`]: differences between two runs.
//! - [`gate`]: `--fail-under` bars.
//! - [`output`]: writes a run directory.

pub mod compare;
pub mod dataset;
mod error;
pub mod gate;
pub mod metrics;
pub mod output;
pub mod plot;
pub mod report;
pub mod run;
pub mod split;

pub use error::{Error, Result};

/// Version of this crate (the workspace version, shared with the engine).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// Digest (first 16 hex digits of blake3) of the detector rules an engine uses: the built-in
/// rule files and the policy's extra rules. Changes whenever a rule is tuned.
pub fn rules_digest(engine: &palisade_engine::Engine) -> String {
    let mut h = blake3::Hasher::new();
    for (origin, text) in palisade_engine::detect::rules::RuleSet::builtin_sources() {
        h.update(origin.as_bytes());
        h.update(b"\0");
        h.update(text.as_bytes());
        h.update(b"\0");
    }
    for (origin, text) in engine.policy().extra_rules() {
        h.update(origin.as_bytes());
        h.update(b"\0");
        h.update(text.as_bytes());
        h.update(b"\0");
    }
    h.finalize().to_hex().chars().take(16).collect()
}
