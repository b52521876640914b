//! Tokenisation under the engine's control, and long inputs split into overlapping windows.
//!
//! Truncation and padding configured in a `tokenizer.json` are turned off: Palisade never
//! truncates silently. A text longer than the model's window is split into overlapping windows
//! (ending at a sentence boundary where one is near), every window is scored, and the caller
//! pools the scores and reports the window that drove them.

use crate::error::{Error, Result};
use std::path::Path;
use tokenizers::Tokenizer;

/// A tokenizer with the model's special tokens.
pub struct TextEncoder {
    tokenizer: Tokenizer,
    cls: u32,
    sep: u32,
    pad: u32,
}

impl std::fmt::Debug for TextEncoder {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("TextEncoder").field("cls", &self.cls).field("sep", &self.sep).field("pad", &self.pad).finish()
    }
}

/// One window of token ids ready for the model (with its special tokens), and the character
/// span of the text it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Window {
    /// Token ids, `[CLS] … [SEP]`.
    pub ids: Vec<u32>,
    /// First character of the text covered.
    pub start: u32,
    /// One past the last character covered.
    pub end: u32,
}

fn special(tokenizer: &Tokenizer, candidates: &[&str]) -> Option<u32> {
    candidates.iter().find_map(|t| tokenizer.token_to_id(t))
}

impl TextEncoder {
    /// Loads `tokenizer.json`, with truncation and padding off.
    pub fn load(path: &Path) -> Result<TextEncoder> {
        let mut tokenizer = Tokenizer::from_file(path).map_err(|e| Error::Config { path: path.to_owned(), message: e.to_string() })?;
        tokenizer
            .with_truncation(None)
            .map_err(|e| Error::Config { path: path.to_owned(), message: e.to_string() })?;
        tokenizer.with_padding(None);
        let cls = special(&tokenizer, &["[CLS]", "<s>", "<cls>"]);
        let sep = special(&tokenizer, &["[SEP]", "</s>", "<sep>"]);
        let pad = special(&tokenizer, &["[PAD]", "<pad>"]).unwrap_or(0);
        match (cls, sep) {
            (Some(cls), Some(sep)) => Ok(TextEncoder { tokenizer, cls, sep, pad }),
            _ => Err(Error::Config { path: path.to_owned(), message: "the vocabulary has no [CLS]/[SEP] (or <s>/</s>) tokens".to_owned() }),
        }
    }

    /// The padding token id.
    pub fn pad_id(&self) -> u32 {
        self.pad
    }

    /// The start and end special token ids (`[CLS]`, `[SEP]`).
    pub fn specials(&self) -> (u32, u32) {
        (self.cls, self.sep)
    }

    /// Size of the vocabulary (added tokens included).
    pub fn vocab_size(&self) -> usize {
        self.tokenizer.get_vocab_size(true)
    }

    /// Token ids of a text, without special tokens.
    pub fn ids(&self, text: &str) -> Result<Vec<u32>> {
        Ok(self.tokenizer.encode(text, false).map_err(|e| Error::Tokenizer(e.to_string()))?.get_ids().to_vec())
    }

    /// Splits `text` into windows of at most `max_len` tokens (special tokens included), each
    /// overlapping the previous by about `overlap` tokens.
    pub fn windows(&self, text: &str, max_len: usize, overlap: usize) -> Result<Vec<Window>> {
        let enc = self.tokenizer.encode(text, false).map_err(|e| Error::Tokenizer(e.to_string()))?;
        let ids = enc.get_ids();
        let offsets = enc.get_offsets();
        // Byte offsets → character offsets.
        let mut char_of_byte = vec![0u32; text.len() + 1];
        let mut n = 0u32;
        for (b, _) in text.char_indices() {
            if let Some(slot) = char_of_byte.get_mut(b) {
                *slot = n;
            }
            n += 1;
        }
        if let Some(last) = char_of_byte.last_mut() {
            *last = n;
        }
        let to_char = |b: usize| char_of_byte.get(b).copied().unwrap_or(n);
        let body = max_len.saturating_sub(2).max(1);
        let mut out = Vec::new();
        if ids.is_empty() {
            out.push(Window { ids: vec![self.cls, self.sep], start: 0, end: n });
            return Ok(out);
        }
        let mut start = 0usize;
        loop {
            let mut end = (start + body).min(ids.len());
            if end < ids.len() {
                // Prefer to end the window after a sentence end in its last quarter.
                let floor = start + body * 3 / 4;
                if let Some(cut) = (floor..end).rev().find(|&i| {
                    offsets.get(i).and_then(|&(s, e)| text.get(s..e)).is_some_and(|t| t.ends_with(['.', '!', '?', '\n', '。', '！', '？', ';']))
                }) {
                    end = cut + 1;
                }
            }
            let mut w = Vec::with_capacity(end - start + 2);
            w.push(self.cls);
            w.extend_from_slice(ids.get(start..end).unwrap_or(&[]));
            w.push(self.sep);
            let s = offsets.get(start).map_or(0, |o| to_char(o.0));
            let e = offsets.get(end.saturating_sub(1)).map_or(n, |o| to_char(o.1));
            out.push(Window { ids: w, start: s, end: e.max(s) });
            if end >= ids.len() {
                break;
            }
            let next = end.saturating_sub(overlap.min(body / 2));
            start = if next > start { next } else { end };
        }
        Ok(out)
    }
}
