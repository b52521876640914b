//! `palisade eval`: exit statuses of --fail-under, --model and usage errors.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn fixture() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("eval/tests/fixtures/tiny")
}

fn out_dir(name: &str) -> PathBuf {
    std::env::temp_dir().join(format!("palisade-eval-cli-{name}-{}", std::process::id()))
}

fn eval(out: &Path, extra: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_palisade"))
        .arg("eval")
        .arg("--out")
        .arg(out)
        .args(extra)
        .arg(fixture())
        .output()
        .expect("run palisade")
}

#[test]
fn fail_under_sets_the_exit_status() {
    let dir = out_dir("gate");
    let ok = eval(&dir, &["--fail-under", "overall.recall=0", "--fail-under", "overall.roc_auc=0.5"]);
    assert_eq!(ok.status.code(), Some(0), "{}", String::from_utf8_lossy(&ok.stderr));
    assert!(dir.join("metrics.json").is_file() && dir.join("report.md").is_file() && dir.join("roc.png").is_file());
    let stderr = String::from_utf8_lossy(&ok.stderr);
    assert!(stderr.contains("alpha.jsonl:11"), "bad lines are reported with file:line: {stderr}");

    let below = eval(&dir, &["--fail-under", "overall.recall=1.01"]);
    assert_eq!(below.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&below.stderr).contains("overall.recall"));

    // A null metric (ROC-AUC of a benign-only dataset) fails the bar.
    let null = eval(&dir, &["--fail-under", "by_dataset.beta.roc_auc=0.1"]);
    assert_eq!(null.status.code(), Some(1));
    // So does a group that is not there.
    let missing = eval(&dir, &["--fail-under", "by_dataset.nowhere.recall=0.1"]);
    assert_eq!(missing.status.code(), Some(1));

    let usage = eval(&dir, &["--fail-under", "overall.bogus=1"]);
    assert_eq!(usage.status.code(), Some(2));
    let usage = eval(&dir, &["--fail-under", "overall.recall"]);
    assert_eq!(usage.status.code(), Some(2));
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn model_errors_are_usage_errors_and_a_model_enters_the_run() {
    let dir = out_dir("model");
    let o = eval(&dir, &["--model", "no-such-org/no-such-model"]);
    assert_eq!(o.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&o.stderr).contains("no-such-org/no-such-model"), "{}", String::from_utf8_lossy(&o.stderr));
    // A (tiny, random-weight) sequence classifier is fused with the detectors and the embedded
    // tier, and named in the run.
    let model = concat!(env!("CARGO_MANIFEST_DIR"), "/models/fixtures/tiny-bert-cls");
    let o = eval(&dir, &["--model", model, "--format", "json"]);
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}", String::from_utf8_lossy(&o.stderr));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("metrics.json");
    assert_eq!(v["run"]["model"]["name"], "palisade-v1-static+tiny-bert-cls");
}

#[test]
fn formats_and_compare() {
    let first = out_dir("first");
    let o = eval(&first, &["--format", "json"]);
    assert_eq!(o.status.code(), Some(0));
    let v: serde_json::Value = serde_json::from_slice(&o.stdout).expect("--format json prints metrics.json");
    assert_eq!(v["overall"]["n"], 14);

    let second = out_dir("second");
    let o = eval(&second, &["--format", "markdown", "--compare", first.to_str().unwrap()]);
    assert_eq!(o.status.code(), Some(0), "{}", String::from_utf8_lossy(&o.stderr));
    let stdout = String::from_utf8_lossy(&o.stdout);
    assert!(stdout.starts_with("# Palisade evaluation"));
    assert!(stdout.contains("## Comparison with"));
    assert!(stdout.contains("0 item(s) flipped"));
    assert!(second.join("compare.json").is_file());

    let o = eval(&second, &["--split", "test", "--format", "text"]);
    assert!(matches!(o.status.code(), Some(0 | 2)), "a tiny fixture may have an empty test part");
    let _ = std::fs::remove_dir_all(&first);
    let _ = std::fs::remove_dir_all(&second);
}
