//! Command-line interface: argument parsing and dispatch.

mod bench;
mod eval;
mod explain;
mod input;
mod models;
mod proxy;
mod render;
mod sarif;
mod scan;
mod serve;
mod transform;

use anyhow::{Context as _, Result};
use clap::{Parser, Subcommand, ValueEnum};
use palisade_engine::{Action, Engine, Policy};
use std::path::PathBuf;
use std::process::ExitCode;

/// Exit status: every item allowed.
pub const EXIT_CLEAN: u8 = 0;
/// Exit status: an item reached `--min-action`.
pub const EXIT_FINDINGS: u8 = 1;
/// Exit status: usage or input error.
pub const EXIT_ERROR: u8 = 2;

#[derive(Parser, Debug)]
#[command(name = "palisade", version, about = "Semantic AI firewall for agent tool traffic: inspects MCP tool definitions and tool outputs", long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

/// Options shared by the commands that run the engine.
#[derive(clap::Args, Debug, Clone)]
pub struct EngineArgs {
    /// Policy file, or the name of a built-in policy (default, strict, permissive).
    #[arg(long, value_name = "FILE", default_value = "default")]
    pub policy: String,
    /// The MCP server the input comes from (used by the policy's allow/deny lists).
    #[arg(long, value_name = "NAME")]
    pub server: Option<String>,
    /// Turn the verdict cache off.
    #[arg(long)]
    pub no_cache: bool,
    #[command(flatten)]
    pub models: ModelArgs,
}

/// Options choosing the model tiers.
#[derive(clap::Args, Debug, Clone)]
pub struct ModelArgs {
    /// A transformer sequence classifier to fuse with the detectors: a model directory
    /// (config.json, tokenizer.json, model.safetensors or model.onnx) or a hub id
    /// `org/name[@revision]` in the local Hugging Face cache (nothing is downloaded).
    #[arg(long, value_name = "DIR_OR_HF_ID", env = "PALISADE_MODEL")]
    pub model: Option<String>,
    /// Detectors only: no model tier at all.
    #[arg(long, env = "PALISADE_NO_MODEL", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_model: bool,
    /// The embedded model tier only: do not load the transformer tier even when its encoder
    /// (models/cache/all-minilm-l6-v2, or $PALISADE_MODELS/all-minilm-l6-v2) is present.
    #[arg(long, env = "PALISADE_NO_TRANSFORMER", value_parser = clap::builder::BoolishValueParser::new())]
    pub no_transformer: bool,
    /// The embedded model tier from a file written by `palisade train` (`embedded.bin`) in
    /// place of the one compiled into this binary: try a retrained model without rebuilding.
    #[arg(long, value_name = "FILE", env = "PALISADE_EMBEDDED")]
    pub embedded: Option<std::path::PathBuf>,
    /// The tensor backend of `--model`: candle (model.safetensors), ort (model.onnx, ONNX
    /// Runtime from ORT_DYLIB_PATH) or auto (candle when the weights are safetensors).
    #[arg(long, value_name = "auto|candle|ort", env = "PALISADE_BACKEND", default_value = "auto", value_parser = parse_backend)]
    pub backend: palisade_models::Backend,
}

/// The embedded model tier: the compiled-in one (parsed once per process), or the one in `file`.
fn embedded_model(file: Option<&std::path::Path>) -> Result<std::sync::Arc<dyn palisade_engine::classifier::Classifier>> {
    if let Some(file) = file {
        let bytes = std::fs::read(file).with_context(|| format!("cannot read the embedded model {}", file.display()))?;
        let m = palisade_models::embedded::StaticModel::from_bytes(&bytes).with_context(|| format!("{} is not an embedded model written by `palisade train`", file.display()))?;
        return Ok(std::sync::Arc::new(m));
    }
    static MODEL: std::sync::OnceLock<std::result::Result<std::sync::Arc<palisade_models::embedded::StaticModel>, String>> = std::sync::OnceLock::new();
    let m = MODEL.get_or_init(|| palisade_models::embedded::StaticModel::builtin().map(std::sync::Arc::new).map_err(|e| e.to_string()));
    match m {
        Ok(m) => Ok(m.clone()),
        Err(e) => anyhow::bail!("{e} (or pass --no-model)"),
    }
}

fn parse_backend(s: &str) -> std::result::Result<palisade_models::Backend, String> {
    palisade_models::Backend::parse(s).ok_or_else(|| format!("unknown backend `{s}` (expected auto, candle or ort)"))
}

type SharedClassifier = std::sync::Arc<dyn palisade_engine::classifier::Classifier>;

/// The model tiers some options chose, loaded once and shared by every engine built on them.
#[derive(Clone, Default)]
pub struct Tiers {
    /// The first (embedded) tier.
    pub first: Option<SharedClassifier>,
    /// The second tier, and whether it overrides the policy's `[classifier] transformer`.
    pub second: Option<(SharedClassifier, Option<palisade_engine::policy::TierRun>)>,
}

impl ModelArgs {
    /// Loads the tiers these options select for engines running `policies` (the transformer
    /// tier only when one of them runs it).
    pub fn tiers(&self, policies: &[&Policy]) -> Result<Tiers> {
        use palisade_engine::policy::TierRun;
        if self.no_model {
            return Ok(Tiers::default());
        }
        let first = Some(embedded_model(self.embedded.as_deref())?);
        let backend = palisade_models::BackendOptions { backend: self.backend, ..Default::default() };
        let runs_transformer = policies.iter().any(|p| p.raw().classifier.transformer != TierRun::Never);
        let second: Option<(SharedClassifier, Option<TierRun>)> = if let Some(spec) = &self.model {
            // A user-supplied guardrail model scores every string the first tier scores.
            let clf = palisade_models::TransformerClassifier::load(spec, palisade_models::Options { backend, ..Default::default() })
                .map_err(|e| anyhow::anyhow!("model `{spec}`: {e}"))?;
            Some((std::sync::Arc::new(clf), Some(TierRun::Always)))
        } else if !self.no_transformer && runs_transformer {
            let dir = models::cache_dir().join("all-minilm-l6-v2");
            if dir.join("model.safetensors").is_file() || dir.join("model.onnx").is_file() {
                match palisade_models::tier::TransformerTier::load(&dir.to_string_lossy(), backend) {
                    Ok(t) => Some((std::sync::Arc::new(t), None)),
                    Err(e) => {
                        eprintln!("palisade: transformer tier not loaded ({e}); using the embedded tier");
                        None
                    }
                }
            } else {
                None
            }
        } else {
            None
        };
        Ok(Tiers { first, second })
    }
}

impl Tiers {
    /// An engine builder for a policy with these tiers.
    pub fn builder(&self, policy: Policy) -> palisade_engine::EngineBuilder {
        let mut b = Engine::builder().policy(policy);
        if let Some(c) = &self.first {
            b = b.classifier(c.clone());
        }
        if let Some((c, run)) = &self.second {
            b = b.escalation(c.clone());
            if let Some(r) = run {
                b = b.escalation_run(*r);
            }
        }
        b
    }
}

impl EngineArgs {
    /// Builds the engine these options describe.
    pub fn engine(&self) -> Result<Engine> {
        let policy = Policy::load(&self.policy)?;
        let tiers = self.models.tiers(&[&policy])?;
        let mut b = tiers.builder(policy);
        if self.no_cache {
            b = b.cache(false);
        }
        Ok(b.build()?)
    }
}

/// Output formats of `scan`.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Format {
    /// A readable report with highlighted spans.
    Text,
    /// One JSON object per inspected item, one per line.
    Json,
    /// SARIF 2.1.0, for code-scanning UIs.
    Sarif,
}

/// When to colour text output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum Color {
    /// When standard output is a terminal and NO_COLOR is unset.
    Auto,
    /// Always.
    Always,
    /// Never.
    Never,
}

/// Actions as command-line values.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum MinAction {
    /// Any item not allowed.
    Warn,
    /// Items sanitised or blocked.
    Sanitize,
    /// Blocked items only.
    Block,
}

impl From<MinAction> for Action {
    fn from(m: MinAction) -> Action {
        match m {
            MinAction::Warn => Action::Warn,
            MinAction::Sanitize => Action::Sanitize,
            MinAction::Block => Action::Block,
        }
    }
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Inspect tool definitions, tool lists, tool results or JSONL files of them.
    ///
    /// Exit status: 0 when every item is allowed, 1 when an item reaches --min-action,
    /// 2 on usage or input errors.
    Scan {
        #[command(flatten)]
        engine: EngineArgs,
        /// Output format.
        #[arg(long, value_enum, default_value = "text")]
        format: Format,
        /// The least action that makes the exit status 1 (and, in SARIF, that is reported).
        #[arg(long, value_enum, default_value = "warn")]
        min_action: MinAction,
        /// Colour in text output.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
        /// JSON or JSONL files; `-` reads standard input.
        #[arg(required = true, value_name = "PATH")]
        paths: Vec<PathBuf>,
    },
    /// Show the normalised text, decoded hidden content and every finding with its span.
    Explain {
        #[command(flatten)]
        engine: EngineArgs,
        /// Colour.
        #[arg(long, value_enum, default_value = "auto")]
        color: Color,
        /// A JSON or JSONL file; `-` reads standard input.
        #[arg(value_name = "PATH")]
        path: PathBuf,
    },
    /// Evaluate the engine on labelled JSONL datasets: predictions, metrics, report and curves.
    ///
    /// Exit status: 0 when every --fail-under bar is met, 1 when one is not,
    /// 2 on usage or input errors.
    Eval(eval::EvalArgs),
    /// Train Palisade's own model (embedded tier, transformer head, calibration, model card)
    /// from the shared datasets and models/corpus.
    Train(crate::train::TrainArgs),
    /// List, verify or fetch transformer models (see models/manifest.toml).
    Models {
        #[command(subcommand)]
        command: models::ModelsCommand,
    },
    /// List the detectors (built-in rules and those the policy adds) with their weights.
    Rules {
        #[command(flatten)]
        engine: EngineArgs,
    },
    /// Run an MCP server over stdio behind the firewall: `palisade proxy [OPTIONS] -- COMMAND
    /// ARGS...`. Blocked tools disappear from tools/list (calls to them get a JSON-RPC error),
    /// tools are pinned (a changed definition is blocked until `palisade pins approve`),
    /// tool outputs are sanitised or datamarked, tool-call arguments are checked for secrets,
    /// and every decision goes to the audit log.
    Proxy(proxy::ProxyArgs),
    /// List, diff, approve or forget tool pins (rug-pull protection of `palisade proxy`).
    Pins {
        #[command(subcommand)]
        command: proxy::PinsCommand,
    },
    /// Serve the gRPC scoring service (palisade.v1: Inspect, InspectBatch, InspectStream,
    /// Transform, ListModels, ListPolicies; health and reflection) until SIGTERM/SIGINT, then
    /// drain and exit 0. Every flag can also come from its PALISADE_* environment variable.
    Serve(serve::ServeArgs),
    /// Load generators: `palisade bench grpc` against a running `palisade serve`.
    Bench {
        #[command(subcommand)]
        command: bench::BenchCommand,
    },
    /// Spotlight (delimit, datamark, encode) or sanitise a text, printing JSON with the text,
    /// the system-prompt instruction (English and Korean) and, for sanitize, every change.
    Transform(transform::TransformArgs),
}

/// Parses the arguments, runs the command, maps the outcome to an exit status.
pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Scan { engine, format, min_action, color, paths } => {
            scan::run(&engine, format, min_action.into(), render::use_color(color), &paths)
        }
        Command::Explain { engine, color, path } => explain::run(&engine, render::use_color(color), &path),
        Command::Rules { engine } => explain::rules(&engine),
        Command::Transform(args) => transform::run(&args),
        Command::Eval(args) => eval::run(&args),
        Command::Train(args) => crate::train::run(&args),
        Command::Models { command } => models::run(&command),
        Command::Proxy(args) => proxy::run(&args),
        Command::Pins { command } => proxy::pins(&command),
        Command::Serve(args) => serve::run(&args),
        Command::Bench { command } => bench::run(&command),
    };
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("palisade: error: {}", error_chain(&e));
            ExitCode::from(EXIT_ERROR)
        }
    }
}

/// An error and its causes joined by `: `, leaving out a cause whose text the message before it
/// already ends with (the library errors print their source in their own message).
fn error_chain(e: &anyhow::Error) -> String {
    let mut out = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if out.ends_with(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn an_error_chain_names_each_cause_once() {
        let io = std::io::Error::new(std::io::ErrorKind::NotFound, "No such file or directory (os error 2)");
        let e = anyhow::Error::new(palisade_eval::Error::Io { path: "x.jsonl".into(), source: io }).context("reading the datasets");
        assert_eq!(super::error_chain(&e), "reading the datasets: `x.jsonl`: No such file or directory (os error 2)");
    }
}
