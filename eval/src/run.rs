//! Running the engine over dataset rows: one [`Prediction`] per row.

use crate::dataset::{Label, Record};
use crate::metrics::{f32_decimal, Obs};
use palisade_engine::{Action, Context, Engine, ToolRef, Verdict};
use std::collections::{BTreeSet, HashMap};
use rayon::prelude::*;
use serde::{Deserialize, Serialize};
use std::sync::atomic::{AtomicUsize, Ordering};

/// How many detector ids a prediction lists.
pub const TOP_FINDINGS: usize = 5;
/// How many findings a prediction keeps in full (detector, reason, matched text) for the report.
pub const TOP_EVIDENCE: usize = 3;
/// Characters of the row's text kept for the report.
pub const EXCERPT_CHARS: usize = 200;

/// One finding as the report shows it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// The detector id.
    pub detector: String,
    /// The finding's own score.
    pub score: f64,
    /// The one-line reason.
    pub reason: String,
    /// The matched text (the decoded text when the match was in hidden content).
    pub text: String,
}

/// The engine's verdict on one row, with the row's ground truth. One line of `predictions.jsonl`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Prediction {
    /// The row's id.
    pub id: String,
    /// The dataset (file stem).
    pub dataset: String,
    /// Ground truth.
    pub label: Label,
    /// The row's kind.
    pub kind: String,
    /// The attack family (`null` for benign rows).
    pub attack: Option<String>,
    /// The verdict's score (the number the thresholds apply to).
    pub score: f64,
    /// The action the policy chose.
    pub action: Action,
    /// Detector ids of the strongest findings (at most [`TOP_FINDINGS`]).
    pub findings: Vec<String>,
    /// Inspection time, µs.
    pub latency_us: u64,
    /// `meta.context_dependent`: reported in its own group.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub context_dependent: bool,
    /// The strongest findings in full (kept in memory for the report, not written).
    #[serde(skip)]
    pub evidence: Vec<Evidence>,
    /// The start of the row's text (kept in memory for the report, not written).
    #[serde(skip)]
    pub excerpt: String,
}

impl Prediction {
    /// Whether the engine flagged the item (action other than `allow`).
    pub fn flagged(&self) -> bool {
        self.action != Action::Allow
    }

    /// The observation the metrics use.
    pub fn obs(&self) -> Obs {
        Obs::new(self.score, self.label.is_malicious(), self.flagged())
    }

    /// Builds the prediction for a record from the engine's verdict.
    pub fn from_verdict(record: &Record, verdict: &Verdict) -> Prediction {
        let row = &record.row;
        Prediction {
            id: row.id.clone(),
            dataset: record.dataset.clone(),
            label: row.label,
            kind: row.kind.clone(),
            attack: row.attack.clone(),
            score: f32_decimal(verdict.score),
            action: verdict.action,
            findings: verdict.findings.iter().take(TOP_FINDINGS).map(|f| f.detector.clone()).collect(),
            latency_us: verdict.elapsed_us,
            context_dependent: row.context_dependent(),
            evidence: verdict
                .findings
                .iter()
                .take(TOP_EVIDENCE)
                .map(|f| Evidence {
                    detector: f.detector.clone(),
                    score: f32_decimal(f.score),
                    reason: f.reason.clone(),
                    text: f.decoded.clone().unwrap_or_else(|| f.text.clone()),
                })
                .chain(verdict.errors.iter().map(|e| Evidence { detector: "error".to_owned(), score: 0.0, reason: e.clone(), text: String::new() }))
                .collect(),
            excerpt: excerpt(&row.text, EXCERPT_CHARS),
        }
    }
}

/// The first `max` characters of a text, with `…` when cut.
pub fn excerpt(text: &str, max: usize) -> String {
    let mut chars = text.chars();
    let head: String = chars.by_ref().take(max).collect();
    if chars.next().is_some() {
        head + "…"
    } else {
        head
    }
}

/// Inspects every record in parallel (one level of rayon parallelism) and returns the
/// predictions sorted by `(id, dataset)`. `done` counts finished items, for a progress display.
/// `server` is passed to the engine as the context's server (for the policy's allow/deny lists).
pub fn evaluate(engine: &Engine, records: &[Record], server: Option<&str>, done: Option<&AtomicUsize>) -> Vec<Prediction> {
    evaluate_with(engine, records, server, done, None)
}

/// The tool list each of `records` is seen in: the other tools (by name) of the rows of `all`
/// (every split: a list is not split) from the same dataset and `meta.server`, offered by a
/// peer server (`peer:<server>`). Label-blind: it is the list an agent connected to both
/// would see.
pub fn tool_lists(all: &[Record], records: &[Record]) -> Vec<std::sync::Arc<[ToolRef]>> {
    let mut by_server: HashMap<(String, String), BTreeSet<String>> = HashMap::new();
    let name_of = |r: &Record| r.row.subject().ok().and_then(|s| s.tool_name().map(str::to_owned));
    let key_of = |r: &Record| r.row.meta.get("server").and_then(serde_json::Value::as_str).map(|s| (r.dataset.clone(), s.to_owned()));
    for r in all {
        if let (Some(k), Some(n)) = (key_of(r), name_of(r)) {
            by_server.entry(k).or_default().insert(n);
        }
    }
    records
        .iter()
        .map(|r| match (key_of(r), name_of(r)) {
            (Some(k), Some(n)) => by_server
                .get(&k)
                .map(|names| names.iter().filter(|m| **m != n).map(|m| ToolRef { server: Some(format!("peer:{}", k.1)), name: m.clone() }).collect())
                .unwrap_or_default(),
            _ => std::sync::Arc::default(),
        })
        .collect()
}

/// [`evaluate`], optionally inspecting each tool row with its tool list (built from `lists`,
/// every row read, see [`tool_lists`]) as context: how the attacks visible only in the whole
/// list (`context_dependent` rows: renamed duplicates, `_v2` lookalikes, tool transfer) are
/// measured.
pub fn evaluate_with(engine: &Engine, records: &[Record], server: Option<&str>, done: Option<&AtomicUsize>, lists: Option<&[Record]>) -> Vec<Prediction> {
    let contexts = lists.map(|all| tool_lists(all, records)).unwrap_or_default();
    let mut out: Vec<Prediction> = records
        .par_iter()
        .enumerate()
        .map(|(i, record)| {
            let verdict = match record.row.subject() {
                Ok(subject) => {
                    let mut ctx = Context::new(server, subject.tool_name());
                    if let Some(tools) = contexts.get(i) {
                        ctx.tools = tools.clone();
                    }
                    engine.inspect(&subject, &ctx)
                }
                // Rows are checked when read; this only happens for hand-built records.
                Err(e) => engine.error_verdict(record.row.surface().unwrap_or(palisade_engine::Surface::ToolDescription), &e),
            };
            if let Some(d) = done {
                d.fetch_add(1, Ordering::Relaxed);
            }
            Prediction::from_verdict(record, &verdict)
        })
        .collect();
    sort_predictions(&mut out);
    out
}

/// Sorts predictions by `(id, dataset)`, the order of every output.
pub fn sort_predictions(p: &mut [Prediction]) {
    p.sort_by(|a, b| a.id.cmp(&b.id).then_with(|| a.dataset.cmp(&b.dataset)));
}
