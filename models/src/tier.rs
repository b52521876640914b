//! Palisade's transformer tier: the frozen all-MiniLM-L6-v2 encoder (mean-pooled unit
//! embeddings) and a logistic head trained by `palisade train`, scoring the same sentence units
//! as the embedded tier. The head is compiled in (`palisade-v1/transformer-head.json`); the
//! encoder's files are fetched (`models/fetch.sh`) and the tier is used when they are present.

use crate::embedded::{extras, unit_texts, Calibration};
use crate::error::{Error, Result};
use crate::{l2_normalize, BackendOptions, Embedder};
use palisade_engine::classifier::{Classifier, ClassifierInput, ClassifierOutput};
use palisade_engine::{Class, Identity, Span};
use serde::{Deserialize, Serialize};

static BUILTIN_HEAD: &str = include_str!(concat!(env!("OUT_DIR"), "/transformer-head.json"));

/// The head file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct HeadFile {
    /// Tier name (`palisade-v1-transformer`).
    pub name: String,
    /// The encoder it was trained on (manifest name).
    pub encoder: String,
    /// Weights over the L2-normalised embedding followed by the embedded tier's extras.
    pub weights: Vec<f32>,
    /// Bias.
    pub bias: f32,
    /// Calibration of the logit on the validation split.
    pub calibration: Calibration,
    /// Training summary.
    #[serde(default)]
    pub training: serde_json::Value,
}

impl HeadFile {
    /// The head compiled into the library.
    pub fn builtin() -> Result<HeadFile> {
        if BUILTIN_HEAD.trim().is_empty() {
            return Err(Error::NotFound("this build has no transformer head (models/palisade-v1/transformer-head.json was absent at build time)".into()));
        }
        serde_json::from_str(BUILTIN_HEAD).map_err(|e| Error::Unsupported(format!("transformer head: {e}")))
    }

    /// The logit of a unit embedding and its extras.
    pub fn logit(&self, embedding: &[f32], extra: &[f32]) -> f32 {
        let e = l2_normalize(embedding);
        self.weights.iter().zip(e.iter().chain(extra)).map(|(w, x)| w * x).sum::<f32>() + self.bias
    }
}

/// The transformer tier, usable as a [`Classifier`].
pub struct TransformerTier {
    embedder: Embedder,
    head: HeadFile,
    identity: Identity,
}

impl std::fmt::Debug for TransformerTier {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TransformerTier").field("identity", &self.identity).finish()
    }
}

impl TransformerTier {
    /// The built-in head over the encoder in `encoder_dir`.
    pub fn load(encoder_dir: &str, options: BackendOptions) -> Result<TransformerTier> {
        let head = HeadFile::builtin()?;
        let embedder = Embedder::load_with(encoder_dir, options)?;
        let digest = blake3::hash(format!("{}:{}:{}", embedder.identity().digest, head.bias, head.weights.len()).as_bytes()).to_hex().get(..16).unwrap_or_default().to_owned();
        let identity = Identity { name: head.name.clone(), digest };
        Ok(TransformerTier { embedder, head, identity })
    }

    /// The embedder.
    pub fn embedder(&self) -> &Embedder {
        &self.embedder
    }
}

impl Classifier for TransformerTier {
    fn identity(&self) -> Identity {
        self.identity.clone()
    }

    fn classify(&self, batch: &[ClassifierInput<'_>]) -> palisade_engine::Result<Vec<ClassifierOutput>> {
        let mut units: Vec<(usize, Span, &str)> = Vec::new();
        for (i, x) in batch.iter().enumerate() {
            units.extend(unit_texts(x.text).into_iter().map(|(s, t)| (i, s, t)));
        }
        let texts: Vec<&str> = units.iter().map(|u| u.2).collect();
        let emb = self.embedder.embed_batch(&texts, 32).map_err(|e| palisade_engine::Error::Classifier { model: self.identity.name.clone(), message: e.to_string() })?;
        let mut best: Vec<Option<(f32, Span)>> = vec![None; batch.len()];
        for ((i, span, text), e) in units.iter().zip(&emb) {
            let Some(x) = batch.get(*i) else { continue };
            let z = self.head.logit(e, &extras(text, x.surface, x.role));
            if let Some(slot) = best.get_mut(*i) {
                if slot.is_none_or(|(b, _)| z > b) {
                    *slot = Some((z, *span));
                }
            }
        }
        Ok(batch
            .iter()
            .zip(best)
            .map(|(x, b)| match b {
                Some((z, span)) => ClassifierOutput { scores: vec![(Class::injection_for(x.surface), self.head.calibration.apply(z))], span: Some(span) },
                None => ClassifierOutput::default(),
            })
            .collect())
    }

    fn wants(&self, input: &ClassifierInput<'_>) -> bool {
        input.text.chars().filter(|c| c.is_alphabetic()).count() >= 3
    }
}
