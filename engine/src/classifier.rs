//! The classifier interface: a model that scores text per class.
//!
//! Backends (transformer encoders on candle or ONNX Runtime, the embedded static model) implement
//! [`Classifier`]. The trait is synchronous, object-safe and batched; the engine owns when it is
//! called and fuses its scores with the detectors' evidence.

use crate::error::Result;
use crate::extract::Role;
use crate::normalize::Span;
use crate::types::{Class, Surface};
use crate::verdict::Identity;

/// One text to classify.
#[derive(Debug, Clone, Copy)]
pub struct ClassifierInput<'a> {
    /// The text (normalised: NFKC, invisible characters removed).
    pub text: &'a str,
    /// Where it reaches the model.
    pub surface: Surface,
    /// What the string is.
    pub role: Role,
}

/// The classifier's answer for one text.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct ClassifierOutput {
    /// Probability per class, in [0, 1]. Classes left out count as 0.
    pub scores: Vec<(Class, f32)>,
    /// The character span of the input text that drove the highest score (for long inputs split
    /// into windows: the window's span). `None` means the whole text.
    pub span: Option<Span>,
}

/// A text classifier.
pub trait Classifier: Send + Sync {
    /// Name and digest of the model, part of every verdict and of the cache key.
    fn identity(&self) -> Identity;

    /// Scores a batch; returns one output per input, in order.
    fn classify(&self, batch: &[ClassifierInput<'_>]) -> Result<Vec<ClassifierOutput>>;

    /// Whether to classify a string with this role at all (names and tiny strings are left to
    /// the detectors by default).
    fn wants(&self, input: &ClassifierInput<'_>) -> bool {
        !input.role.is_name() && input.text.chars().filter(|c| c.is_alphabetic()).count() >= 8
    }
}
