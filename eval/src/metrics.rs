//! Metric functions: confusion counts, ROC and precision-recall curves, ROC-AUC, average
//! precision, TPR at a fixed FPR, latency percentiles.
//!
//! Conventions:
//! - The positive class is `malicious`.
//! - Counts (`tp`, `fp`, …) use the engine's decision: predicted positive means the action is
//!   not `allow` ([`Obs::flagged`]).
//! - Threshold metrics use the verdict's `score`: at threshold `t`, items with `score >= t` are
//!   predicted positive. Items with equal scores are never separated (ties move together).
//! - A metric that is undefined for a group (ROC-AUC with one class, precision with nothing
//!   flagged, …) is `None` (`null` in JSON), never NaN.

use serde::{Deserialize, Serialize};
use std::cmp::Ordering;

/// One scored, labelled item.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Obs {
    /// The verdict's score.
    pub score: f64,
    /// Ground truth: the item is an attack.
    pub malicious: bool,
    /// The engine's decision: the action is not `allow`.
    pub flagged: bool,
}

impl Obs {
    /// An observation.
    pub fn new(score: f64, malicious: bool, flagged: bool) -> Obs {
        Obs { score, malicious, flagged }
    }
}

/// A point of the ROC / PR curves: the counts at one threshold.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Point {
    /// Items with `score >= threshold` are predicted positive.
    pub threshold: f64,
    /// True positives at this threshold.
    pub tp: usize,
    /// False positives at this threshold.
    pub fp: usize,
}

/// Confusion counts.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Counts {
    /// Items.
    pub n: usize,
    /// Malicious items.
    pub positives: usize,
    /// Benign items.
    pub negatives: usize,
    /// Malicious and flagged.
    pub tp: usize,
    /// Benign and flagged.
    pub fp: usize,
    /// Benign and allowed.
    pub tn: usize,
    /// Malicious and allowed.
    #[serde(rename = "fn")]
    pub fn_: usize,
}

impl Counts {
    /// Counts the engine's decisions.
    pub fn of(obs: &[Obs]) -> Counts {
        let mut c = Counts { n: obs.len(), ..Counts::default() };
        for o in obs {
            match (o.malicious, o.flagged) {
                (true, true) => c.tp += 1,
                (true, false) => c.fn_ += 1,
                (false, true) => c.fp += 1,
                (false, false) => c.tn += 1,
            }
        }
        c.positives = c.tp + c.fn_;
        c.negatives = c.fp + c.tn;
        c
    }
}

fn ratio(num: usize, den: usize) -> Option<f64> {
    (den > 0).then(|| num as f64 / den as f64)
}

/// `tp / (tp + fp)`; `None` when nothing is flagged.
pub fn precision(c: &Counts) -> Option<f64> {
    ratio(c.tp, c.tp + c.fp)
}

/// `tp / positives`; `None` without positives.
pub fn recall(c: &Counts) -> Option<f64> {
    ratio(c.tp, c.positives)
}

/// `fp / negatives`; `None` without negatives.
pub fn fpr(c: &Counts) -> Option<f64> {
    ratio(c.fp, c.negatives)
}

/// Harmonic mean of precision and recall; 0 when both are 0, `None` when either is undefined.
pub fn f1(c: &Counts) -> Option<f64> {
    let (p, r) = (precision(c)?, recall(c)?);
    Some(if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 })
}

/// Share of benign items allowed, on a group without malicious items; `None` otherwise.
pub fn over_defense_accuracy(c: &Counts) -> Option<f64> {
    if c.positives == 0 {
        ratio(c.tn, c.negatives)
    } else {
        None
    }
}

/// The curve's points, one per distinct score, from the highest threshold down.
pub fn curve(obs: &[Obs]) -> Vec<Point> {
    let mut sorted: Vec<&Obs> = obs.iter().collect();
    sorted.sort_by(|a, b| b.score.total_cmp(&a.score));
    let mut out: Vec<Point> = Vec::new();
    let (mut tp, mut fp) = (0, 0);
    let mut iter = sorted.into_iter().peekable();
    while let Some(o) = iter.next() {
        if o.malicious {
            tp += 1;
        } else {
            fp += 1;
        }
        let group_ends = iter.peek().is_none_or(|next| next.score.total_cmp(&o.score) != Ordering::Equal);
        if group_ends {
            out.push(Point { threshold: o.score, tp, fp });
        }
    }
    out
}

fn classes(obs: &[Obs]) -> (usize, usize) {
    let p = obs.iter().filter(|o| o.malicious).count();
    (p, obs.len() - p)
}

/// `(fpr, tpr)` ROC points from `(0, 0)` to `(1, 1)`; empty when a class is missing.
pub fn roc_points(obs: &[Obs]) -> Vec<(f64, f64)> {
    let (p, n) = classes(obs);
    if p == 0 || n == 0 {
        return Vec::new();
    }
    std::iter::once((0.0, 0.0))
        .chain(curve(obs).into_iter().map(|pt| (pt.fp as f64 / n as f64, pt.tp as f64 / p as f64)))
        .collect()
}

/// `(recall, precision)` PR points, starting at recall 0 with the first point's precision;
/// empty when a class is missing.
pub fn pr_points(obs: &[Obs]) -> Vec<(f64, f64)> {
    let (p, n) = classes(obs);
    if p == 0 || n == 0 {
        return Vec::new();
    }
    let pts: Vec<(f64, f64)> = curve(obs).into_iter().map(|pt| (pt.tp as f64 / p as f64, pt.tp as f64 / (pt.tp + pt.fp) as f64)).collect();
    match pts.first() {
        Some(&(_, first)) => std::iter::once((0.0, first)).chain(pts).collect(),
        None => pts,
    }
}

/// Area under the ROC curve (trapezoids, so tied scores count one half); `None` when a class is
/// missing.
pub fn roc_auc(obs: &[Obs]) -> Option<f64> {
    let (p, n) = classes(obs);
    if p == 0 || n == 0 {
        return None;
    }
    let (mut area, mut prev_tp, mut prev_fp) = (0.0, 0usize, 0usize);
    for pt in curve(obs) {
        area += (pt.fp - prev_fp) as f64 * (pt.tp + prev_tp) as f64 / 2.0;
        prev_tp = pt.tp;
        prev_fp = pt.fp;
    }
    Some(area / (p as f64 * n as f64))
}

/// Average precision (area under the PR curve as a step function):
/// `Σ (R_k − R_{k−1}) · P_k` over the distinct thresholds. `None` when a class is missing.
pub fn average_precision(obs: &[Obs]) -> Option<f64> {
    let (p, n) = classes(obs);
    if p == 0 || n == 0 {
        return None;
    }
    let (mut ap, mut prev_tp) = (0.0, 0usize);
    for pt in curve(obs) {
        if pt.tp > prev_tp {
            ap += (pt.tp - prev_tp) as f64 / p as f64 * (pt.tp as f64 / (pt.tp + pt.fp) as f64);
        }
        prev_tp = pt.tp;
    }
    Some(ap)
}

/// The highest TPR reachable with FPR at most `max_fpr`, and the (highest) threshold that
/// reaches it. The threshold is `None` when no threshold flags any malicious item within the
/// FPR budget (TPR 0). `None` altogether when a class is missing.
pub fn tpr_at_fpr(obs: &[Obs], max_fpr: f64) -> Option<(f64, Option<f64>)> {
    let (p, n) = classes(obs);
    if p == 0 || n == 0 {
        return None;
    }
    let mut best = (0.0, None);
    for pt in curve(obs) {
        if pt.fp as f64 > max_fpr * n as f64 + 1e-9 {
            break;
        }
        let tpr = pt.tp as f64 / p as f64;
        if tpr > best.0 {
            best = (tpr, Some(pt.threshold));
        }
    }
    Some(best)
}

/// Nearest-rank percentile (`q` in `(0, 1]`) of sorted values; `None` when empty.
pub fn percentile(sorted: &[u64], q: f64) -> Option<u64> {
    if sorted.is_empty() {
        return None;
    }
    let rank = (q * sorted.len() as f64).ceil() as usize;
    sorted.get(rank.clamp(1, sorted.len()) - 1).copied()
}

/// Rounds to 6 decimals (metrics files stay readable and diffable).
pub fn round6(x: f64) -> f64 {
    (x * 1e6).round() / 1e6
}

/// Every metric of one group of items (see the crate documentation for each field).
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct GroupMetrics {
    /// Confusion counts.
    #[serde(flatten)]
    pub counts: Counts,
    /// `tp / (tp + fp)`.
    pub precision: Option<f64>,
    /// `tp / positives`.
    pub recall: Option<f64>,
    /// Harmonic mean of precision and recall.
    pub f1: Option<f64>,
    /// `fp / negatives`.
    pub fpr: Option<f64>,
    /// Area under the ROC curve of the score.
    pub roc_auc: Option<f64>,
    /// Average precision of the score.
    pub pr_auc: Option<f64>,
    /// Highest TPR with FPR ≤ 0.1 %.
    pub tpr_at_fpr_0_1pct: Option<f64>,
    /// Score threshold reaching `tpr_at_fpr_0_1pct`.
    pub threshold_at_fpr_0_1pct: Option<f64>,
    /// Highest TPR with FPR ≤ 1 %.
    pub tpr_at_fpr_1pct: Option<f64>,
    /// Score threshold reaching `tpr_at_fpr_1pct`.
    pub threshold_at_fpr_1pct: Option<f64>,
    /// Highest TPR with FPR ≤ 2 % (the tool-output bar of the model issue).
    pub tpr_at_fpr_2pct: Option<f64>,
    /// Score threshold reaching `tpr_at_fpr_2pct`.
    pub threshold_at_fpr_2pct: Option<f64>,
    /// Highest TPR with FPR ≤ 5 %.
    pub tpr_at_fpr_5pct: Option<f64>,
    /// Score threshold reaching `tpr_at_fpr_5pct`.
    pub threshold_at_fpr_5pct: Option<f64>,
    /// Share of benign items allowed, on groups without malicious items.
    pub over_defense_accuracy: Option<f64>,
    /// Median inspection latency, µs.
    pub latency_p50_us: Option<u64>,
    /// 95th percentile latency, µs.
    pub latency_p95_us: Option<u64>,
    /// 99th percentile latency, µs.
    pub latency_p99_us: Option<u64>,
    /// Slowest inspection, µs.
    pub latency_max_us: Option<u64>,
}

impl GroupMetrics {
    /// The names of the metric fields, as in `metrics.json`.
    pub const FIELDS: [&'static str; 26] = [
        "n",
        "positives",
        "negatives",
        "tp",
        "fp",
        "tn",
        "fn",
        "precision",
        "recall",
        "f1",
        "fpr",
        "roc_auc",
        "pr_auc",
        "tpr_at_fpr_0_1pct",
        "threshold_at_fpr_0_1pct",
        "tpr_at_fpr_1pct",
        "threshold_at_fpr_1pct",
        "tpr_at_fpr_2pct",
        "threshold_at_fpr_2pct",
        "tpr_at_fpr_5pct",
        "threshold_at_fpr_5pct",
        "over_defense_accuracy",
        "latency_p50_us",
        "latency_p95_us",
        "latency_p99_us",
        "latency_max_us",
    ];

    /// Computes every metric: quality from `obs`, latency from `latencies_us`.
    pub fn compute(obs: &[Obs], latencies_us: &[u64]) -> GroupMetrics {
        let counts = Counts::of(obs);
        let r = |x: Option<f64>| x.map(round6);
        let at = |q: f64| tpr_at_fpr(obs, q);
        let (t01, t1, t2, t5) = (at(0.001), at(0.01), at(0.02), at(0.05));
        let mut lat = latencies_us.to_vec();
        lat.sort_unstable();
        GroupMetrics {
            counts,
            precision: r(precision(&counts)),
            recall: r(recall(&counts)),
            f1: r(f1(&counts)),
            fpr: r(fpr(&counts)),
            roc_auc: r(roc_auc(obs)),
            pr_auc: r(average_precision(obs)),
            tpr_at_fpr_0_1pct: r(t01.map(|t| t.0)),
            threshold_at_fpr_0_1pct: t01.and_then(|t| t.1),
            tpr_at_fpr_1pct: r(t1.map(|t| t.0)),
            threshold_at_fpr_1pct: t1.and_then(|t| t.1),
            tpr_at_fpr_2pct: r(t2.map(|t| t.0)),
            threshold_at_fpr_2pct: t2.and_then(|t| t.1),
            tpr_at_fpr_5pct: r(t5.map(|t| t.0)),
            threshold_at_fpr_5pct: t5.and_then(|t| t.1),
            over_defense_accuracy: r(over_defense_accuracy(&counts)),
            latency_p50_us: percentile(&lat, 0.50),
            latency_p95_us: percentile(&lat, 0.95),
            latency_p99_us: percentile(&lat, 0.99),
            latency_max_us: lat.last().copied(),
        }
    }
}

/// The shortest decimal that reads back as the same `f32`, as an `f64`: scores and thresholds
/// print as `0.85`, not `0.8500000238418579`, and compare exactly with the engine's `f32` scores.
pub fn f32_decimal(x: f32) -> f64 {
    format!("{x}").parse().unwrap_or_else(|_| f64::from(x))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_match_serialisation() {
        let v = serde_json::to_value(GroupMetrics::default()).unwrap_or_default();
        let keys: Vec<&str> = v.as_object().map(|o| o.keys().map(String::as_str).collect()).unwrap_or_default();
        for f in GroupMetrics::FIELDS {
            assert!(keys.contains(&f), "{f}");
        }
        assert_eq!(keys.len(), GroupMetrics::FIELDS.len());
    }

    #[test]
    fn f32_scores_print_short() {
        assert_eq!(f32_decimal(0.85).to_string(), "0.85");
        assert!(f32_decimal(0.85) as f32 == 0.85_f32);
    }
}
