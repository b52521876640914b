//! `--compare OTHER_OUT`: the differences between two runs.

use crate::dataset::Label;
use crate::error::{Error, Result};
use crate::metrics::GroupMetrics;
use crate::report::{md_escape, Report};
use crate::run::Prediction;
use palisade_engine::Action;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::fmt::Write as _;
use std::path::Path;

/// A run read back from its output directory.
#[derive(Debug, Clone, PartialEq)]
pub struct SavedRun {
    /// `metrics.json`.
    pub report: Report,
    /// `predictions.jsonl`.
    pub predictions: Vec<Prediction>,
}

/// Reads `metrics.json` and `predictions.jsonl` from a run's output directory.
pub fn load(dir: &Path) -> Result<SavedRun> {
    let mpath = dir.join("metrics.json");
    let text = std::fs::read_to_string(&mpath).map_err(|e| Error::io(&mpath, e))?;
    let report: Report = serde_json::from_str(&text).map_err(|e| Error::Json { path: mpath.clone(), message: e.to_string() })?;
    let ppath = dir.join("predictions.jsonl");
    let text = std::fs::read_to_string(&ppath).map_err(|e| Error::io(&ppath, e))?;
    let mut predictions = Vec::new();
    for (i, line) in text.lines().enumerate().filter(|(_, l)| !l.trim().is_empty()) {
        let p: Prediction = serde_json::from_str(line).map_err(|e| Error::Json { path: ppath.clone(), message: format!("line {}: {e}", i + 1) })?;
        predictions.push(p);
    }
    Ok(SavedRun { report, predictions })
}

/// One metric that changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct MetricDelta {
    /// `overall`, `context_dependent`, `by_dataset.msb`, …
    pub group: String,
    /// The metric field.
    pub metric: String,
    /// In the other (earlier) run.
    pub before: Option<f64>,
    /// In this run.
    pub after: Option<f64>,
    /// `after − before`, when both are defined.
    pub delta: Option<f64>,
}

/// An item whose decision flipped between allowed and not allowed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Flip {
    /// Item id.
    pub id: String,
    /// Dataset.
    pub dataset: String,
    /// Ground truth.
    pub label: Label,
    /// Action in the other run.
    pub before_action: Action,
    /// Action in this run.
    pub after_action: Action,
    /// Score in the other run.
    pub before_score: f64,
    /// Score in this run.
    pub after_score: f64,
}

/// The differences between this run and another.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Comparison {
    /// The other run's directory.
    pub other: String,
    /// Changed metrics (every group and field present in either run).
    pub metric_deltas: Vec<MetricDelta>,
    /// Items that flipped allow ↔ not-allow, sorted by id.
    pub flipped: Vec<Flip>,
    /// Of the flips: items now flagged that were allowed.
    pub now_flagged: usize,
    /// Of the flips: items now allowed that were flagged.
    pub now_allowed: usize,
    /// Of the flips: fixed (now right) minus broken (now wrong).
    pub net_fixed: i64,
    /// Items only in this run.
    pub only_in_this: usize,
    /// Items only in the other run.
    pub only_in_other: usize,
}

fn groups(r: &Report) -> BTreeMap<String, Value> {
    let mut m = BTreeMap::new();
    let v = |g: &GroupMetrics| serde_json::to_value(g).unwrap_or(Value::Null);
    m.insert("overall".to_owned(), v(&r.overall));
    m.insert("context_dependent".to_owned(), v(&r.context_dependent));
    for (name, map) in [("by_dataset", &r.by_dataset), ("by_kind", &r.by_kind), ("by_attack", &r.by_attack)] {
        for (k, g) in map {
            m.insert(format!("{name}.{k}"), v(g));
        }
    }
    m
}

/// Compares this run (`after`) with another (`before`).
pub fn compare(other: &str, before: &SavedRun, after_report: &Report, after: &[Prediction]) -> Comparison {
    let (gb, ga) = (groups(&before.report), groups(after_report));
    let keys: BTreeSet<&String> = gb.keys().chain(ga.keys()).collect();
    let mut metric_deltas = Vec::new();
    for k in keys {
        for f in GroupMetrics::FIELDS {
            let b = gb.get(k).and_then(|g| g.get(f)).and_then(Value::as_f64);
            let a = ga.get(k).and_then(|g| g.get(f)).and_then(Value::as_f64);
            if a != b {
                let delta = a.zip(b).map(|(a, b)| crate::metrics::round6(a - b));
                metric_deltas.push(MetricDelta { group: k.clone(), metric: f.to_owned(), before: b, after: a, delta });
            }
        }
    }
    let key = |p: &Prediction| (p.dataset.clone(), p.id.clone());
    let old: BTreeMap<(String, String), &Prediction> = before.predictions.iter().map(|p| (key(p), p)).collect();
    let new: BTreeMap<(String, String), &Prediction> = after.iter().map(|p| (key(p), p)).collect();
    let mut c = Comparison { other: other.to_owned(), metric_deltas, ..Comparison::default() };
    c.only_in_other = old.keys().filter(|k| !new.contains_key(*k)).count();
    for (k, a) in &new {
        let Some(b) = old.get(k) else {
            c.only_in_this += 1;
            continue;
        };
        if a.flagged() != b.flagged() {
            if a.flagged() {
                c.now_flagged += 1;
            } else {
                c.now_allowed += 1;
            }
            c.net_fixed += if a.flagged() == a.label.is_malicious() { 1 } else { -1 };
            c.flipped.push(Flip {
                id: a.id.clone(),
                dataset: a.dataset.clone(),
                label: a.label,
                before_action: b.action,
                after_action: a.action,
                before_score: b.score,
                after_score: a.score,
            });
        }
    }
    c.flipped.sort_by(|x, y| x.id.cmp(&y.id).then_with(|| x.dataset.cmp(&y.dataset)));
    c
}

fn opt(x: Option<f64>) -> String {
    x.map_or_else(|| "null".to_owned(), |v| format!("{v:.4}"))
}

fn action(a: Action) -> String {
    serde_json::to_value(a).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
}

/// How many flips the Markdown rendering lists.
pub const MAX_FLIPS_SHOWN: usize = 50;

/// Renders the comparison as Markdown (also readable as plain text). Latency changes are left
/// out except for `overall` (they change on every run); the JSON form has them all.
pub fn markdown(c: &Comparison) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "## Comparison with `{}`\n", md_escape(&c.other));
    let shown: Vec<&MetricDelta> = c.metric_deltas.iter().filter(|d| !d.metric.starts_with("latency_") || d.group == "overall").collect();
    if shown.is_empty() {
        out.push_str("No metric changed.\n\n");
    } else {
        out.push_str("| group | metric | before | after | delta |\n|---|---|--:|--:|--:|\n");
        for d in shown {
            let delta = d.delta.map_or_else(|| "—".to_owned(), |x| format!("{x:+.4}"));
            let _ = writeln!(out, "| {} | {} | {} | {} | {} |", md_escape(&d.group), d.metric, opt(d.before), opt(d.after), delta);
        }
        out.push('\n');
    }
    let _ = writeln!(
        out,
        "{} item(s) flipped allow ↔ not-allow: {} now flagged, {} now allowed, net {:+} correct. {} item(s) only in this run, {} only in the other.\n",
        c.flipped.len(),
        c.now_flagged,
        c.now_allowed,
        c.net_fixed,
        c.only_in_this,
        c.only_in_other
    );
    if !c.flipped.is_empty() {
        out.push_str("| id | dataset | label | before | after |\n|---|---|---|---|---|\n");
        for f in c.flipped.iter().take(MAX_FLIPS_SHOWN) {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} {} | {} {} |",
                md_escape(&f.id),
                md_escape(&f.dataset),
                f.label.as_str(),
                action(f.before_action),
                f.before_score,
                action(f.after_action),
                f.after_score
            );
        }
        if c.flipped.len() > MAX_FLIPS_SHOWN {
            let _ = writeln!(out, "\n… {} more in `compare.json`.", c.flipped.len() - MAX_FLIPS_SHOWN);
        }
    }
    out
}
