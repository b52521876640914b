//! `palisade transform`: spotlighting and sanitisation of one text file.

use super::{EngineArgs, EXIT_CLEAN};
use anyhow::{bail, Context as _, Result};
use clap::ValueEnum;
use palisade_engine::transform::{Datamarker, Delimiter, Encoder, Encoding, Plan, Transformed, Transformer};
use palisade_engine::{Action, Context, Policy, Subject, Surface};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};

/// Largest input read, in bytes.
const MAX_BYTES: u64 = 256 << 20;

/// Transform modes.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Wrap between boundary lines carrying a random nonce.
    Delimit,
    /// Interleave a marker character through the text.
    Datamark,
    /// Base64 (or ROT13 with --rot13).
    Encode,
    /// Remove hidden characters, collapse comments, redact what the detectors flag.
    Sanitize,
}

/// Options of `palisade transform`.
#[derive(clap::Args, Debug)]
pub struct TransformArgs {
    #[command(flatten)]
    pub engine: EngineArgs,
    /// The transform.
    #[arg(long, value_enum)]
    pub mode: Mode,
    /// Datamarking marker character (default U+E000; the policy's when it sets one).
    #[arg(long, value_name = "C")]
    pub marker: Option<char>,
    /// Datamarking: turn line breaks into markers too (one output line).
    #[arg(long)]
    pub flat: bool,
    /// Encoding: ROT13 instead of base64 (default: the policy's scheme).
    #[arg(long)]
    pub rot13: bool,
    /// Delimiting: draw nonces from this seed instead of the operating system (tests only).
    #[arg(long, value_name = "N")]
    pub seed: Option<u64>,
    /// Restore the original of a transformed text (not for sanitize).
    #[arg(long)]
    pub untransform: bool,
    /// Print only the text, not JSON.
    #[arg(long)]
    pub raw: bool,
    /// A UTF-8 text file; `-` reads standard input.
    #[arg(value_name = "PATH")]
    pub path: PathBuf,
}

fn read_text(path: &Path) -> Result<String> {
    let mut buf = Vec::new();
    let name = path.display();
    if path.as_os_str() == "-" {
        std::io::stdin().take(MAX_BYTES + 1).read_to_end(&mut buf).context("cannot read standard input")?;
    } else {
        let f = std::fs::File::open(path).with_context(|| format!("cannot read `{name}`"))?;
        f.take(MAX_BYTES + 1).read_to_end(&mut buf).with_context(|| format!("cannot read `{name}`"))?;
    }
    if buf.len() as u64 > MAX_BYTES {
        bail!("`{name}` is larger than {} MiB", MAX_BYTES >> 20);
    }
    String::from_utf8(buf).map_err(|e| anyhow::anyhow!("`{name}`: invalid UTF-8 at byte {}", e.utf8_error().valid_up_to()))
}

/// The invertible transform the options describe, on top of the policy's settings (`None` for
/// sanitize).
fn transformer(args: &TransformArgs, plan: &Plan) -> Result<Option<Transformer>> {
    Ok(match args.mode {
        Mode::Delimit => Some(Transformer::Delimit(args.seed.map_or_else(Delimiter::random, Delimiter::seeded))),
        Mode::Datamark => {
            let p = plan.datamarker();
            let d = match args.marker {
                Some(m) => Datamarker::new(m)?.preserve_newlines(p.preserves_newlines()).dense_interval(p.interval()),
                None => *p,
            };
            Some(Transformer::Datamark(if args.flat { d.preserve_newlines(false) } else { d }))
        }
        Mode::Encode => Some(Transformer::Encode(if args.rot13 { Encoder::new(Encoding::Rot13) } else { *plan.encoder() })),
        Mode::Sanitize => None,
    })
}

pub fn run(args: &TransformArgs) -> Result<u8> {
    let text = read_text(&args.path)?;
    // The policy's settings (marker, encoding, sanitisation) for tool outputs.
    let plan = Policy::load(&args.engine.policy)?.transform_plan(Surface::ToolOutput, Action::Sanitize);
    let t = transformer(args, &plan)?;
    let out: Transformed = match (&t, args.untransform) {
        (Some(t), true) => Transformed { text: t.untransform(&text)?, ..Transformed::default() },
        (Some(t), false) => t.transform(&text),
        (None, true) => bail!("sanitize cannot be undone"),
        (None, false) => {
            let engine = args.engine.engine()?;
            let ctx = Context::new(args.engine.server.as_deref(), None);
            let verdict = engine.inspect(&Subject::text(text.as_str(), Surface::ToolOutput), &ctx);
            let findings: Vec<_> = verdict.findings.into_iter().filter(|f| f.pointer.is_empty()).collect();
            plan.sanitizer().sanitize(&text, &findings)
        }
    };
    let stdout = std::io::stdout();
    let mut w = std::io::BufWriter::new(stdout.lock());
    if args.raw {
        w.write_all(out.text.as_bytes())?;
    } else {
        serde_json::to_writer_pretty(&mut w, &out)?;
        writeln!(w)?;
    }
    w.flush()?;
    Ok(EXIT_CLEAN)
}
