//! Golden tests of the transforms on realistic tool outputs (English, Korean, Chinese).
//!
//! Inputs: `tests/golden/transform/*.txt` at the repository root. Expected outputs:
//! `<name>.<mode>.out` beside them, compared byte for byte. Run with `PALISADE_BLESS=1` to
//! rewrite the expected files after a deliberate change, then review the diff.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_engine::transform::{Datamarker, Delimiter, Encoder, Encoding, Sanitizer, Transformer};
use palisade_engine::{Context, Engine, Policy, Subject, Surface};
use std::path::{Path, PathBuf};

fn golden_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/golden/transform")
}

fn bless() -> bool {
    std::env::var("PALISADE_BLESS").is_ok_and(|v| v == "1")
}

/// The invertible modes checked, by file suffix.
fn transformers() -> Vec<(&'static str, Transformer)> {
    let caret = Datamarker::new('^').map_err(|e| e.to_string());
    let mut v = vec![
        ("delimit", Transformer::Delimit(Delimiter::seeded(42))),
        ("datamark", Transformer::Datamark(Datamarker::default())),
        ("encode", Transformer::Encode(Encoder::new(Encoding::Base64))),
        ("rot13", Transformer::Encode(Encoder::new(Encoding::Rot13))),
    ];
    if let Ok(c) = caret {
        v.push(("datamark_caret", Transformer::Datamark(c)));
        v.push(("datamark_flat", Transformer::Datamark(c.preserve_newlines(false))));
    }
    v
}

/// The sanitised text, then one JSON line per change.
fn sanitized(engine: &Engine, text: &str) -> String {
    let verdict = engine.inspect(&Subject::text(text, Surface::ToolOutput), &Context::default());
    let t = Sanitizer::default().sanitize(text, &verdict.findings);
    let mut out = t.text;
    out.push_str("\n--- changes ---\n");
    for c in &t.changes {
        out.push_str(&serde_json::to_string(c).unwrap_or_default());
        out.push('\n');
    }
    out
}

#[test]
fn golden_transforms() -> Result<(), String> {
    let dir = golden_dir();
    let mut inputs: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map_err(|e| format!("{}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    inputs.sort();
    if inputs.len() < 5 {
        return Err(format!("expected at least 5 inputs in {}, found {}", dir.display(), inputs.len()));
    }
    let engine = Engine::new(Policy::default_policy().map_err(|e| e.to_string())?).map_err(|e| e.to_string())?;
    let mut failures = Vec::new();
    let mut checked = 0usize;
    for input in &inputs {
        let text = std::fs::read_to_string(input).map_err(|e| format!("{}: {e}", input.display()))?;
        let stem = input.file_stem().and_then(|s| s.to_str()).unwrap_or_default().to_owned();
        let mut outputs: Vec<(String, String)> = Vec::new();
        for (mode, t) in transformers() {
            let out = t.transform(&text).text;
            match t.untransform(&out) {
                Ok(back) if back == text => {}
                Ok(_) => failures.push(format!("{stem}.{mode}: untransform does not restore the input")),
                Err(e) => failures.push(format!("{stem}.{mode}: untransform failed: {e}")),
            }
            outputs.push((mode.to_owned(), out));
        }
        outputs.push(("sanitize".to_owned(), sanitized(&engine, &text)));
        for (mode, got) in outputs {
            let path = dir.join(format!("{stem}.{mode}.out"));
            checked += 1;
            if bless() {
                std::fs::write(&path, &got).map_err(|e| format!("{}: {e}", path.display()))?;
                continue;
            }
            match std::fs::read_to_string(&path) {
                Ok(want) if want == got => {}
                Ok(want) => {
                    let line = want.lines().zip(got.lines()).position(|(a, b)| a != b).map_or(0, |i| i + 1);
                    failures.push(format!("{}: differs (first at line {line}); run with PALISADE_BLESS=1 to accept", path.display()));
                }
                Err(e) => failures.push(format!("{}: {e} (run with PALISADE_BLESS=1 to create it)", path.display())),
            }
        }
    }
    if failures.is_empty() {
        eprintln!("{checked} golden outputs checked");
        Ok(())
    } else {
        Err(failures.join("\n"))
    }
}
