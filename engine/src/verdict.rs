//! Verdicts: what the engine says about one inspected item.

use crate::extract::{Role, Truncation};
use crate::normalize::{LayerKind, Span};
use crate::types::{Action, Class, Surface};
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// The most findings a verdict lists.
pub const MAX_FINDINGS: usize = 100;

fn is_zero(n: &usize) -> bool {
    *n == 0
}

/// One piece of evidence.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Finding {
    /// The detector (rule) id, e.g. `secrecy.hide_from_user`; model findings are `model.<name>`.
    pub detector: String,
    /// The threat class this evidence counts towards.
    pub class: Class,
    /// How strongly this evidence alone indicates an attack, in [0, 1].
    pub score: f32,
    /// JSON Pointer of the string the evidence sits in ("" for plain text).
    pub pointer: String,
    /// What that string is (description, property name, enum value, …).
    pub role: Role,
    /// The surface of that string.
    pub surface: Surface,
    /// `[start, end)` in characters (Unicode scalar values) of the ORIGINAL string at `pointer`.
    pub span: Span,
    /// The original text of the span (at most 240 characters, with `…` where cut).
    pub text: String,
    /// A one-line human reason.
    pub reason: String,
    /// When the evidence was found in hidden or encoded content: how it was hidden.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub layer: Option<LayerKind>,
    /// When the evidence was found in hidden or encoded content: the decoded text that matched.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decoded: Option<String>,
    /// Evidence tags (e.g. `instruction`, `sensitive`, `sink`) used to combine findings.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub tags: Vec<String>,
}

/// Identity of a component that shaped a verdict: a name and a content digest.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Identity {
    /// Human name.
    pub name: String,
    /// Hex blake3 digest (first 16 hex digits) of its content.
    pub digest: String,
}

/// What the engine decided about one item, and why.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Verdict {
    /// The action the policy chose.
    pub action: Action,
    /// The highest class score: the number the thresholds apply to.
    pub score: f32,
    /// Score of every class, in [0, 1].
    pub scores: BTreeMap<Class, f32>,
    /// The evidence, strongest first (at most [`MAX_FINDINGS`]).
    pub findings: Vec<Finding>,
    /// How many weaker findings were left out of `findings` (they still counted in the scores).
    #[serde(default, skip_serializing_if = "is_zero")]
    pub findings_omitted: usize,
    /// Why the action was chosen, in one line (the rule, list or error that decided).
    pub decided_by: String,
    /// The surface whose thresholds applied.
    pub surface: Surface,
    /// What the extraction limits left out.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub truncated: Vec<Truncation>,
    /// Faults met while inspecting (the action then follows the policy's `on_error`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub errors: Vec<String>,
    /// Whether the verdict came from the cache.
    pub cached: bool,
    /// The classifier model, when one took part.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<Identity>,
    /// The policy.
    pub policy: Identity,
    /// Wall time of this inspection in microseconds (for a cache hit: of the lookup).
    pub elapsed_us: u64,
}

impl Verdict {
    /// Score of one class (0 when absent).
    pub fn class_score(&self, class: Class) -> f32 {
        self.scores.get(&class).copied().unwrap_or(0.0)
    }

    /// The strongest finding, if any.
    pub fn top_finding(&self) -> Option<&Finding> {
        self.findings.first()
    }

    /// Rough heap size in bytes, for the cache's weigher.
    pub fn approx_bytes(&self) -> usize {
        let findings: usize = self
            .findings
            .iter()
            .map(|f| {
                std::mem::size_of::<Finding>()
                    + f.detector.len()
                    + f.pointer.len()
                    + f.text.len()
                    + f.reason.len()
                    + f.decoded.as_ref().map_or(0, String::len)
                    + f.tags.iter().map(String::len).sum::<usize>()
            })
            .sum();
        std::mem::size_of::<Verdict>() + findings + self.decided_by.len() + self.errors.iter().map(String::len).sum::<usize>() + 128
    }
}
