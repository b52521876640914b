//! The transformer tier's head: logistic regression on the frozen encoder's unit embeddings
//! (cached in `cache_dir/unit-embeddings.bin`, keyed by blake3 of the unit text).

use super::data::{Unit, UnitSet};
use super::linear::{fit_platt, train_logistic, Example};
use super::TrainConfig;
use anyhow::{Context as _, Result};
use palisade_models::embedded::{extras, Calibration, Features};
use palisade_models::tier::HeadFile;
use palisade_models::{BackendOptions, Embedder};
use std::collections::HashMap;
use std::path::Path;

const WIDTH: usize = 384;

/// The embeddings cache: blake3(text) → embedding.
struct Cache {
    map: HashMap<[u8; 32], Vec<f32>>,
    dirty: bool,
}

impl Cache {
    fn load(path: &Path) -> Cache {
        let mut map = HashMap::new();
        if let Ok(bytes) = std::fs::read(path) {
            for rec in bytes.chunks_exact(32 + WIDTH * 4) {
                let mut k = [0u8; 32];
                k.copy_from_slice(&rec[..32]);
                map.insert(k, palisade_models::embedded::f32s(&rec[32..]));
            }
        }
        Cache { map, dirty: false }
    }

    fn save(&self, path: &Path) -> Result<()> {
        if !self.dirty {
            return Ok(());
        }
        let mut out = Vec::with_capacity(self.map.len() * (32 + WIDTH * 4));
        for (k, v) in &self.map {
            out.extend_from_slice(k);
            out.extend(v.iter().flat_map(|x| x.to_le_bytes()));
        }
        super::write_atomic(path, &out)
    }

    fn fill(&mut self, embedder: &Embedder, texts: &[&str], log: &impl Fn(&str)) -> Result<()> {
        let mut missing: Vec<&str> = texts.iter().copied().filter(|t| !self.map.contains_key(blake3::hash(t.as_bytes()).as_bytes())).collect();
        missing.sort_unstable();
        missing.dedup();
        if missing.is_empty() {
            return Ok(());
        }
        log(&format!("embedding {} units with the encoder (cached afterwards)", missing.len()));
        for (n, chunk) in missing.chunks(2048).enumerate() {
            let e = embedder.embed_batch(chunk, 64)?;
            for (t, v) in chunk.iter().zip(e) {
                if v.len() == WIDTH {
                    self.map.insert(*blake3::hash(t.as_bytes()).as_bytes(), v);
                }
            }
            self.dirty = true;
            log(&format!("  {} / {}", ((n + 1) * 2048).min(missing.len()), missing.len()));
        }
        Ok(())
    }

    fn get(&self, t: &str) -> Option<&Vec<f32>> {
        self.map.get(blake3::hash(t.as_bytes()).as_bytes())
    }
}

fn features(cache: &Cache, u: &Unit) -> Option<Features> {
    let e = palisade_models::l2_normalize(cache.get(&u.text)?);
    Some(Features { dense: e.into_iter().chain(extras(&u.text, u.surface, u.role)).collect(), sparse: Vec::new() })
}

/// Trains and writes `transformer-head.json`; `None` when the encoder is absent.
pub fn train(cfg: &TrainConfig, set: &UnitSet, log: impl Fn(&str)) -> Result<Option<HeadFile>> {
    if !cfg.encoder.join("model.safetensors").is_file() {
        log(&format!("transformer tier skipped: {} is absent (run models/fetch.sh)", cfg.encoder.display()));
        return Ok(None);
    }
    let embedder = Embedder::load_with(&cfg.encoder.to_string_lossy(), BackendOptions::default())?;
    // All positive units, and benign units up to the budget (deterministic).
    let mut train: Vec<&Unit> = set.train.iter().filter(|u| u.label).collect();
    let mut benign: Vec<&Unit> = set.train.iter().filter(|u| !u.label).collect();
    benign.sort_by_key(|u| blake3::hash(u.text.as_bytes()).as_bytes()[..8].to_vec());
    benign.truncate(cfg.transformer.max_units.saturating_sub(train.len()));
    train.extend(benign);
    let path = cfg.cache_dir.join("unit-embeddings.bin");
    let mut cache = Cache::load(&path);
    let mut texts: Vec<&str> = train.iter().map(|u| u.text.as_str()).collect();
    texts.extend(set.validation.iter().flat_map(|i| i.units.iter().map(|u| u.text.as_str())));
    let filled = cache.fill(&embedder, &texts, &log);
    cache.save(&path).with_context(|| format!("cannot write {}", path.display()))?;
    filled?;
    let labelled: Vec<(Features, bool)> = train.iter().filter_map(|u| Some((features(&cache, u)?, u.label))).collect();
    let examples: Vec<Example> = labelled.iter().map(|(f, label)| Example { features: f, label: *label }).collect();
    let (weights, _, bias) = train_logistic(&examples, WIDTH + palisade_models::embedded::EXTRA_FEATURES, 1, &cfg.train);
    let head = HeadFile { name: format!("{}-transformer", cfg.name), encoder: "all-minilm-l6-v2".to_owned(), weights, bias, calibration: Calibration::default(), training: serde_json::Value::Null };
    let scored = super::item_scores(&set.validation, |u| cache.get(&u.text).map_or(f32::NEG_INFINITY, |e| head.logit(e, &extras(&u.text, u.surface, u.role))));
    let (a, b) = fit_platt(&scored);
    let (auc, tpr1) = super::linear::auc_and_tpr(&scored, 0.01);
    log(&format!("transformer head: {} units, validation AUC {auc:.3}, TPR@1%FPR {tpr1:.3}; calibration a={a:.3} b={b:.3}", examples.len()));
    let head = HeadFile { calibration: Calibration { a, b }, training: serde_json::json!({"train_units": examples.len(), "validation_roc_auc": auc, "validation_tpr_at_1pct_fpr": tpr1}), ..head };
    let out = cfg.out_dir.join("transformer-head.json");
    super::write_atomic(&out, serde_json::to_string(&head)?.as_bytes())?;
    log(&format!("wrote {}", out.display()));
    Ok(Some(head))
}
