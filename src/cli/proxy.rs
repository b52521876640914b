//! `palisade proxy` (the MCP firewall inline) and `palisade pins` (the tool pins it keeps).

use super::EngineArgs;
use anyhow::{Context as _, Result};
use palisade_mcp::stdio::{identity_from_command, StdioOptions, DEFAULT_MAX_MESSAGE_BYTES};
use palisade_mcp::{AuditLog, Firewall, PinStore};
use serde_json::json;
use std::path::PathBuf;
use std::sync::Arc;

/// Where Palisade keeps its state: $PALISADE_HOME, else $XDG_DATA_HOME/palisade, else
/// ~/.local/share/palisade.
fn data_dir() -> PathBuf {
    if let Some(d) = std::env::var_os("PALISADE_HOME") {
        return PathBuf::from(d);
    }
    if let Some(d) = std::env::var_os("XDG_DATA_HOME") {
        return PathBuf::from(d).join("palisade");
    }
    let home = std::env::var_os("HOME").or_else(|| std::env::var_os("USERPROFILE")).map(PathBuf::from).unwrap_or_default();
    home.join(".local").join("share").join("palisade")
}

/// Options naming the pin store.
#[derive(clap::Args, Debug, Clone)]
pub struct PinsPath {
    /// The pin database (SQLite). Default: $PALISADE_PINS, else pins.db in $PALISADE_HOME,
    /// $XDG_DATA_HOME/palisade or ~/.local/share/palisade.
    #[arg(long, value_name = "PATH", env = "PALISADE_PINS")]
    pub pins: Option<PathBuf>,
}

impl PinsPath {
    fn path(&self) -> PathBuf {
        self.pins.clone().unwrap_or_else(|| data_dir().join("pins.db"))
    }

    fn open(&self) -> Result<PinStore> {
        Ok(PinStore::open(&self.path())?)
    }
}

/// `palisade proxy`.
#[derive(clap::Args, Debug)]
pub struct ProxyArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// The server's identity in pins, audit records and policy lists (default: derived from
    /// the command, e.g. `server-everything`).
    #[arg(long, value_name = "NAME")]
    name: Option<String>,
    #[command(flatten)]
    pins: PinsPath,
    /// Do not pin tools (no rug-pull detection).
    #[arg(long)]
    no_pins: bool,
    /// The audit log (JSON Lines). Default: $PALISADE_AUDIT, else audit.jsonl next to the pins.
    #[arg(long, value_name = "PATH", env = "PALISADE_AUDIT")]
    audit: Option<PathBuf>,
    /// Write no audit log.
    #[arg(long)]
    no_audit: bool,
    /// Largest JSON-RPC message accepted in either direction, in bytes.
    #[arg(long, value_name = "BYTES", default_value_t = DEFAULT_MAX_MESSAGE_BYTES)]
    max_message_bytes: usize,
    /// Serve MCP over HTTP on this address (with --upstream) instead of running a command.
    #[arg(long, value_name = "ADDR", requires = "upstream")]
    listen: Option<std::net::SocketAddr>,
    /// The upstream MCP server's URL (Streamable HTTP endpoint, or the older transport's /sse).
    #[arg(long, value_name = "URL", requires = "listen")]
    upstream: Option<String>,
    /// The MCP server to run over stdio, after `--`.
    #[arg(last = true, required_unless_present = "upstream", conflicts_with = "upstream", value_name = "COMMAND")]
    command: Vec<String>,
}

/// Runs the stdio proxy (returning the server's exit status) or the HTTP proxy.
pub fn run(args: &ProxyArgs) -> Result<u8> {
    if let (Some(listen), Some(upstream)) = (args.listen, &args.upstream) {
        let name = args.name.clone().unwrap_or_else(|| palisade_mcp::stdio::identity_from_url(upstream));
        let fw = firewall(args)?;
        let opts = palisade_mcp::http::HttpOptions { upstream: upstream.clone(), max_message_bytes: args.max_message_bytes, drain: std::time::Duration::from_secs(10) };
        palisade_mcp::http::run(fw, name, listen, opts)?;
        return Ok(0);
    }
    let (program, rest) = args.command.split_first().context("no server command after `--`")?;
    let rest = rest.to_vec();
    let name = args.name.clone().unwrap_or_else(|| identity_from_command(program, &rest));
    let session = Arc::new(firewall(args)?.session(name));
    let mut cmd = std::process::Command::new(program);
    cmd.args(&rest);
    let opts = StdioOptions { max_message_bytes: args.max_message_bytes, ..StdioOptions::default() };
    let code = palisade_mcp::stdio::run(session, cmd, std::io::stdin(), std::io::stdout(), &opts)?;
    Ok(u8::try_from(code.clamp(0, 255)).unwrap_or(1))
}

fn firewall(args: &ProxyArgs) -> Result<Firewall> {
    let engine = Arc::new(args.engine.engine()?);
    let pins = if args.no_pins { None } else { Some(Arc::new(args.pins.open()?)) };
    let audit = if args.no_audit {
        None
    } else {
        let path = args.audit.clone().unwrap_or_else(|| args.pins.path().with_file_name("audit.jsonl"));
        Some(Arc::new(AuditLog::open(&path)?))
    };
    Ok(Firewall::new(engine, pins, audit))
}

/// `palisade pins …`.
#[derive(clap::Subcommand, Debug)]
pub enum PinsCommand {
    /// List pinned tools (and changes awaiting approval).
    List {
        #[command(flatten)]
        pins: PinsPath,
        /// Only this server's tools.
        #[arg(long)]
        server: Option<String>,
        /// Print JSON (one array) instead of a table.
        #[arg(long)]
        json: bool,
    },
    /// Show what changed in a tool since it was pinned (field by field).
    Diff {
        #[command(flatten)]
        pins: PinsPath,
        /// Print JSON.
        #[arg(long)]
        json: bool,
        /// Server identity.
        server: String,
        /// Tool name.
        tool: String,
    },
    /// Approve a tool's changed definition: it becomes the pin and the tool is usable again.
    Approve {
        #[command(flatten)]
        pins: PinsPath,
        /// Server identity.
        server: String,
        /// Tool name.
        tool: String,
    },
    /// Forget a tool's pin: its next definition is pinned afresh.
    Forget {
        #[command(flatten)]
        pins: PinsPath,
        /// Server identity.
        server: String,
        /// Tool name.
        tool: String,
    },
}

/// Runs a `pins` command.
pub fn pins(cmd: &PinsCommand) -> Result<u8> {
    match cmd {
        PinsCommand::List { pins, server, json } => {
            let store = pins.open()?;
            let list = store.list(server.as_deref())?;
            if *json {
                println!("{}", serde_json::to_string_pretty(&list)?);
                return Ok(0);
            }
            if list.is_empty() {
                println!("no pins in {}", store.path().display());
                return Ok(0);
            }
            println!("{:<24} {:<32} {:<10} {:<16} PINNED AT", "SERVER", "TOOL", "STATUS", "DIGEST");
            for p in &list {
                let status = if p.pending.is_some() { "changed" } else { "approved" };
                println!("{:<24} {:<32} {:<10} {:<16} {}", p.server, p.tool, status, p.digest.get(..16).unwrap_or(&p.digest), p.pinned_at);
            }
            Ok(0)
        }
        PinsCommand::Diff { pins, json, server, tool } => {
            let store = pins.open()?;
            let pin = store.get(server, tool)?.with_context(|| format!("no pin for tool `{tool}` of server `{server}`"))?;
            let changes = pin.diff();
            if *json {
                println!("{}", serde_json::to_string_pretty(&json!({"server": server, "tool": tool, "digest": pin.digest, "pending": pin.pending.as_ref().map(|p| &p.digest), "changes": changes}))?);
                return Ok(0);
            }
            match &pin.pending {
                None => println!("{server}/{tool}: no change since it was pinned ({})", pin.pinned_at),
                Some(p) => {
                    println!("{server}/{tool}: changed since {} (pinned {} → seen {})", p.since, pin.digest.get(..16).unwrap_or_default(), p.digest.get(..16).unwrap_or_default());
                    for c in &changes {
                        println!("  {}", c.pointer);
                        if let Some(o) = &c.old {
                            println!("    - {}", serde_json::to_string(o)?);
                        }
                        if let Some(n) = &c.new {
                            println!("    + {}", serde_json::to_string(n)?);
                        }
                    }
                    println!("approve with: palisade pins approve {server} {tool}");
                }
            }
            Ok(0)
        }
        PinsCommand::Approve { pins, server, tool } => {
            let store = pins.open()?;
            if store.approve(server, tool)? {
                println!("approved the new definition of {server}/{tool}");
                Ok(0)
            } else if store.get(server, tool)?.is_some() {
                println!("{server}/{tool} has no change awaiting approval");
                Ok(0)
            } else {
                anyhow::bail!("no pin for tool `{tool}` of server `{server}`")
            }
        }
        PinsCommand::Forget { pins, server, tool } => {
            let store = pins.open()?;
            if store.forget(server, tool)? {
                println!("forgot the pin of {server}/{tool}");
                Ok(0)
            } else {
                anyhow::bail!("no pin for tool `{tool}` of server `{server}`")
            }
        }
    }
}
