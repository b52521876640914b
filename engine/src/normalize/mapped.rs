//! Text with a map from each of its characters back to a span of an original string.

use serde::Serialize;

/// A half-open range `[start, end)` of character (Unicode scalar value) indices in an original
/// string. Spans count `char`s, not bytes, so that they mean the same thing in every language
/// binding.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, serde::Deserialize)]
#[serde(into = "[u32; 2]", from = "[u32; 2]")]
pub struct Span {
    /// First character index.
    pub start: u32,
    /// One past the last character index.
    pub end: u32,
}

impl Span {
    /// A span from its bounds.
    pub fn new(start: u32, end: u32) -> Span {
        Span { start, end }
    }

    /// The smallest span covering both.
    pub fn union(self, other: Span) -> Span {
        Span { start: self.start.min(other.start), end: self.end.max(other.end) }
    }

    /// Whether `other` lies within `self`.
    pub fn contains(self, other: Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    /// Number of characters covered.
    pub fn len(self) -> u32 {
        self.end.saturating_sub(self.start)
    }

    /// Whether the span covers no character.
    pub fn is_empty(self) -> bool {
        self.end <= self.start
    }

    /// Distance in characters between two spans (0 when they overlap).
    pub fn distance(self, other: Span) -> u32 {
        if self.end <= other.start {
            other.start - self.end
        } else {
            self.start.saturating_sub(other.end)
        }
    }
}

impl From<Span> for [u32; 2] {
    fn from(s: Span) -> [u32; 2] {
        [s.start, s.end]
    }
}

impl From<[u32; 2]> for Span {
    fn from(a: [u32; 2]) -> Span {
        Span { start: a[0], end: a[1] }
    }
}

impl Serialize for MappedText {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(&self.text)
    }
}

/// A derived string whose every character remembers the span of the original it came from.
#[derive(Debug, Clone, Default)]
pub struct MappedText {
    text: String,
    /// `origin[i]` is the original span of the i-th char of `text`.
    origin: Vec<Span>,
    /// `byte_of[i]` is the byte offset of the i-th char of `text`; one extra entry at the end.
    byte_of: Vec<u32>,
}

impl MappedText {
    /// An identity map over `s`: character `i` comes from span `[i, i+1)`.
    pub fn identity(s: &str) -> MappedText {
        let mut m = MappedText::with_capacity(s.len());
        for (i, c) in s.chars().enumerate() {
            let i = u32::try_from(i).unwrap_or(u32::MAX);
            m.push(c, Span::new(i, i.saturating_add(1)));
        }
        m
    }

    /// An empty text with room for `bytes` bytes.
    pub fn with_capacity(bytes: usize) -> MappedText {
        MappedText {
            text: String::with_capacity(bytes),
            origin: Vec::with_capacity(bytes),
            byte_of: Vec::with_capacity(bytes + 1),
        }
    }

    /// Appends one character coming from `origin`.
    pub fn push(&mut self, c: char, origin: Span) {
        self.byte_of.push(u32::try_from(self.text.len()).unwrap_or(u32::MAX));
        self.text.push(c);
        self.origin.push(origin);
    }

    /// The text.
    pub fn as_str(&self) -> &str {
        &self.text
    }

    /// Number of characters.
    pub fn char_len(&self) -> usize {
        self.origin.len()
    }

    /// Whether the text is empty.
    pub fn is_empty(&self) -> bool {
        self.origin.is_empty()
    }

    /// Original span of the character at `index`.
    pub fn origin_of_char(&self, index: usize) -> Option<Span> {
        self.origin.get(index).copied()
    }

    /// The original span of the characters `[start, end)` of this text.
    pub fn origin_of_chars(&self, start: usize, end: usize) -> Option<Span> {
        let first = *self.origin.get(start)?;
        let last = *self.origin.get(end.checked_sub(1)?.max(start))?;
        // Characters are pushed in original order, but a decoded layer may map several
        // characters to one source span; take the union of the two ends.
        Some(first.union(last))
    }

    /// Character index of the character that starts at byte `byte` (or the next one).
    pub fn char_at_byte(&self, byte: usize) -> usize {
        let b = u32::try_from(byte).unwrap_or(u32::MAX);
        self.byte_of.partition_point(|&x| x < b)
    }

    /// The original span of the byte range `[start, end)` of this text (as a regex returns it).
    pub fn origin_of_bytes(&self, start: usize, end: usize) -> Option<Span> {
        let s = self.char_at_byte(start);
        let e = self.char_at_byte(end).max(s + 1);
        self.origin_of_chars(s, e)
    }

    /// The overall original span this text covers.
    pub fn extent(&self) -> Option<Span> {
        let mut it = self.origin.iter();
        let first = *it.next()?;
        Some(it.fold(first, |a, &b| a.union(b)))
    }

    /// Re-bases this text's origins through `parent`: a character whose origin is the parent's
    /// char span `[s, e)` gets the parent's original span of those characters.
    pub fn rebase(mut self, parent: &MappedText) -> MappedText {
        for o in &mut self.origin {
            let s = o.start as usize;
            let e = (o.end as usize).max(s + 1);
            if let Some(p) = parent.origin_of_chars(s, e) {
                *o = p;
            }
        }
        self
    }
}

/// Byte offset of character index `index` in `s` (or `s.len()` past the end).
pub fn byte_offset_of_char(s: &str, index: usize) -> usize {
    s.char_indices().nth(index).map_or(s.len(), |(b, _)| b)
}

/// The substring of `s` covered by a character span (clamped to the string).
pub fn slice_chars(s: &str, span: Span) -> &str {
    let start = byte_offset_of_char(s, span.start as usize);
    let rest = s.get(start..).unwrap_or("");
    let len = byte_offset_of_char(rest, span.len() as usize);
    rest.get(..len).unwrap_or("")
}

impl MappedText {
    /// Iterates over `(char, original span)` pairs.
    pub fn iter(&self) -> impl Iterator<Item = (char, Span)> + '_ {
        self.text.chars().zip(self.origin.iter().copied())
    }
}
