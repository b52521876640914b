//! Palisade's model tiers and transformer classifier backends.
//!
//! Palisade's own model: [`embedded::StaticModel`] (the tier compiled into the library:
//! MiniLM-distilled static token vectors, hashed n-grams, a calibrated logistic head over
//! sentence units; `StaticModel::builtin()`) and [`tier::TransformerTier`] (the frozen MiniLM
//! encoder with the compiled-in head). Both implement the engine's [`Classifier`]; `palisade
//! train` (in the `palisade` binary) builds them.
//!
//! [`TransformerClassifier`] implements the engine's [`Classifier`] trait with a transformer
//! sequence classifier loaded from a model directory or the local Hugging Face cache
//! ([`source::resolve`]): BERT-family (`BertForSequenceClassification`) and DeBERTa-v2/v3
//! (`DebertaV2ForSequenceClassification`: Llama Prompt Guard 2, ProtectAI
//! deberta-v3-base-prompt-injection-v2, PIGuard) on the candle backend. [`Embedder`] gives
//! mean-pooled sentence embeddings of BERT encoders (all-MiniLM-L6-v2).
//!
//! Long inputs are never truncated: they are split into overlapping windows
//! ([`text::TextEncoder::windows`]), every window is scored, the class score is the maximum
//! over windows, and the verdict reports the character span of the window that drove it.
//!
//! Backends ([`Backend`]): `candle` (default feature; `model.safetensors`) and `ort` (ONNX
//! Runtime loaded at run time from `ORT_DYLIB_PATH`; `model.onnx`, any BERT-family or DeBERTa
//! encoder or sequence classifier exported with inputs `input_ids`/`attention_mask`
//! (and `token_type_ids` when the graph takes it) and output `logits` or `last_hidden_state`; a pool of sessions).
//! `cuda` and `ort-cuda` forward to the backends' CUDA support (untested here: no GPU); a
//! backend or device not compiled in gives [`Error::NotCompiled`].

pub mod error;
pub mod manifest;
pub mod source;
pub mod text;

pub mod backend;
pub mod embedded;
pub mod tier;
#[cfg(feature = "candle")]
pub mod candle_backend;
#[cfg(feature = "ort")]
pub mod ort_backend;

pub use backend::{Backend, BackendOptions};
pub use error::{Error, Result};

use palisade_engine::classifier::{Classifier, ClassifierInput, ClassifierOutput};
use palisade_engine::{Class, Identity, Span, Surface};
use source::ModelFiles;
use text::TextEncoder;

/// How a model's label maps to Palisade's classes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LabelClass {
    /// A benign label: not reported.
    Benign,
    /// Injection: `tool_poisoning` on tool metadata, `prompt_injection` on outputs and prompts.
    Injection,
    /// A fixed class.
    Fixed(Class),
}

impl LabelClass {
    /// Guesses the class of a label name as public guardrail models spell them
    /// (`LABEL_0`/`LABEL_1`, `SAFE`/`INJECTION`, `benign`/`malicious`, `jailbreak`).
    pub fn guess(label: &str) -> LabelClass {
        let l = label.to_ascii_lowercase();
        if let Some(c) = Class::parse(&l) {
            return LabelClass::Fixed(c);
        }
        match l.as_str() {
            "label_0" | "safe" | "benign" | "negative" | "legit" | "clean" | "0" => LabelClass::Benign,
            _ if l.contains("exfil") => LabelClass::Fixed(Class::Exfiltration),
            _ => LabelClass::Injection,
        }
    }

    fn class(self, surface: Surface) -> Option<Class> {
        match self {
            LabelClass::Benign => None,
            LabelClass::Injection => Some(Class::injection_for(surface)),
            LabelClass::Fixed(c) => Some(c),
        }
    }
}

/// The manifest entry of a model, matched by name, upstream id or `hf:` source.
pub fn known(files: &ModelFiles) -> Option<manifest::ModelEntry> {
    let m = manifest::Manifest::builtin().ok()?;
    m.models.into_iter().find(|e| {
        e.name == files.name || e.upstream.as_deref() == Some(files.name.as_str()) || e.source == format!("hf:{}", files.name)
    })
}

/// The digest of a model: blake3 over its config and weights (first 16 hex digits).
pub fn digest_files(files: &ModelFiles, names: &[&str]) -> Result<String> {
    let mut h = blake3::Hasher::new();
    for n in names {
        if let Ok(p) = files.file(n) {
            let bytes = std::fs::read(&p).map_err(|source| Error::Io { path: p.clone(), source })?;
            h.update(n.as_bytes());
            h.update(&bytes);
        }
    }
    Ok(h.finalize().to_hex().get(..16).unwrap_or_default().to_owned())
}

fn read_config(files: &ModelFiles) -> Result<serde_json::Value> {
    let p = files.file("config.json")?;
    let text = std::fs::read_to_string(&p).map_err(|source| Error::Io { path: p.clone(), source })?;
    serde_json::from_str(&text).map_err(|e| Error::Config { path: p, message: e.to_string() })
}

fn max_length(config: &serde_json::Value) -> usize {
    config
        .get("max_position_embeddings")
        .and_then(serde_json::Value::as_u64)
        .and_then(|n| usize::try_from(n).ok())
        .unwrap_or(512)
        .min(512)
}

/// Options of a transformer classifier.
#[derive(Debug, Clone)]
pub struct Options {
    /// Window length in tokens, special tokens included (default: the model's, at most 512).
    pub max_length: Option<usize>,
    /// Overlap between consecutive windows in tokens.
    pub overlap: usize,
    /// Windows per forward pass.
    pub batch_size: usize,
    /// Backend choice and tuning.
    pub backend: BackendOptions,
}

impl Default for Options {
    fn default() -> Self {
        Options { max_length: None, overlap: 32, batch_size: 16, backend: BackendOptions::default() }
    }
}

/// The windows of one text: each window's character span and its label probabilities.
pub type WindowScores = Vec<(Span, Vec<f32>)>;

/// Pads a batch of windows to its longest member.
pub fn pad_batch(windows: &[&[u32]], pad: u32) -> (Vec<Vec<u32>>, Vec<Vec<u32>>) {
    let len = windows.iter().map(|w| w.len()).max().unwrap_or(0);
    let mut ids = Vec::with_capacity(windows.len());
    let mut mask = Vec::with_capacity(windows.len());
    for w in windows {
        let mut row = w.to_vec();
        let mut m = vec![1u32; w.len()];
        row.resize(len, pad);
        m.resize(len, 0);
        ids.push(row);
        mask.push(m);
    }
    (ids, mask)
}

/// A transformer sequence classifier, usable as the engine's [`Classifier`].
pub struct TransformerClassifier {
    encoder: TextEncoder,
    model: backend::Model,
    labels: Vec<LabelClass>,
    max_length: usize,
    options: Options,
    identity: Identity,
}

impl std::fmt::Debug for TransformerClassifier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransformerClassifier").field("identity", &self.identity).field("labels", &self.labels).field("max_length", &self.max_length).finish()
    }
}

impl TransformerClassifier {
    /// Loads a sequence classifier from a directory or a cached hub id.
    pub fn load(spec: &str, options: Options) -> Result<TransformerClassifier> {
        let files = source::resolve(spec)?;
        Self::load_files(&files, options)
    }

    /// Loads a sequence classifier from resolved files.
    pub fn load_files(files: &ModelFiles, options: Options) -> Result<TransformerClassifier> {
        let entry = known(files);
        if let Some(e) = &entry {
            manifest::verify(e, &files.dir)?;
        }
        let config = read_config(files)?;
        let encoder = TextEncoder::load(&files.file("tokenizer.json")?)?;
        let mut labels: Vec<(usize, LabelClass)> = config
            .get("id2label")
            .and_then(|m| m.as_object())
            .map(|m| {
                m.iter()
                    .filter_map(|(k, v)| {
                        let name = v.as_str()?;
                        let class = entry.as_ref().map_or_else(|| LabelClass::guess(name), |e| e.label_class(name));
                        Some((k.parse().ok()?, class))
                    })
                    .collect()
            })
            .unwrap_or_default();
        labels.sort_by_key(|(i, _)| *i);
        let labels: Vec<LabelClass> = labels.into_iter().map(|(_, l)| l).collect();
        let manifest_len = entry.as_ref().and_then(|e| e.max_length);
        let max_length = options.max_length.or(manifest_len).unwrap_or_else(|| max_length(&config));
        let (model, backend) = backend::Model::load(files, &config, options.backend)?;
        let identity = Identity { name: files.name.clone(), digest: digest_files(files, &["config.json", backend.weights_file(), "tokenizer.json"])? };
        if !model.is_classifier() {
            return Err(Error::Unsupported(format!(
                "model `{}` is an encoder without a classification head: use it through `Embedder`, or pass a sequence-classification model",
                files.name
            )));
        }
        // Configs without `id2label` get the default names `LABEL_0`, `LABEL_1`, ….
        let labels = if labels.is_empty() {
            (0..model.width()).map(|i| entry.as_ref().map_or_else(|| LabelClass::guess(&format!("LABEL_{i}")), |e| e.label_class(&format!("LABEL_{i}")))).collect()
        } else {
            labels
        };
        if labels.len() != model.width() {
            return Err(Error::Config { path: files.dir.join("config.json"), message: format!("id2label has {} labels but the classifier has {} outputs", labels.len(), model.width()) });
        }
        Ok(TransformerClassifier { encoder, model, labels, max_length, options, identity })
    }

    /// Class probabilities (softmax over labels) of every window of every text; returns per
    /// text the windows' `(span, probabilities)`.
    pub fn window_probabilities(&self, texts: &[&str]) -> Result<Vec<WindowScores>> {
        let windows = run_windows(&self.model, &self.encoder, texts, (self.max_length, self.options.overlap), self.options.batch_size)?;
        let mut per_text: Vec<WindowScores> = vec![Vec::new(); texts.len()];
        for (i, span, logits) in windows {
            if let Some(v) = per_text.get_mut(i) {
                v.push((span, softmax(&logits)));
            }
        }
        Ok(per_text)
    }
}

/// Runs every window of every text through the model, in batches of windows sorted by length
/// (so that each batch pads little); returns `(text index, window span, output row)` per
/// window, in text order.
fn run_windows(model: &backend::Model, encoder: &TextEncoder, texts: &[&str], (max_length, overlap): (usize, usize), batch_size: usize) -> Result<Vec<(usize, Span, Vec<f32>)>> {
    let mut all: Vec<(usize, Span, Vec<u32>)> = Vec::new();
    for (i, t) in texts.iter().enumerate() {
        for w in encoder.windows(t, max_length, overlap)? {
            all.push((i, Span::new(w.start, w.end), w.ids));
        }
    }
    let mut order: Vec<usize> = (0..all.len()).collect();
    order.sort_by_key(|&k| all.get(k).map_or(0, |w| w.2.len()));
    let mut outputs: Vec<Vec<f32>> = vec![Vec::new(); all.len()];
    for chunk in order.chunks(batch_size.max(1)) {
        let rows: Vec<&[u32]> = chunk.iter().filter_map(|&k| all.get(k).map(|w| w.2.as_slice())).collect();
        let (ids, mask) = pad_batch(&rows, encoder.pad_id());
        for (&k, row) in chunk.iter().zip(model.forward(&ids, &mask)?) {
            if let Some(slot) = outputs.get_mut(k) {
                *slot = row;
            }
        }
    }
    Ok(all.into_iter().zip(outputs).map(|((i, span, _), row)| (i, span, row)).collect())
}

impl Classifier for TransformerClassifier {
    fn identity(&self) -> Identity {
        self.identity.clone()
    }

    fn classify(&self, batch: &[ClassifierInput<'_>]) -> palisade_engine::Result<Vec<ClassifierOutput>> {
        {
            let texts: Vec<&str> = batch.iter().map(|b| b.text).collect();
            let windows = self.window_probabilities(&texts).map_err(|e| palisade_engine::Error::Classifier { model: self.identity.name.clone(), message: e.to_string() })?;
            Ok(batch
                .iter()
                .zip(windows)
                .map(|(input, ws)| {
                    let mut best: Vec<(Class, f32, Span)> = Vec::new();
                    for (span, p) in &ws {
                        for (label, &prob) in self.labels.iter().zip(p) {
                            let Some(class) = label.class(input.surface) else { continue };
                            match best.iter_mut().find(|b| b.0 == class) {
                                Some(b) if b.1 >= prob => {}
                                Some(b) => *b = (class, prob, *span),
                                None => best.push((class, prob, *span)),
                            }
                        }
                    }
                    let top = best.iter().max_by(|a, b| a.1.total_cmp(&b.1)).map(|b| b.2);
                    ClassifierOutput { scores: best.iter().map(|b| (b.0, b.1)).collect(), span: if ws.len() > 1 { top } else { None } }
                })
                .collect())
        }
    }
}

/// Sentence embeddings of a BERT-family encoder (mean pooling over the attention mask).
pub struct Embedder {
    encoder: TextEncoder,
    model: backend::Model,
    max_length: usize,
    identity: Identity,
}

impl Embedder {
    /// Loads an encoder from a directory or a cached hub id on the automatically chosen backend.
    pub fn load(spec: &str) -> Result<Embedder> {
        Self::load_with(spec, BackendOptions::default())
    }

    /// Loads an encoder on a chosen backend.
    pub fn load_with(spec: &str, options: BackendOptions) -> Result<Embedder> {
        let files = source::resolve(spec)?;
        if let Some(e) = known(&files) {
            manifest::verify(&e, &files.dir)?;
        }
        let config = read_config(&files)?;
        let encoder = TextEncoder::load(&files.file("tokenizer.json")?)?;
        let (model, backend) = backend::Model::load(&files, &config, options)?;
        if model.is_classifier() {
            return Err(Error::Unsupported(format!("model `{}` is a classifier, not an encoder", files.name)));
        }
        let identity = Identity { name: files.name.clone(), digest: digest_files(&files, &["config.json", backend.weights_file(), "tokenizer.json"])? };
        Ok(Embedder { encoder, model, max_length: max_length(&config), identity })
    }

    /// The model's identity.
    pub fn identity(&self) -> &Identity {
        &self.identity
    }

    /// Mean-pooled embeddings of many texts, batched by length (texts longer than one window
    /// are embedded window by window and averaged, as [`Embedder::embed`]).
    pub fn embed_batch(&self, texts: &[&str], batch_size: usize) -> Result<Vec<Vec<f32>>> {
        let mut sums: Vec<(Vec<f32>, f32)> = vec![(Vec::new(), 0.0); texts.len()];
        for (i, _, e) in run_windows(&self.model, &self.encoder, texts, (self.max_length, 32), batch_size)? {
            let Some(slot) = sums.get_mut(i) else { continue };
            if slot.0.is_empty() {
                slot.0 = vec![0.0; e.len()];
            }
            slot.0.iter_mut().zip(&e).for_each(|(a, x)| *a += x);
            slot.1 += 1.0;
        }
        Ok(sums.into_iter().map(|(v, n)| v.into_iter().map(|x| x / n.max(1.0)).collect()).collect())
    }

    /// Mean-pooled embeddings of each text (texts longer than one window are embedded window
    /// by window and averaged), in batches of 16 windows.
    pub fn embed(&self, texts: &[&str]) -> Result<Vec<Vec<f32>>> {
        self.embed_batch(texts, 16)
    }
}

/// Softmax over a row.
pub fn softmax(row: &[f32]) -> Vec<f32> {
    let max = row.iter().copied().fold(f32::NEG_INFINITY, f32::max);
    let exps: Vec<f32> = row.iter().map(|x| (x - max).exp()).collect();
    let sum: f32 = exps.iter().sum();
    exps.iter().map(|e| e / sum.max(f32::MIN_POSITIVE)).collect()
}

/// L2 normalisation of a row.
pub fn l2_normalize(row: &[f32]) -> Vec<f32> {
    let n = row.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
    row.iter().map(|x| x / n).collect()
}
