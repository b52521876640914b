//! Writing a run directory: `predictions.jsonl`, `metrics.json`, `report.md` and the curves.

use crate::error::{Error, Result};
use crate::report::{markdown, Report};
use crate::run::Prediction;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Writes every output of a run into `dir` (created if needed); returns the files written.
pub fn write_run(dir: &Path, report: &Report, preds: &[Prediction]) -> Result<Vec<PathBuf>> {
    std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
    let mut written = Vec::new();

    let p = dir.join("predictions.jsonl");
    let mut buf = Vec::new();
    for pred in preds {
        serde_json::to_writer(&mut buf, pred).map_err(|e| Error::Json { path: p.clone(), message: e.to_string() })?;
        buf.push(b'\n');
    }
    write(&p, &buf)?;
    written.push(p);

    let p = dir.join("metrics.json");
    let mut json = serde_json::to_vec_pretty(report).map_err(|e| Error::Json { path: p.clone(), message: e.to_string() })?;
    json.push(b'\n');
    write(&p, &json)?;
    written.push(p);

    let p = dir.join("report.md");
    write(&p, markdown(report, preds).as_bytes())?;
    written.push(p);

    written.extend(crate::plot::write_curves(dir, preds)?);
    Ok(written)
}

/// Writes a file.
pub fn write(path: &Path, bytes: &[u8]) -> Result<()> {
    let mut f = std::fs::File::create(path).map_err(|e| Error::io(path, e))?;
    f.write_all(bytes).map_err(|e| Error::io(path, e))
}
