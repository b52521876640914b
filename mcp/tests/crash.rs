//! Crash safety of the pin store: a writer process is killed (SIGKILL) while it pins tools as
//! fast as it can; every pin it acknowledged must be in the store afterwards, and the store
//! must pass SQLite's integrity check.
//!
//! The writer is this test binary run again with `PALISADE_CRASH_WRITER` set (it then runs only
//! `writer`, which prints one line per acknowledged pin).
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_mcp::{Observed, PinStore};
use serde_json::json;
use std::io::{BufRead, BufReader};
use std::path::PathBuf;
use std::process::{Command, Stdio};

#[test]
fn writer() {
    let Some(path) = std::env::var_os("PALISADE_CRASH_WRITER") else { return };
    let store = PinStore::open(&PathBuf::from(path)).expect("store");
    for i in 0u64.. {
        let tool = json!({"name": format!("tool_{i}"), "description": format!("Tool number {i}. {}", "x".repeat(200))});
        let seen = store.observe("crash", &tool, false).expect("observe");
        assert_eq!(seen, Observed::New);
        // Acknowledged: observe returned, the transaction is committed.
        println!("ack {i}");
    }
}

#[test]
fn acknowledged_pins_survive_a_kill() {
    let dir = std::env::temp_dir().join(format!("palisade-crash-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("dir");
    let db = dir.join("pins.db");
    let mut child = Command::new(std::env::current_exe().expect("test binary"))
        .args(["--exact", "writer", "--nocapture", "--test-threads", "1"])
        .env("PALISADE_CRASH_WRITER", &db)
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("writer");
    let out = child.stdout.take().expect("stdout");
    let mut acked = Vec::new();
    for line in BufReader::new(out).lines() {
        let Ok(line) = line else { break };
        if let Some(n) = line.strip_prefix("ack ").and_then(|n| n.parse::<u64>().ok()) {
            acked.push(n);
            if acked.len() >= 300 {
                break;
            }
        }
    }
    // Killed in the middle of writing (the writer does not wait for us).
    child.kill().expect("kill");
    let _ = child.wait();
    assert!(acked.len() >= 300, "the writer acknowledged only {} pins", acked.len());
    let store = PinStore::open(&db).expect("reopen after the kill");
    let pins = store.list(Some("crash")).expect("list");
    for n in &acked {
        assert!(pins.iter().any(|p| p.tool == format!("tool_{n}")), "acknowledged pin tool_{n} lost");
    }
    let conn = rusqlite_integrity(&db);
    assert_eq!(conn, "ok");
    let _ = std::fs::remove_dir_all(&dir);
}

/// `PRAGMA integrity_check` through the store's own SQLite (via a fresh open and a raw query).
fn rusqlite_integrity(db: &std::path::Path) -> String {
    palisade_mcp::pins::integrity_check(db).expect("integrity check")
}
