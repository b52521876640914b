//! Reading scan inputs: JSON and JSONL files (or standard input) into items to inspect.
//!
//! A bad file or line becomes an error item naming the file (and line); the other items are
//! still inspected.

use palisade_engine::{subjects_in, Context, Located, Subject, ToolRef};
use serde_json::Value;
use std::io::Read;
use std::path::Path;

/// Largest input file read, in bytes.
pub const MAX_FILE_BYTES: u64 = 256 << 20;

/// What one item is.
#[derive(Debug)]
pub enum Content {
    /// Something to inspect.
    Subject(Box<(Subject, Context)>),
    /// Input that could not be read.
    Error(String),
}

/// One item of input.
#[derive(Debug)]
pub struct Item {
    /// Stable id: the row's own id, or `path`, `path:line`, with `#pointer` when a document holds several.
    pub id: String,
    /// The file (`-` for standard input).
    pub source: String,
    /// 1-based line, for JSONL.
    pub line: Option<usize>,
    /// What to inspect.
    pub content: Content,
}

impl Item {
    /// The tool name, for a tool definition.
    pub fn tool(&self) -> Option<&str> {
        match &self.content {
            Content::Subject(b) => b.0.tool_name(),
            Content::Error(_) => None,
        }
    }
}

fn read_all(path: &Path) -> Result<Vec<u8>, String> {
    let mut buf = Vec::new();
    if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_FILE_BYTES + 1).read_to_end(&mut buf).map_err(|e| format!("cannot read standard input: {e}"))?;
    } else {
        let f = std::fs::File::open(path).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
        f.take(MAX_FILE_BYTES + 1).read_to_end(&mut buf).map_err(|e| format!("cannot read `{}`: {e}", path.display()))?;
    }
    if buf.len() as u64 > MAX_FILE_BYTES {
        return Err(format!("`{}` is larger than {} MiB", path.display(), MAX_FILE_BYTES >> 20));
    }
    Ok(buf)
}

fn json_error(e: &serde_json::Error) -> String {
    if e.to_string().contains("recursion limit") {
        format!("JSON nested deeper than 128 levels (line {} column {})", e.line(), e.column())
    } else {
        format!("invalid JSON: {e}")
    }
}

fn utf8(bytes: &[u8]) -> Result<&str, String> {
    std::str::from_utf8(bytes).map_err(|e| format!("invalid UTF-8 at byte {}", e.valid_up_to()))
}

/// Turns one parsed document into items, tools of one document being each other's context.
fn document(doc: &Value, source: &str, line: Option<usize>, server: Option<&str>, out: &mut Vec<Item>) {
    let base = match line {
        Some(l) => format!("{source}:{l}"),
        None => source.to_owned(),
    };
    let located = match subjects_in(doc) {
        Ok(l) => l,
        Err(e) => {
            out.push(Item { id: base, source: source.to_owned(), line, content: Content::Error(e.to_string()) });
            return;
        }
    };
    let tools: std::sync::Arc<[ToolRef]> = located
        .iter()
        .filter_map(|l| l.subject.tool_name())
        .map(|n| ToolRef { server: server.map(str::to_owned), name: n.to_owned() })
        .collect();
    let single = located.len() == 1;
    for Located { pointer, id, subject } in located {
        let id = id.unwrap_or_else(|| if single { base.clone() } else { format!("{base}#{pointer}") });
        let ctx = Context {
            server: server.map(str::to_owned),
            tool: subject.tool_name().map(str::to_owned),
            tools: if tools.len() > 1 { tools.clone() } else { std::sync::Arc::default() },
        };
        out.push(Item { id, source: source.to_owned(), line, content: Content::Subject(Box::new((subject, ctx))) });
    }
}

/// Reads every path into items.
pub fn read(paths: &[impl AsRef<Path>], server: Option<&str>) -> Vec<Item> {
    let mut out = Vec::new();
    for p in paths {
        let path = p.as_ref();
        let source = path.display().to_string();
        let err = |msg: String, line: Option<usize>| Item {
            id: line.map_or_else(|| source.clone(), |l| format!("{source}:{l}")),
            source: source.clone(),
            line,
            content: Content::Error(msg),
        };
        let bytes = match read_all(path) {
            Ok(b) => b,
            Err(e) => {
                out.push(err(e, None));
                continue;
            }
        };
        let ext = path.extension().and_then(|e| e.to_str()).unwrap_or("");
        let jsonl = matches!(ext, "jsonl" | "ndjson");
        if !jsonl {
            match utf8(&bytes).and_then(|s| serde_json::from_str::<Value>(s).map_err(|e| json_error(&e))) {
                Ok(doc) => {
                    document(&doc, &source, None, server, &mut out);
                    continue;
                }
                Err(e) => {
                    // A file of several JSON lines is read as JSONL; anything else is an error.
                    let multi = bytes.split(|&b| b == b'\n').filter(|l| !l.iter().all(u8::is_ascii_whitespace)).count() > 1;
                    let first_ok = bytes
                        .split(|&b| b == b'\n')
                        .find(|l| !l.iter().all(u8::is_ascii_whitespace))
                        .is_some_and(|l| serde_json::from_slice::<Value>(l).is_ok());
                    if !(multi && first_ok) {
                        out.push(err(e, None));
                        continue;
                    }
                }
            }
        }
        for (i, raw) in bytes.split(|&b| b == b'\n').enumerate() {
            if raw.iter().all(u8::is_ascii_whitespace) {
                continue;
            }
            let line = Some(i + 1);
            match utf8(raw).and_then(|s| serde_json::from_str::<Value>(s).map_err(|e| json_error(&e))) {
                Ok(doc) => document(&doc, &source, line, server, &mut out),
                Err(e) => out.push(err(e, line)),
            }
        }
    }
    out
}
