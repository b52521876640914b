#![doc = include_str!("../README.md")]

pub mod args;
pub mod cache;
pub mod classifier;
pub mod detect;
mod engine;
pub mod error;
pub mod extract;
pub mod input;
pub mod normalize;
pub mod pin;
pub mod policy;
pub mod score;
pub mod transform;
pub mod types;
pub mod verdict;

pub use cache::CacheStats;
pub use classifier::{Classifier, ClassifierInput, ClassifierOutput};
pub use engine::{Analysis, Engine, EngineBuilder, Observer, Stage};
pub use error::{Error, Result};
pub use extract::{Role, Segment, Truncation};
pub use input::{subjects_in, Context, Located, Subject, ToolRef};
pub use normalize::Span;
pub use policy::{Policy, RawMcp, RawPolicy, Thresholds};
pub use types::{Action, Class, Surface};
pub use verdict::{Finding, Identity, Verdict};

/// The repository README's examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;
