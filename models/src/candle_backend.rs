//! The candle backend: BERT-family encoders (mean pooling, or BERT's pooler and a
//! sequence-classification head as in `BertForSequenceClassification`) and DeBERTa-v2/v3
//! sequence classifiers (the architecture of Llama Prompt Guard 2 and of ProtectAI's and
//! PIGuard's DeBERTa-v3 models), on CPU (or CUDA with the `cuda` feature).

use crate::error::{Error, Result};
use crate::source::ModelFiles;
use candle_core::{DType, Device, Module, Tensor};
use candle_nn::{linear, Linear, VarBuilder};
use candle_transformers::models::{bert, debertav2};

/// What the network computes.
enum Net {
    /// Mean-pooled (attention-weighted) last hidden state.
    BertEmbed(Box<bert::BertModel>),
    /// BERT pooler (dense + tanh on `[CLS]`) then a linear classifier: logits.
    BertCls { bert: Box<bert::BertModel>, pooler: Linear, classifier: Linear },
    /// DeBERTa-v2 context pooler and classifier: logits.
    DebertaCls(Box<debertav2::DebertaV2SeqClassificationModel>),
}

/// A loaded network and the device it runs on.
pub struct CandleModel {
    net: Net,
    device: Device,
    /// Number of output values per input (labels, or the embedding width).
    pub width: usize,
    /// Whether the outputs are logits of a classifier (else embeddings).
    pub is_classifier: bool,
}

impl std::fmt::Debug for CandleModel {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("CandleModel").field("width", &self.width).field("is_classifier", &self.is_classifier).finish()
    }
}

fn config_error(files: &ModelFiles, e: impl std::fmt::Display) -> Error {
    Error::Config { path: files.dir.join("config.json"), message: e.to_string() }
}

/// The device: CUDA when compiled with it and `PALISADE_DEVICE=cuda`, else the CPU.
pub fn device() -> Result<Device> {
    if std::env::var("PALISADE_DEVICE").is_ok_and(|d| d == "cuda") {
        #[cfg(feature = "cuda")]
        return Ok(Device::new_cuda(0)?);
        #[cfg(not(feature = "cuda"))]
        return Err(Error::NotCompiled("CUDA", "cuda"));
    }
    Ok(Device::Cpu)
}

impl CandleModel {
    /// Loads `config.json` and `model.safetensors` from a model directory.
    pub fn load(files: &ModelFiles, config: &serde_json::Value) -> Result<CandleModel> {
        let device = device()?;
        let weights = files.file("model.safetensors")?;
        // Read into memory rather than memory-mapped: mmap needs `unsafe`, which this
        // workspace forbids.
        let bytes = std::fs::read(&weights).map_err(|source| Error::Io { path: weights.clone(), source })?;
        let vb = VarBuilder::from_buffered_safetensors(bytes, DType::F32, &device)?;
        let model_type = config.get("model_type").and_then(|v| v.as_str()).unwrap_or("");
        let archs: Vec<&str> = config.get("architectures").and_then(|a| a.as_array()).map(|a| a.iter().filter_map(|x| x.as_str()).collect()).unwrap_or_default();
        let classifier = archs.iter().any(|a| a.ends_with("ForSequenceClassification"));
        let num_labels = crate::backend::num_labels(config);
        match model_type {
            "bert" => {
                let cfg: bert::Config = serde_json::from_value(config.clone()).map_err(|e| config_error(files, e))?;
                let bert = Box::new(bert::BertModel::load(vb.clone(), &cfg)?);
                if classifier {
                    let pooler = linear(cfg.hidden_size, cfg.hidden_size, vb.pp("bert.pooler.dense"))?;
                    let classifier = linear(cfg.hidden_size, num_labels, vb.pp("classifier"))?;
                    Ok(CandleModel { net: Net::BertCls { bert, pooler, classifier }, device, width: num_labels, is_classifier: true })
                } else {
                    Ok(CandleModel { net: Net::BertEmbed(bert), device, width: cfg.hidden_size, is_classifier: false })
                }
            }
            "deberta-v2" if classifier => {
                let cfg: debertav2::Config = serde_json::from_value(config.clone()).map_err(|e| config_error(files, e))?;
                let id2label = cfg.id2label.clone();
                // The encoder's tensors sit under `deberta.`; the pooler and the classifier are
                // looked up from the root by candle.
                let m = debertav2::DebertaV2SeqClassificationModel::load(vb.pp("deberta"), &cfg, id2label)?;
                Ok(CandleModel { net: Net::DebertaCls(Box::new(m)), device, width: num_labels, is_classifier: true })
            }
            other => Err(Error::Unsupported(format!(
                "model `{}`: architecture `{other}` {archs:?} is not supported by the candle backend (supported: bert embeddings, BertForSequenceClassification, DebertaV2ForSequenceClassification)",
                files.name
            ))),
        }
    }

    /// Runs one padded batch: `ids` rows of equal length, `mask` 1 for real tokens.
    /// Returns one row of `width` values per input.
    pub fn forward(&self, ids: &[Vec<u32>], mask: &[Vec<u32>]) -> Result<Vec<Vec<f32>>> {
        let rows = ids.len();
        let cols = ids.first().map_or(0, Vec::len);
        let flat_ids: Vec<u32> = ids.iter().flatten().copied().collect();
        let flat_mask: Vec<u32> = mask.iter().flatten().copied().collect();
        let input_ids = Tensor::from_vec(flat_ids, (rows, cols), &self.device)?;
        let attention = Tensor::from_vec(flat_mask, (rows, cols), &self.device)?;
        let token_types = input_ids.zeros_like()?;
        let out = match &self.net {
            Net::BertEmbed(bert) => {
                let hidden = bert.forward(&input_ids, &token_types, Some(&attention))?;
                let m = attention.to_dtype(DType::F32)?.unsqueeze(2)?;
                let summed = hidden.broadcast_mul(&m)?.sum(1)?;
                let counts = m.sum(1)?.clamp(1e-9f32, f32::MAX)?;
                summed.broadcast_div(&counts)?
            }
            Net::BertCls { bert, pooler, classifier } => {
                let hidden = bert.forward(&input_ids, &token_types, Some(&attention))?;
                let cls = hidden.narrow(1, 0, 1)?.squeeze(1)?;
                let pooled = pooler.forward(&cls)?.tanh()?;
                classifier.forward(&pooled)?
            }
            Net::DebertaCls(m) => m.forward(&input_ids, Some(token_types), Some(attention))?,
        };
        Ok(out.to_dtype(DType::F32)?.to_vec2::<f32>()?)
    }
}
