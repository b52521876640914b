//! Golden verdicts: every input under `tests/golden/inputs/` is scanned with the default policy
//! and its verdicts compared with `tests/golden/expected/<name>.json` (scores within 1e-4).
//! Run with `PALISADE_BLESS=1` to rewrite the expected files after an intended change, and
//! review the diff.
//!
//! Independently of the snapshots, the expected outcome of each case (block / warn / allow, and
//! where the payload sits) is read from the table in `tests/golden/inputs/README.md`.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use serde_json::Value;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

const ROOT: &str = env!("CARGO_MANIFEST_DIR");

fn scan(path: &Path) -> Vec<Value> {
    let o = match Command::new(env!("CARGO_BIN_EXE_palisade")).args(["scan", "--format", "json", "--no-cache", "--no-transformer"]).arg(path).current_dir(ROOT).output() {
        Ok(o) => o,
        Err(e) => panic!("cannot run palisade: {e}"),
    };
    assert!(matches!(o.status.code(), Some(0 | 1)), "{}: {}", path.display(), String::from_utf8_lossy(&o.stderr));
    String::from_utf8_lossy(&o.stdout)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{l}: {e}")))
        .collect()
}

/// Drops the fields that change from run to run or with every rule edit.
fn stable(mut v: Value) -> Value {
    if let Some(o) = v.as_object_mut() {
        o.remove("elapsed_us");
        o.remove("cached");
        if let Some(p) = o.get_mut("policy").and_then(Value::as_object_mut) {
            p.remove("digest");
        }
    }
    v
}

fn close(a: &Value, b: &Value, path: &str, diffs: &mut Vec<String>) {
    match (a, b) {
        (Value::Number(x), Value::Number(y)) => {
            let (x, y) = (x.as_f64().unwrap_or(f64::NAN), y.as_f64().unwrap_or(f64::NAN));
            if (x - y).abs() > 1e-4 {
                diffs.push(format!("{path}: {x} != {y}"));
            }
        }
        (Value::Array(x), Value::Array(y)) => {
            if x.len() != y.len() {
                diffs.push(format!("{path}: {} items != {} items", x.len(), y.len()));
            }
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                close(p, q, &format!("{path}/{i}"), diffs);
            }
        }
        (Value::Object(x), Value::Object(y)) => {
            for k in x.keys().chain(y.keys().filter(|k| !x.contains_key(*k))) {
                close(x.get(k).unwrap_or(&Value::Null), y.get(k).unwrap_or(&Value::Null), &format!("{path}/{k}"), diffs);
            }
        }
        _ if a == b => {}
        _ => diffs.push(format!("{path}: {a} != {b}")),
    }
}

/// The inputs, as paths relative to the repository root (so that item ids do not depend on
/// where the checkout lives).
fn inputs() -> Vec<PathBuf> {
    let rel = Path::new("tests/golden/inputs");
    let dir = Path::new(ROOT).join(rel);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
        .filter_map(|e| e.ok().map(|e| rel.join(e.file_name())))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    v.sort();
    v
}

#[test]
fn golden_verdicts() {
    let bless = std::env::var_os("PALISADE_BLESS").is_some();
    let expected_dir = Path::new(ROOT).join("tests/golden/expected");
    let _ = std::fs::create_dir_all(&expected_dir);
    let mut failures = Vec::new();
    for input in inputs() {
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let got = Value::Array(scan(&input).into_iter().map(stable).collect());
        let path = expected_dir.join(&name);
        if bless {
            let text = serde_json::to_string_pretty(&got).unwrap_or_default() + "\n";
            if let Err(e) = std::fs::write(&path, text) {
                panic!("{}: {e}", path.display());
            }
            continue;
        }
        let want: Value = match std::fs::read_to_string(&path) {
            Ok(t) => serde_json::from_str(&t).unwrap_or_else(|e| panic!("{}: {e}", path.display())),
            Err(_) => {
                failures.push(format!("{name}: no expected file (run with PALISADE_BLESS=1)"));
                continue;
            }
        };
        let mut diffs = Vec::new();
        close(&got, &want, "", &mut diffs);
        if !diffs.is_empty() {
            failures.push(format!("{name}:\n  {}", diffs.into_iter().take(10).collect::<Vec<_>>().join("\n  ")));
        }
    }
    assert!(failures.is_empty(), "{} golden file(s) differ (PALISADE_BLESS=1 rewrites them):\n{}", failures.len(), failures.join("\n"));
}

/// (expected outcome, pointer) per input file, from the README table.
/// Per file: (expected outcome, pointer, known miss). A known miss is a case the shipped model
/// gets wrong (`xfail:` in the Notes column): the test fails if it stops being wrong, so the
/// mark is removed as soon as the model is fixed.
fn expectations() -> BTreeMap<String, (String, String, bool)> {
    let readme = std::fs::read_to_string(Path::new(ROOT).join("tests/golden/inputs/README.md")).unwrap_or_default();
    let mut out = BTreeMap::new();
    for line in readme.lines().filter(|l| l.starts_with("| `")) {
        // Cells are separated by `|`; an escaped `\|` belongs to the cell.
        let cells: Vec<String> = line.replace("\\|", "\u{1}").split('|').map(|c| c.trim().replace('\u{1}', "|")).collect();
        // | File | Form | Technique | Expected | Pointer | Substring | Notes |
        if let (Some(file), Some(expected), Some(pointer)) = (cells.get(1), cells.get(4), cells.get(5)) {
            let unquote = |s: &str| s.trim_matches(|c| c == '`' || c == '*').to_owned();
            let xfail = cells.get(7).is_some_and(|n| n.contains("xfail:"));
            out.insert(unquote(file), (unquote(expected), unquote(pointer), xfail));
        }
    }
    out
}

#[test]
fn expected_outcomes() {
    let exp = expectations();
    assert!(exp.len() >= 60, "README table not found or too short ({} rows)", exp.len());
    let mut failures = Vec::new();
    for input in inputs() {
        let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default();
        let Some((outcome, pointer, xfail)) = exp.get(&name) else {
            failures.push(format!("{name}: not in the README table"));
            continue;
        };
        let verdicts = scan(&input);
        let worst = verdicts.iter().filter_map(|v| v["action"].as_str()).max_by_key(|a| ["allow", "warn", "sanitize", "block"].iter().position(|x| x == a)).unwrap_or("allow");
        let ok = match outcome.as_str() {
            "block" => worst == "block",
            "warn" => worst != "allow",
            "allow" => worst == "allow",
            other => {
                failures.push(format!("{name}: unknown outcome `{other}`"));
                continue;
            }
        };
        if *xfail {
            if ok {
                failures.push(format!("{name}: marked xfail but now right: remove the mark from the README table"));
            }
            continue;
        }
        if !ok {
            let top: Vec<String> = verdicts
                .iter()
                .flat_map(|v| v["findings"].as_array().cloned().unwrap_or_default())
                .take(4)
                .map(|f| format!("{}={}", f["detector"].as_str().unwrap_or(""), f["score"]))
                .collect();
            failures.push(format!("{name}: expected {outcome}, got {worst} (score {}) {top:?}", verdicts.iter().filter_map(|v| v["score"].as_f64()).fold(0.0, f64::max)));
            continue;
        }
        if outcome == "block" {
            // The payload's string must carry a finding (pointer prefix: an object key's pointer
            // addresses the member, a tool list's item pointers start with the tool index).
            // A plain-text case (`{"text", "kind"}`) whose text is a JSON tool is inspected as
            // that tool, so its findings point inside the tool rather than at `/text`.
            let text_case = pointer == "/text";
            let hit = verdicts.iter().flat_map(|v| v["findings"].as_array().cloned().unwrap_or_default()).any(|f| {
                let p = f["pointer"].as_str().unwrap_or("");
                text_case || pointer.ends_with(p) || p.starts_with(pointer.as_str()) || pointer.contains(p)
            });
            if !hit {
                failures.push(format!("{name}: no finding at or under `{pointer}`"));
            }
        }
    }
    assert!(failures.is_empty(), "{} case(s) off:\n{}", failures.len(), failures.join("\n"));
}
