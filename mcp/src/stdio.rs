//! The stdio proxy: runs an MCP server as a child process and sits between it and the client
//! on this process's stdin/stdout.
//!
//! Two threads, one per direction, each reading newline-delimited frames with a size limit
//! (no deadlock on partial lines or large messages: a direction only ever waits on its own
//! reader and writer). When the client closes stdin, the child's stdin is closed and the child
//! is given `grace` to exit before it is killed — likewise when the proxy gets SIGTERM, SIGINT
//! or SIGHUP; when the child exits, the proxy exits with its status.

use crate::error::{Error, Result};
use crate::firewall::Session;
use std::io::{BufRead, BufReader, Read, Write};
use std::process::{Child, Command, Stdio};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// Default largest frame, in bytes (64 MiB).
pub const DEFAULT_MAX_MESSAGE_BYTES: usize = 64 << 20;

/// One line read with a limit.
#[derive(Debug, PartialEq)]
pub enum Line {
    /// A complete frame (without its terminator).
    Frame(Vec<u8>),
    /// A frame longer than the limit; it was read and discarded up to its end.
    TooLarge(usize),
    /// End of input.
    Eof,
}

/// Reads one newline-terminated frame of at most `max` bytes (a last line without a newline
/// counts). Blank lines are skipped.
pub fn read_frame(r: &mut impl BufRead, max: usize) -> std::io::Result<Line> {
    let mut buf = Vec::new();
    let mut size = 0usize;
    loop {
        let chunk = match r.fill_buf() {
            Ok(c) => c,
            Err(e) if e.kind() == std::io::ErrorKind::Interrupted => continue,
            Err(e) => return Err(e),
        };
        if chunk.is_empty() {
            return Ok(if size > max {
                Line::TooLarge(size)
            } else if buf.iter().all(u8::is_ascii_whitespace) {
                Line::Eof
            } else {
                Line::Frame(buf)
            });
        }
        let (part, done) = match chunk.iter().position(|&b| b == b'\n') {
            Some(i) => (chunk.get(..i).unwrap_or_default(), Some(i + 1)),
            None => (chunk, None),
        };
        size += part.len();
        if size <= max {
            buf.extend_from_slice(part);
        } else {
            buf = Vec::new();
        }
        let used = done.unwrap_or(chunk.len());
        r.consume(used);
        if done.is_some() {
            if size > max {
                return Ok(Line::TooLarge(size));
            }
            if buf.last() == Some(&b'\r') {
                buf.pop();
            }
            if buf.iter().all(u8::is_ascii_whitespace) {
                size = 0;
                buf.clear();
                continue;
            }
            return Ok(Line::Frame(buf));
        }
    }
}

fn write_line(w: &Mutex<Box<dyn Write + Send>>, bytes: &[u8]) -> std::io::Result<()> {
    let mut w = w.lock().map_err(|_| std::io::Error::other("writer poisoned"))?;
    w.write_all(bytes)?;
    w.write_all(b"\n")?;
    w.flush()
}

/// Options of the stdio proxy.
#[derive(Debug, Clone)]
pub struct StdioOptions {
    /// Largest frame accepted in either direction.
    pub max_message_bytes: usize,
    /// How long the child may take to exit after its stdin is closed.
    pub grace: Duration,
}

impl Default for StdioOptions {
    fn default() -> Self {
        StdioOptions { max_message_bytes: DEFAULT_MAX_MESSAGE_BYTES, grace: Duration::from_secs(5) }
    }
}

/// Runs `command` as an MCP server behind the firewall session, with the client on `input` /
/// `output` (stdin/stdout for `palisade proxy`). Returns the child's exit code.
pub fn run(session: Arc<Session>, mut command: Command, input: impl Read + Send + 'static, output: impl Write + Send + 'static, opts: &StdioOptions) -> Result<i32> {
    let mut child: Child = command
        .stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::inherit())
        .spawn()
        .map_err(|e| Error::io(format!("cannot start the server `{}`", command.get_program().to_string_lossy()), e))?;
    let child_in = child.stdin.take().ok_or_else(|| Error::io("child stdin", std::io::Error::other("not piped")))?;
    let child_out = child.stdout.take().ok_or_else(|| Error::io("child stdout", std::io::Error::other("not piped")))?;
    let to_client: Arc<Mutex<Box<dyn Write + Send>>> = Arc::new(Mutex::new(Box::new(output)));
    let to_server: Arc<Mutex<Option<Box<dyn Write + Send>>>> = Arc::new(Mutex::new(Some(Box::new(child_in))));
    let max = opts.max_message_bytes;
    let child = Arc::new(Mutex::new(child));

    // SIGTERM / SIGINT / SIGHUP to the proxy: shut the server down the way a client does —
    // close its stdin, give it `grace`, then kill it; the proxy then exits with its status.
    #[cfg(unix)]
    {
        use signal_hook::consts::{SIGHUP, SIGINT, SIGTERM};
        let mut signals = signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP]).map_err(|e| Error::io("cannot handle signals", e))?;
        let (to_server, child, grace) = (to_server.clone(), child.clone(), opts.grace);
        std::thread::Builder::new()
            .name("palisade-signals".to_owned())
            .spawn(move || {
                if signals.forever().next().is_some() {
                    if let Ok(mut g) = to_server.lock() {
                        g.take();
                    }
                    std::thread::sleep(grace);
                    if let Ok(mut c) = child.lock() {
                        if matches!(c.try_wait(), Ok(None)) {
                            let _ = c.kill();
                        }
                    }
                }
            })
            .map_err(|e| Error::io("cannot start a thread", e))?;
    }

    // Client -> server.
    let up = {
        let (session, to_client, to_server) = (session.clone(), to_client.clone(), to_server.clone());
        std::thread::Builder::new()
            .name("palisade-up".to_owned())
            .spawn(move || {
                let mut r = BufReader::with_capacity(1 << 16, input);
                loop {
                    let out = match read_frame(&mut r, max) {
                        Ok(Line::Frame(f)) => session.from_client(&f),
                        Ok(Line::TooLarge(n)) => session.refuse(true, &format!("message of {n} bytes exceeds the limit of {max} bytes")),
                        Ok(Line::Eof) | Err(_) => break,
                    };
                    if let Some(reply) = out.reply {
                        if write_line(&to_client, &reply).is_err() {
                            break;
                        }
                    }
                    if let Some(fwd) = out.forward {
                        let Ok(mut guard) = to_server.lock() else { break };
                        let Some(w) = guard.as_mut() else { break };
                        if w.write_all(&fwd).and_then(|()| w.write_all(b"\n")).and_then(|()| w.flush()).is_err() {
                            break;
                        }
                    }
                }
                // The client is gone: close the server's stdin, its cue to exit.
                if let Ok(mut g) = to_server.lock() {
                    g.take();
                }
            })
            .map_err(|e| Error::io("cannot start a thread", e))?
    };

    // Server -> client, on this thread.
    let mut r = BufReader::with_capacity(1 << 16, child_out);
    loop {
        let out = match read_frame(&mut r, max) {
            Ok(Line::Frame(f)) => session.from_server(&f),
            Ok(Line::TooLarge(n)) => session.refuse(false, &format!("message of {n} bytes exceeds the limit of {max} bytes")),
            Ok(Line::Eof) | Err(_) => break,
        };
        if let Some(fwd) = out.forward {
            if write_line(&to_client, &fwd).is_err() {
                break;
            }
        }
        if let Some(reply) = out.reply {
            if let Ok(mut g) = to_server.lock() {
                if let Some(w) = g.as_mut() {
                    let _ = w.write_all(&reply).and_then(|()| w.write_all(b"\n")).and_then(|()| w.flush());
                }
            }
        }
    }
    // The server closed its stdout: it is exiting (or the client left and it followed).
    if let Ok(mut g) = to_server.lock() {
        g.take();
    }
    let code = wait_or_kill(&child, opts.grace)?;
    // The up thread ends when the client closes stdin; do not wait for it past the child.
    drop(up);
    Ok(code)
}

fn wait_or_kill(child: &Mutex<Child>, grace: Duration) -> Result<i32> {
    let t0 = Instant::now();
    loop {
        let mut c = child.lock().map_err(|_| Error::io("waiting for the server", std::io::Error::other("poisoned")))?;
        match c.try_wait() {
            Ok(Some(status)) => return Ok(status.code().unwrap_or(1)),
            Ok(None) if t0.elapsed() < grace => {
                drop(c);
                std::thread::sleep(Duration::from_millis(20));
            }
            Ok(None) => {
                let _ = c.kill();
                let status = c.wait().map_err(|e| Error::io("waiting for the server", e))?;
                return Ok(status.code().unwrap_or(1));
            }
            Err(e) => return Err(Error::io("waiting for the server", e)),
        }
    }
}

/// A server identity derived from its launch command: the package or script it runs
/// (`npx -y @modelcontextprotocol/server-everything` → `server-everything`,
/// `python servers/weather.py` → `weather`, `/usr/bin/mcp-git` → `mcp-git`).
pub fn identity_from_command(program: &str, args: &[String]) -> String {
    const RUNNERS: &[&str] = &["node", "npx", "python", "python3", "uv", "uvx", "deno", "bun", "bunx", "pnpm", "docker", "podman", "java", "ruby", "sh", "bash", "env"];
    const GENERIC: &[&str] = &["index", "main", "server", "cli", "dist", "build", "src", "lib", "bin", "app", "run", "stdio"];
    let stem = |s: &str| -> String {
        let parts: Vec<&str> = s.trim_end_matches('/').split(['/', '\\']).filter(|p| !p.is_empty()).collect();
        for p in parts.iter().rev() {
            let base = p.split('@').find(|x| !x.is_empty()).unwrap_or(p);
            let base = base.rsplit_once(':').map_or(base, |(a, _)| a);
            let base = base.trim_end_matches(".js").trim_end_matches(".mjs").trim_end_matches(".ts").trim_end_matches(".py").trim_end_matches(".exe");
            if !base.is_empty() && !GENERIC.contains(&base) {
                return base.to_owned();
            }
        }
        parts.last().copied().unwrap_or(s).to_owned()
    };
    let prog = stem(program);
    if !RUNNERS.iter().any(|r| prog == *r || prog.starts_with(&format!("{r}3."))) {
        return prog;
    }
    let mut skip_next = false;
    for a in args {
        if skip_next {
            skip_next = false;
            continue;
        }
        if a.starts_with('-') {
            // Flags taking a value.
            skip_next = matches!(a.as_str(), "--from" | "--with" | "-p" | "--package" | "-e" | "--env" | "-v" | "--volume" | "--name");
            continue;
        }
        if matches!(a.as_str(), "run" | "x" | "exec" | "dlx" | "tool") {
            continue;
        }
        if a == "-m" {
            continue;
        }
        return stem(a);
    }
    prog
}

/// A server identity derived from its URL: host (and port) and path.
pub fn identity_from_url(url: &str) -> String {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let rest = rest.split(['?', '#']).next().unwrap_or(rest);
    let host_path = rest.rsplit_once('@').map_or(rest, |(_, h)| h);
    host_path.trim_end_matches('/').to_owned()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn frames_with_limits() {
        let data = b"{\"a\":1}\n\n{\"b\":2}\r\n0123456789abcdef\n{\"c\":3}";
        let mut r = BufReader::with_capacity(4, &data[..]);
        assert_eq!(read_frame(&mut r, 10).ok(), Some(Line::Frame(b"{\"a\":1}".to_vec())));
        assert_eq!(read_frame(&mut r, 10).ok(), Some(Line::Frame(b"{\"b\":2}".to_vec())));
        assert_eq!(read_frame(&mut r, 10).ok(), Some(Line::TooLarge(16)));
        assert_eq!(read_frame(&mut r, 10).ok(), Some(Line::Frame(b"{\"c\":3}".to_vec())));
        assert_eq!(read_frame(&mut r, 10).ok(), Some(Line::Eof));
    }

    #[test]
    fn identities() {
        let s = |v: &[&str]| v.iter().map(|x| (*x).to_owned()).collect::<Vec<_>>();
        assert_eq!(identity_from_command("npx", &s(&["-y", "@modelcontextprotocol/server-everything"])), "server-everything");
        assert_eq!(identity_from_command("node", &s(&["/x/node_modules/@modelcontextprotocol/server-everything/dist/index.js", "stdio"])), "server-everything");
        assert_eq!(identity_from_command("/usr/bin/python3", &s(&["tests/mcp/poisoned_server.py"])), "poisoned_server");
        assert_eq!(identity_from_command("uvx", &s(&["mcp-server-git", "--repository", "."])), "mcp-server-git");
        assert_eq!(identity_from_command("/opt/bin/mcp-git", &[]), "mcp-git");
        assert_eq!(identity_from_command("python", &s(&["-m", "weather_server"])), "weather_server");
        assert_eq!(identity_from_url("https://user:pw@mcp.example.com:8443/mcp/?x=1"), "mcp.example.com:8443/mcp");
    }
}
