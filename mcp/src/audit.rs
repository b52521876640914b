//! The audit log: one JSON object per line, appended and flushed per record.
//!
//! Fields: `time` (RFC 3339 UTC), `server`, `direction` (`client_to_server` or
//! `server_to_client`), `method`, `id` (JSON-RPC id, when there is one), `tool`, `verdict`
//! (`action`, `score`, `decided_by`, and each finding's `detector`, `pointer`, `score` — its
//! `text` only when the policy's `[mcp] audit_text` allows it), `action` (what the firewall did:
//! `forwarded`, `blocked`, `dropped`, `sanitized`, `datamarked`, `withheld`, `refused`,
//! `pinned`, `changed`), `latency_us` (time the firewall added), and `detail` (one line).

use crate::error::{Error, Result};
use serde::Serialize;
use serde_json::{json, Value};
use std::fs::{File, OpenOptions};
use std::io::{BufWriter, Write};
use std::path::Path;
use std::sync::Mutex;

/// One audit record.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// When (RFC 3339, UTC).
    pub time: String,
    /// Server identity.
    pub server: String,
    /// `client_to_server` or `server_to_client`.
    pub direction: &'static str,
    /// JSON-RPC method (of the request a response answers).
    pub method: String,
    /// JSON-RPC id.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub id: Option<Value>,
    /// The tool concerned.
    pub tool: Option<String>,
    /// The engine's verdict, when one was made (see the module docs for its fields).
    pub verdict: Option<Value>,
    /// What the firewall did.
    pub action: &'static str,
    /// Time the firewall spent on the message, in microseconds.
    pub latency_us: u64,
    /// One line of detail (a reason, a diff's pointers).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<Value>,
}

/// A verdict as the audit log keeps it.
pub fn verdict_json(v: &palisade_engine::Verdict, with_text: bool) -> Value {
    let findings: Vec<Value> = v
        .findings
        .iter()
        .take(20)
        .map(|f| {
            let mut o = json!({"detector": f.detector, "class": f.class, "pointer": f.pointer, "score": f.score});
            if with_text {
                if let Some(m) = o.as_object_mut() {
                    m.insert("text".to_owned(), json!(f.text));
                }
            }
            o
        })
        .collect();
    json!({"action": v.action, "score": v.score, "decided_by": v.decided_by, "cached": v.cached, "findings": findings})
}

/// An append-only JSON Lines file.
#[derive(Debug)]
pub struct AuditLog {
    out: Mutex<BufWriter<File>>,
}

impl AuditLog {
    /// Opens `path` for appending (creating it and its directory).
    pub fn open(path: &Path) -> Result<AuditLog> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(format!("cannot create `{}`", dir.display()), e))?;
        }
        let f = OpenOptions::new().create(true).append(true).open(path).map_err(|e| Error::io(format!("cannot open audit log `{}`", path.display()), e))?;
        Ok(AuditLog { out: Mutex::new(BufWriter::new(f)) })
    }

    /// Appends one record (one line, flushed). Failures to write are reported on stderr once per
    /// record and never stop the traffic.
    pub fn write(&self, r: &Record) {
        let Ok(mut line) = serde_json::to_vec(r) else { return };
        line.push(b'\n');
        if let Ok(mut out) = self.out.lock() {
            if let Err(e) = out.write_all(&line).and_then(|()| out.flush()) {
                eprintln!("palisade: audit log: {e}");
            }
        }
    }
}
