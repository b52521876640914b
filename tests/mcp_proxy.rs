//! `palisade proxy` between the official MCP Python SDK client and real MCP servers: the
//! reference server `@modelcontextprotocol/server-everything` (npm) must work unchanged through
//! it, and a poisoned server written with the SDK must be caught (tests/mcp/drive.py has the
//! checks; tests/mcp/README.md tells how they work).
//!
//! The env (a venv with the SDK, the npm server, Node.js) comes from `tests/mcp/setup.sh`,
//! which `.ci/run` runs before the tests. Without it these tests skip with a message, unless
//! `PALISADE_REQUIRE_MCP=1` (set by CI): then a missing env fails.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use std::path::PathBuf;
use std::process::Command;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The venv's Python, or `None` (after saying why) when the env is missing and not required.
fn python() -> Option<PathBuf> {
    let env = std::env::var_os("PALISADE_MCP_ENV").map_or_else(|| root().join("target").join("mcp-env"), PathBuf::from);
    let env = if env.is_absolute() { env } else { root().join(env) };
    let py = env.join("bin").join("python");
    let entry = env.join("node/node_modules/@modelcontextprotocol/server-everything/dist/index.js");
    if py.is_file() && entry.is_file() {
        return Some(py);
    }
    let msg = format!("MCP integration env missing at {} (run tests/mcp/setup.sh)", env.display());
    assert!(std::env::var("PALISADE_REQUIRE_MCP").as_deref() != Ok("1"), "{msg}; PALISADE_REQUIRE_MCP=1 requires it");
    eprintln!("SKIPPED: {msg}");
    None
}

/// One scenario at a time: each starts servers, a proxy and a client, and the machine may have
/// two cores.
static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());

fn drive(scenario: &str, transport: &str) {
    let Some(py) = python() else { return };
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let work = std::env::temp_dir().join(format!("palisade-mcp-{scenario}-{transport}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&work);
    std::fs::create_dir_all(&work).expect("workdir");
    let mut cmd = Command::new(&py);
    cmd.arg(root().join("tests/mcp/drive.py"))
        .arg(scenario)
        .arg("--palisade")
        .arg(env!("CARGO_BIN_EXE_palisade"))
        .arg("--workdir")
        .arg(&work);
    if transport != "stdio" {
        cmd.arg("--transport").arg(transport);
    }
    let out = cmd.output().expect("run drive.py");
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    println!("{stdout}");
    eprintln!("{stderr}");
    assert!(out.status.success(), "drive.py {scenario} ({transport}) failed: {}\n{}", out.status, failures(&stdout));
    assert!(stdout.contains("0 failed"), "no summary line from drive.py");
    let _ = std::fs::remove_dir_all(&work);
}

fn failures(stdout: &str) -> String {
    stdout.lines().filter(|l| l.starts_with("FAIL")).collect::<Vec<_>>().join("\n")
}

#[test]
fn everything_server_is_unchanged_through_the_stdio_proxy() {
    drive("everything", "stdio");
}

#[test]
fn poisoned_server_is_caught_by_the_stdio_proxy() {
    drive("poisoned", "stdio");
}

#[test]
fn everything_server_is_unchanged_through_the_http_proxy() {
    drive("everything", "http");
}

#[test]
fn poisoned_server_is_caught_by_the_http_proxy() {
    drive("poisoned", "http");
}

#[test]
fn everything_server_is_unchanged_through_the_proxy_on_the_old_sse_transport() {
    drive("everything", "sse");
}

#[test]
fn poisoned_server_is_caught_by_the_proxy_on_the_old_sse_transport() {
    drive("poisoned", "sse");
}
