//! `--fail-under METRIC=VALUE`: quality bars for CI.

use crate::error::{Error, Result};
use crate::metrics::GroupMetrics;
use crate::report::Report;
use serde_json::Value;
use std::str::FromStr;

/// A bar: the metric must be at least `min` (a `null` metric fails).
#[derive(Debug, Clone, PartialEq)]
pub struct Bar {
    /// Dotted path in `metrics.json`: `overall.recall`, `context_dependent.recall`,
    /// `tool_definitions.tpr_at_fpr_1pct`, `by_dataset.msb.roc_auc`, `by_kind.prompt.fpr`,
    /// `by_attack.atpa.tpr_at_fpr_1pct`.
    pub metric: String,
    /// The least acceptable value.
    pub min: f64,
}

/// Splits a metric path into `(group, key, metric)`.
pub fn parse_path(path: &str) -> Result<(String, Option<String>, String)> {
    let bad = |why: &str| Error::Usage(format!("metric `{path}`: {why}"));
    let (head, metric) = path.rsplit_once('.').ok_or_else(|| bad("expected GROUP.METRIC or by_*.NAME.METRIC"))?;
    if !GroupMetrics::FIELDS.contains(&metric) {
        return Err(bad(&format!("unknown metric `{metric}` (one of: {})", GroupMetrics::FIELDS.join(", "))));
    }
    match head.split_once('.') {
        None if matches!(head, "overall" | "context_dependent" | "tool_definitions") => Ok((head.to_owned(), None, metric.to_owned())),
        Some((group, key)) if matches!(group, "by_dataset" | "by_kind" | "by_attack") && !key.is_empty() => {
            Ok((group.to_owned(), Some(key.to_owned()), metric.to_owned()))
        }
        _ => Err(bad("the group must be overall, context_dependent, tool_definitions, by_dataset.NAME, by_kind.NAME or by_attack.NAME")),
    }
}

impl FromStr for Bar {
    type Err = Error;

    fn from_str(s: &str) -> Result<Bar> {
        let (metric, value) = s.split_once('=').ok_or_else(|| Error::Usage(format!("`{s}`: expected METRIC=VALUE")))?;
        parse_path(metric.trim())?;
        let min: f64 = value.trim().parse().map_err(|_| Error::Usage(format!("`{s}`: `{value}` is not a number")))?;
        if !min.is_finite() {
            return Err(Error::Usage(format!("`{s}`: the bar must be a finite number")));
        }
        Ok(Bar { metric: metric.trim().to_owned(), min })
    }
}

/// The value of a metric path in a report (`None` when the group is absent or the metric null).
pub fn lookup(report: &Report, path: &str) -> Option<f64> {
    let doc = serde_json::to_value(report).ok()?;
    lookup_value(&doc, path)
}

/// The value of a metric path in a `metrics.json` document.
pub fn lookup_value(doc: &Value, path: &str) -> Option<f64> {
    let (group, key, metric) = parse_path(path).ok()?;
    let g = doc.get(group.as_str())?;
    let g = match key {
        Some(k) => g.get(k.as_str())?,
        None => g,
    };
    g.get(metric.as_str())?.as_f64()
}

/// The bars a report fails, with the actual values.
pub fn check(report: &Report, bars: &[Bar]) -> Vec<(Bar, Option<f64>)> {
    let Ok(doc) = serde_json::to_value(report) else {
        return bars.iter().map(|b| (b.clone(), None)).collect();
    };
    bars.iter()
        .filter_map(|b| {
            let v = lookup_value(&doc, &b.metric);
            match v {
                Some(x) if x >= b.min => None,
                _ => Some((b.clone(), v)),
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_bars() {
        assert!("overall.recall=0.5".parse::<Bar>().is_ok());
        assert!("by_dataset.my.set.roc_auc=0.5".parse::<Bar>().is_ok_and(|b| b.metric == "by_dataset.my.set.roc_auc"));
        assert!("overall.recal=0.5".parse::<Bar>().is_err());
        assert!("overall.recall".parse::<Bar>().is_err());
        assert!("overall.recall=x".parse::<Bar>().is_err());
        assert!("by_dataset.recall=0.5".parse::<Bar>().is_err());
        assert!("everything.recall=0.5".parse::<Bar>().is_err());
        let doc = serde_json::json!({"overall": {"recall": 0.7, "roc_auc": null}, "by_dataset": {"my.set": {"f1": 0.2}}});
        assert_eq!(lookup_value(&doc, "overall.recall"), Some(0.7));
        assert_eq!(lookup_value(&doc, "overall.roc_auc"), None);
        assert_eq!(lookup_value(&doc, "by_dataset.my.set.f1"), Some(0.2));
    }
}
