//! Reading datasets in the shared JSON Lines schema.
//!
//! One JSON object per line: `id`, `text`, `kind` (`tool_description` | `tool_schema` |
//! `tool_output` | `prompt`), `label` (`malicious` | `benign`), `attack` (`null` for benign rows),
//! `source`, `meta`. A file's stem (`msb` for `msb.jsonl`) names its dataset.
//!
//! Bad lines (invalid JSON, a missing field, an unknown kind or label, a duplicate id, a row the
//! engine cannot turn into a subject) are returned as [`BadLine`]s with file and line; the other
//! lines are still read. Nothing is skipped silently.

use crate::error::{Error, Result};
use palisade_engine::{subjects_in, Subject, Surface};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Whether a row is an attack.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Label {
    /// An attack: the engine should flag it.
    Malicious,
    /// Harmless content: the engine should allow it.
    Benign,
}

impl Label {
    /// `malicious` or `benign`.
    pub fn as_str(self) -> &'static str {
        match self {
            Label::Malicious => "malicious",
            Label::Benign => "benign",
        }
    }

    /// Whether this is the positive class.
    pub fn is_malicious(self) -> bool {
        self == Label::Malicious
    }
}

/// One dataset row, as stored.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Row {
    /// `<file>:<source-local id>`, unique within its file.
    pub id: String,
    /// The content to classify (for `tool_schema`: the tool's compact JSON).
    pub text: String,
    /// Where the text reaches the model: `tool_description`, `tool_schema`, `tool_output`, `prompt`.
    pub kind: String,
    /// Ground truth.
    pub label: Label,
    /// The attack family, `null` for benign rows.
    #[serde(default)]
    pub attack: Option<String>,
    /// Where the row came from (`github:owner/repo@commit[:path]`, `pypi:package==version`).
    #[serde(default)]
    pub source: Option<String>,
    /// Anything else (server, tool name, license, `context_dependent`, …).
    #[serde(default)]
    pub meta: Value,
}

impl Row {
    /// Parses one JSONL line and checks that the engine can inspect it.
    pub fn parse(line: &str) -> std::result::Result<Row, String> {
        let row: Row = serde_json::from_str(line).map_err(|e| format!("invalid row: {e}"))?;
        if Surface::parse(&row.kind).is_none() {
            return Err(format!("unknown kind `{}` (expected tool_description, tool_schema, tool_output or prompt)", row.kind));
        }
        if row.id.is_empty() {
            return Err("empty `id`".to_owned());
        }
        row.subject()?;
        Ok(row)
    }

    /// The surface named by `kind`.
    pub fn surface(&self) -> Option<Surface> {
        Surface::parse(&self.kind)
    }

    /// Whether the attack is only visible in the whole tool list (`meta.context_dependent = true`):
    /// such rows are reported apart from the text-only metrics.
    pub fn context_dependent(&self) -> bool {
        matches!(self.meta.get("context_dependent"), Some(Value::Bool(true)))
            || matches!(self.meta.get("context_dependent"), Some(Value::String(s)) if s == "true")
    }

    /// The attack group of a malicious row (`unknown` when `attack` is missing); `None` for benign rows.
    pub fn attack_group(&self) -> Option<&str> {
        match self.label {
            Label::Malicious => Some(self.attack.as_deref().unwrap_or("unknown")),
            Label::Benign => None,
        }
    }

    /// The subject the engine inspects for this row (via [`palisade_engine::subjects_in`]:
    /// `tool_schema` text that is a JSON tool becomes a tool definition).
    pub fn subject(&self) -> std::result::Result<Subject, String> {
        let doc = serde_json::json!({"id": self.id, "text": self.text, "kind": self.kind});
        let mut located = subjects_in(&doc).map_err(|e| e.to_string())?;
        match (located.pop(), located.is_empty()) {
            (Some(l), true) => Ok(l.subject),
            _ => Err("row does not yield exactly one subject".to_owned()),
        }
    }
}

/// A row with the dataset and line it came from.
#[derive(Debug, Clone, PartialEq)]
pub struct Record {
    /// The dataset: the file stem.
    pub dataset: String,
    /// 1-based line in the file.
    pub line: usize,
    /// The row.
    pub row: Row,
}

/// A line that could not be used.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct BadLine {
    /// The file, as given (or found in a given directory).
    pub file: String,
    /// 1-based line.
    pub line: usize,
    /// Why it was skipped.
    pub error: String,
}

impl std::fmt::Display for BadLine {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.file, self.line, self.error)
    }
}

/// What [`read_paths`] found.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Loaded {
    /// The files read, in order.
    pub files: Vec<PathBuf>,
    /// The usable rows, in file and line order.
    pub records: Vec<Record>,
    /// The skipped lines.
    pub bad_lines: Vec<BadLine>,
}

/// The dataset name of a file: its stem (`msb` for `datasets/msb.jsonl`).
pub fn dataset_name(path: &Path) -> String {
    path.file_stem().map_or_else(|| path.display().to_string(), |s| s.to_string_lossy().into_owned())
}

/// The `*.jsonl` files directly inside a directory, sorted by name.
pub fn jsonl_files(dir: &Path) -> Result<Vec<PathBuf>> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))? {
        let path = entry.map_err(|e| Error::io(dir, e))?.path();
        if path.is_file() && path.extension().is_some_and(|x| x == "jsonl") {
            files.push(path);
        }
    }
    files.sort();
    Ok(files)
}

/// Parses the lines of one JSONL text. Blank lines are ignored; ids repeated within the text
/// are bad lines (the first occurrence is kept).
pub fn parse_jsonl(text: &str, file: &str, dataset: &str) -> (Vec<Record>, Vec<BadLine>) {
    let mut records = Vec::new();
    let mut bad = Vec::new();
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (i, line) in text.lines().enumerate() {
        let n = i + 1;
        if line.trim().is_empty() {
            continue;
        }
        match Row::parse(line) {
            Ok(row) => {
                if let Some(first) = seen.get(&row.id) {
                    bad.push(BadLine { file: file.to_owned(), line: n, error: format!("duplicate id `{}` (first at line {first})", row.id) });
                    continue;
                }
                seen.insert(row.id.clone(), n);
                records.push(Record { dataset: dataset.to_owned(), line: n, row });
            }
            Err(error) => bad.push(BadLine { file: file.to_owned(), line: n, error }),
        }
    }
    (records, bad)
}

/// Reads one JSONL file.
pub fn read_file(path: &Path) -> Result<(Vec<Record>, Vec<BadLine>)> {
    let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
    let file = path.display().to_string();
    let text = String::from_utf8_lossy(&bytes);
    let (records, mut bad) = parse_jsonl(&text, &file, &dataset_name(path));
    if let std::borrow::Cow::Owned(_) = text {
        // Lines with invalid UTF-8 were decoded lossily; report them rather than scoring mangled text.
        let mut flagged = Vec::new();
        for (i, raw) in bytes.split(|b| *b == b'\n').enumerate() {
            if std::str::from_utf8(raw).is_err() {
                flagged.push(i + 1);
                bad.push(BadLine { file: file.clone(), line: i + 1, error: "invalid UTF-8".to_owned() });
            }
        }
        let records = records.into_iter().filter(|r| !flagged.contains(&r.line)).collect();
        bad.sort_by_key(|b| b.line);
        return Ok((records, bad));
    }
    Ok((records, bad))
}

/// Reads JSONL files and directories of them (their `*.jsonl` files, not recursively).
///
/// Two files with the same stem would be one dataset; that is an error.
pub fn read_paths<P: AsRef<Path>>(paths: &[P]) -> Result<Loaded> {
    let mut files = Vec::new();
    for p in paths {
        let p = p.as_ref();
        let meta = std::fs::metadata(p).map_err(|e| Error::io(p, e))?;
        if meta.is_dir() {
            let found = jsonl_files(p)?;
            if found.is_empty() {
                return Err(Error::Input(format!("`{}` holds no *.jsonl file", p.display())));
            }
            files.extend(found);
        } else {
            files.push(p.to_path_buf());
        }
    }
    let mut names: HashMap<String, &Path> = HashMap::new();
    for f in &files {
        if let Some(other) = names.insert(dataset_name(f), f) {
            return Err(Error::Input(format!(
                "`{}` and `{}` would both be dataset `{}`",
                other.display(),
                f.display(),
                dataset_name(f)
            )));
        }
    }
    let mut loaded = Loaded::default();
    for f in &files {
        let (records, bad) = read_file(f)?;
        loaded.records.extend(records);
        loaded.bad_lines.extend(bad);
    }
    loaded.files = files;
    Ok(loaded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bad_lines_are_reported_with_line_numbers() {
        let text = concat!(
            "{\"id\":\"a\",\"text\":\"hello\",\"kind\":\"prompt\",\"label\":\"benign\"}\n",
            "not json\n",
            "\n",
            "{\"id\":\"b\",\"text\":\"x\",\"kind\":\"email\",\"label\":\"benign\"}\n",
            "{\"id\":\"c\",\"text\":\"x\",\"kind\":\"prompt\",\"label\":\"maybe\"}\n",
            "{\"id\":\"a\",\"text\":\"again\",\"kind\":\"prompt\",\"label\":\"benign\"}\n",
            "{\"id\":\"d\",\"text\":\"x\",\"kind\":\"tool_output\",\"label\":\"malicious\",\"attack\":\"atpa\",\"meta\":{\"context_dependent\":true}}\n",
        );
        let (records, bad) = parse_jsonl(text, "f.jsonl", "f");
        assert_eq!(records.iter().map(|r| r.row.id.as_str()).collect::<Vec<_>>(), vec!["a", "d"]);
        assert_eq!(bad.iter().map(|b| b.line).collect::<Vec<_>>(), vec![2, 4, 5, 6]);
        assert!(bad.iter().any(|b| b.error.contains("duplicate id")));
        assert!(records.iter().any(|r| r.row.context_dependent()));
        assert_eq!(records.last().and_then(|r| r.row.attack_group()), Some("atpa"));
    }
}
