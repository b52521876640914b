//! Streaming: spotlighting a tool output that arrives in pieces.
//!
//! A [`Streamer`] takes `&str` chunks and returns the output that is final so far. The
//! concatenation of everything it returns (including [`Streamer::finish`]) equals the
//! whole-text transform, whatever the chunking: the state machines carry what a chunk boundary
//! can cut — a whitespace run and the count of characters since the last datamark, the 0–2 bytes
//! of an incomplete base64 group, the end of the previous chunk for the nonce watch. Chunks are
//! `&str`, so no UTF-8 sequence is split; the transforms never put anything inside a grapheme,
//! so grapheme boundaries need no care.
//!
//! Sanitisation is not streamed: it needs the detectors' findings, which need the whole text.

use super::datamark::MarkState;
use super::delimit::DelimitState;
use super::encode::EncodeState;
use super::{Datamarker, Sentence};
use crate::error::Result;

/// A transform applied chunk by chunk.
///
/// ```
/// use palisade_engine::transform::{Encoder, Encoding};
/// let e = Encoder::new(Encoding::Base64);
/// let mut s = e.streamer();
/// let mut out = String::new();
/// for chunk in ["안", "녕하", "세요"] {
///     out += &s.push(chunk);
/// }
/// out += &s.finish()?;
/// assert_eq!(out, e.transform("안녕하세요").text);
/// # Ok::<(), palisade_engine::Error>(())
/// ```
#[derive(Debug, Clone)]
pub struct Streamer {
    inner: Inner,
    sentence: Sentence,
}

#[derive(Debug, Clone)]
enum Inner {
    Delimit(DelimitState),
    Datamark(MarkState),
    Encode(EncodeState),
    /// Each streamer's output feeds the next.
    Chain(Vec<Streamer>),
}

impl Streamer {
    pub(crate) fn delimit(state: DelimitState) -> Streamer {
        Streamer { sentence: state.sentence(), inner: Inner::Delimit(state) }
    }

    pub(crate) fn datamark(d: &Datamarker) -> Streamer {
        Streamer { sentence: d.sentence(), inner: Inner::Datamark(d.state()) }
    }

    pub(crate) fn encode(state: EncodeState, sentence: Sentence) -> Streamer {
        Streamer { sentence, inner: Inner::Encode(state) }
    }

    /// Streamers applied one after the other (the output of each is the input of the next).
    ///
    /// ```
    /// use palisade_engine::transform::{Datamarker, Delimiter, Streamer};
    /// let dm = Datamarker::new('^')?;
    /// let d = Delimiter::seeded(1);
    /// let mut s = Streamer::chain(vec![dm.streamer(), d.streamer()]);
    /// let out = s.push("a b") + &s.finish()?;
    /// assert_eq!(out, d.transform(&dm.transform("a b").text).text);
    /// # Ok::<(), palisade_engine::Error>(())
    /// ```
    pub fn chain(streamers: Vec<Streamer>) -> Streamer {
        let mut sentence = Sentence::default();
        for s in &streamers {
            sentence.append(&s.sentence);
        }
        Streamer { inner: Inner::Chain(streamers), sentence }
    }

    /// The system-prompt sentence (English) for the output; known before any chunk.
    pub fn instruction(&self) -> &str {
        &self.sentence.en
    }

    /// The system-prompt sentence in Korean.
    pub fn instruction_ko(&self) -> &str {
        &self.sentence.ko
    }

    /// Transforms the next chunk; returns the output that is final so far.
    pub fn push(&mut self, chunk: &str) -> String {
        let mut out = String::with_capacity(chunk.len() + chunk.len() / 4 + 8);
        self.push_into(chunk, &mut out);
        out
    }

    /// Transforms the next chunk, appending the output that is final so far to `out`.
    pub fn push_into(&mut self, chunk: &str, out: &mut String) {
        match &mut self.inner {
            Inner::Delimit(s) => s.push(chunk, out),
            Inner::Datamark(s) => s.push(chunk, out),
            Inner::Encode(s) => s.push(chunk, out),
            Inner::Chain(list) => {
                let mut carried = chunk.to_owned();
                for s in list.iter_mut() {
                    carried = s.push(&carried);
                }
                out.push_str(&carried);
            }
        }
    }

    /// Ends the input; returns the rest of the output. Fails only for delimiting when the
    /// content contained the nonce (then everything output must be discarded).
    pub fn finish(self) -> Result<String> {
        let mut out = String::new();
        match self.inner {
            Inner::Delimit(mut s) => s.finish(&mut out)?,
            Inner::Datamark(mut s) => s.finish(&mut out),
            Inner::Encode(mut s) => s.finish(&mut out),
            Inner::Chain(list) => {
                let mut carried: Option<String> = None;
                for mut s in list {
                    let mut piece = match carried.take() {
                        Some(c) => s.push(&c),
                        None => String::new(),
                    };
                    piece.push_str(&s.finish()?);
                    carried = Some(piece);
                }
                out = carried.unwrap_or_default();
            }
        }
        Ok(out)
    }
}
