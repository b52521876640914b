//! The stdio proxy's plumbing with plain Unix programs as the "server": large frames, frames
//! over the limit, a last line without a newline, and shutdown (client EOF, SIGTERM).
//! (`cat` echoes each client message back, which the proxy then sees as a server message.)
#![cfg(unix)]
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use serde_json::{json, Value};
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

fn proxy(args: &[&str], server: &[&str]) -> std::process::Child {
    let dir = std::env::temp_dir().join(format!("palisade-stdio-{}-{}", std::process::id(), server.join("_").len()));
    let _ = std::fs::create_dir_all(&dir);
    Command::new(env!("CARGO_BIN_EXE_palisade"))
        .arg("proxy")
        .args(["--no-model", "--pins"])
        .arg(dir.join("pins.db"))
        .arg("--no-audit")
        .args(args)
        .arg("--")
        .args(server)
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("start the proxy")
}

#[test]
fn large_frames_pass_and_oversized_ones_are_refused_without_stalling() {
    let mut p = proxy(&["--max-message-bytes", "8000000"], &["cat"]);
    let mut stdin = p.stdin.take().expect("stdin");
    let mut out = BufReader::new(p.stdout.take().expect("stdout"));
    let big = "é\"\\✓ ".repeat(1_000_000); // ~ 9 MB of JSON once escaped: over the limit
    let ok = "x".repeat(5_000_000); // 5 MB: under it
    let writer = std::thread::spawn(move || {
        for (id, text) in [(1, ok.as_str()), (2, big.as_str())] {
            let m = json!({"jsonrpc": "2.0", "id": id, "method": "vendor/echo", "params": {"text": text}});
            stdin.write_all(serde_json::to_string(&m).expect("json").as_bytes()).expect("write");
            stdin.write_all(b"\n").expect("write");
        }
        // A last frame without its newline, then EOF.
        stdin.write_all(br#"{"jsonrpc":"2.0","id":3,"method":"vendor/last"}"#).expect("write");
    });
    let mut lines = Vec::new();
    let mut line = String::new();
    while out.read_line(&mut line).expect("read") > 0 {
        lines.push(serde_json::from_str::<Value>(line.trim_end()).expect("one JSON frame per line"));
        line.clear();
    }
    writer.join().expect("writer");
    assert!(p.wait().expect("exit").success());
    let ids: Vec<Value> = lines.iter().map(|v| v["id"].clone()).collect();
    assert!(lines.iter().any(|v| v["id"] == 1 && v["params"]["text"].as_str().map(str::len) == Some(5_000_000)), "{ids:?}");
    let refused = lines.iter().find(|v| v["error"]["code"] == -32600).expect("the oversized frame is refused");
    assert!(refused["error"]["message"].as_str().unwrap_or("").contains("exceeds the limit"));
    assert!(!lines.iter().any(|v| v["id"] == 2 && v.get("method").is_some()), "nothing of the oversized frame went through");
    assert!(lines.iter().any(|v| v["id"] == 3), "the unterminated last frame is delivered: {ids:?}");
}

#[test]
fn sigterm_shuts_the_server_down() {
    let dir = std::env::temp_dir().join(format!("palisade-sigterm-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    let pidfile = dir.join("server.pid");
    // A server that ignores its stdin closing: only a kill stops it.
    let script = format!("echo $$ > {}; exec sleep 600", pidfile.display());
    let mut p = proxy(&[], &["sh", "-c", &script]);
    let t0 = Instant::now();
    while !pidfile.exists() && t0.elapsed() < Duration::from_secs(10) {
        std::thread::sleep(Duration::from_millis(20));
    }
    let server_pid = std::fs::read_to_string(&pidfile).expect("server started").trim().to_owned();
    let status = Command::new("kill").args(["-TERM", &p.id().to_string()]).status().expect("kill");
    assert!(status.success());
    let t1 = Instant::now();
    let exited = loop {
        if let Some(s) = p.try_wait().expect("wait") {
            break Some(s);
        }
        if t1.elapsed() > Duration::from_secs(20) {
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let Some(_) = exited else {
        let _ = p.kill();
        panic!("the proxy did not exit after SIGTERM");
    };
    assert!(!std::path::Path::new(&format!("/proc/{server_pid}")).exists(), "the server process is still there");
    let mut err = String::new();
    let _ = p.stderr.take().map(|mut e| e.read_to_string(&mut err));
}
