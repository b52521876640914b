//! The report and plots for the tiny fixture dataset.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_engine::Engine;
use palisade_eval::dataset::read_paths;
use palisade_eval::report::{markdown, Report, RunInfo};
use palisade_eval::run::{evaluate, Prediction};
use std::path::{Path, PathBuf};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/tiny")
}

fn temp_dir(name: &str) -> PathBuf {
    let d = std::env::temp_dir().join(format!("palisade-eval-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&d);
    d
}

fn run_fixture() -> (Report, Vec<Prediction>) {
    let loaded = read_paths(&[fixture()]).unwrap();
    let engine = Engine::builder().cache(false).build().unwrap();
    let preds = evaluate(&engine, &loaded.records, None, None);
    let run = RunInfo { items_read: loaded.records.len(), bad_lines: loaded.bad_lines.len(), ..RunInfo::default() };
    (Report::build(run, &preds), preds)
}

#[test]
fn reads_fixture_and_reports_bad_lines() {
    let loaded = read_paths(&[fixture()]).unwrap();
    assert_eq!(loaded.files.len(), 2);
    assert_eq!(loaded.records.len(), 15);
    let bad: Vec<(usize, bool)> = loaded.bad_lines.iter().map(|b| (b.line, b.file.ends_with("alpha.jsonl"))).collect();
    assert_eq!(bad, vec![(11, true), (12, true)]);
    assert!(loaded.bad_lines[1].error.contains("unknown kind `email`"));
}

#[test]
fn groups_and_context_dependent_items() {
    let (report, preds) = run_fixture();
    assert_eq!(preds.len(), 15);
    // Sorted by id.
    assert!(preds.windows(2).all(|w| w[0].id <= w[1].id));
    assert_eq!(report.overall.counts.n, 14);
    assert_eq!(report.context_dependent.counts.n, 1);
    assert_eq!(report.context_dependent.counts.positives, 1);
    assert_eq!(report.by_dataset.keys().collect::<Vec<_>>(), vec!["alpha", "beta"]);
    let beta = &report.by_dataset["beta"];
    assert_eq!((beta.counts.positives, beta.roc_auc), (0, None));
    assert!(beta.over_defense_accuracy.is_some_and(|x| (0.0..=1.0).contains(&x)));
    assert_eq!(
        report.by_kind.keys().collect::<Vec<_>>(),
        vec!["prompt", "tool_description", "tool_output", "tool_schema"]
    );
    // Each attack against all 9 benign text-only items.
    let tp = &report.by_attack["tool_poisoning"];
    assert_eq!((tp.counts.positives, tp.counts.negatives), (1, 9));
    assert!(!report.by_attack.contains_key("name_collision"), "context-dependent rows stay out of by_attack");
    // The poisoned tool is blocked.
    assert!(preds.iter().any(|p| p.id == "alpha:1" && p.flagged()));
    // Labelled tool definitions: alpha's text-only schemas and descriptions (alpha holds
    // malicious ones), not beta's benign-only registry.
    let defs = &report.tool_definitions;
    assert_eq!((defs.counts.n, defs.counts.positives, defs.counts.negatives), (4, 2, 2));
    assert!(defs.tpr_at_fpr_2pct.is_some());
    let bar: palisade_eval::gate::Bar = "tool_definitions.tpr_at_fpr_1pct=0.5".parse().unwrap();
    assert!(palisade_eval::gate::lookup(&report, &bar.metric).is_some());
    assert!("by_kind.tool_output.tpr_at_fpr_2pct=0.9".parse::<palisade_eval::gate::Bar>().is_ok());
}

#[test]
fn deterministic_numbers() {
    let (a, pa) = run_fixture();
    let (b, pb) = run_fixture();
    let strip = |p: &[Prediction]| p.iter().map(|p| (p.id.clone(), p.score, p.action, p.findings.clone())).collect::<Vec<_>>();
    assert_eq!(strip(&pa), strip(&pb));
    assert_eq!((a.overall.roc_auc, a.overall.pr_auc, a.overall.counts), (b.overall.roc_auc, b.overall.pr_auc, b.overall.counts));
}

#[test]
fn writes_report_and_plots() {
    let (report, preds) = run_fixture();
    let dir = temp_dir("report");
    let files = palisade_eval::output::write_run(&dir, &report, &preds).unwrap();
    let names: Vec<String> = files.iter().map(|f| f.file_name().unwrap().to_string_lossy().into_owned()).collect();
    for want in ["predictions.jsonl", "metrics.json", "report.md", "roc.svg", "roc.png", "pr.svg", "pr.png"] {
        assert!(names.iter().any(|n| n == want), "{want} missing from {names:?}");
    }
    let png = std::fs::read(dir.join("roc.png")).unwrap();
    assert!(png.starts_with(b"\x89PNG\r\n\x1a\n") && png.len() > 5000, "{}", png.len());
    let svg = std::fs::read_to_string(dir.join("pr.svg")).unwrap();
    assert!(svg.contains("<svg") && svg.contains("alpha") && svg.contains("overall"));

    let lines: Vec<serde_json::Value> =
        std::fs::read_to_string(dir.join("predictions.jsonl")).unwrap().lines().map(|l| serde_json::from_str(l).unwrap()).collect();
    assert_eq!(lines.len(), 15);
    for key in ["id", "dataset", "label", "kind", "attack", "score", "action", "findings", "latency_us"] {
        assert!(lines[0].get(key).is_some(), "{key}");
    }

    let metrics: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(dir.join("metrics.json")).unwrap()).unwrap();
    for group in ["overall", "by_dataset", "by_kind", "by_attack", "context_dependent", "tool_definitions", "run"] {
        assert!(metrics.get(group).is_some(), "{group}");
    }
    assert!(metrics["by_dataset"]["beta"]["roc_auc"].is_null());

    let md = std::fs::read_to_string(dir.join("report.md")).unwrap();
    assert_eq!(md, markdown(&report, &preds));
    for want in ["## By dataset", "## By kind", "## By attack", "## Context-dependent items", "## TPR at fixed FPR", "## Latency", "![ROC curves](roc.png)", "false negatives", "| alpha |"] {
        assert!(md.contains(want), "{want}");
    }
    // HTML in matched text is escaped, so GitHub shows it.
    assert!(!md.contains("<IMPORTANT>"));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn compare_finds_flips() {
    let (report, preds) = run_fixture();
    let dir = temp_dir("compare");
    palisade_eval::output::write_run(&dir, &report, &preds).unwrap();
    let mut saved = palisade_eval::compare::load(&dir).unwrap();
    assert_eq!(saved.predictions.len(), preds.len());
    // Pretend the earlier run blocked a benign item.
    let benign = saved.predictions.iter_mut().find(|p| p.id == "beta:1").unwrap();
    benign.action = palisade_engine::Action::Block;
    saved.report.overall.recall = Some(0.1);
    let c = palisade_eval::compare::compare("old", &saved, &report, &preds);
    assert_eq!(c.flipped.len(), 1);
    assert_eq!((c.now_allowed, c.now_flagged, c.net_fixed), (1, 0, 1));
    assert!(c.metric_deltas.iter().any(|d| d.group == "overall" && d.metric == "recall"));
    assert!(palisade_eval::compare::markdown(&c).contains("beta:1"));
    let _ = std::fs::remove_dir_all(&dir);
}
