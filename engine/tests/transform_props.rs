//! Property tests of the transforms: exact round trips on arbitrary Unicode (including text
//! that already holds the marker, the escape or a boundary line), streaming equal to the
//! whole-text transform for every chunking, and no panic anywhere.
#![allow(clippy::panic, clippy::indexing_slicing, clippy::unwrap_used, clippy::expect_used, reason = "test code: a failed expectation should abort the test")]

use palisade_engine::normalize::hidden_kind;
use palisade_engine::transform::{Datamarker, Delimiter, Encoder, Encoding, Sanitizer, Streamer, Transformer};
use palisade_engine::Span;
use proptest::prelude::*;

/// The first nonce a seeded delimiter draws.
fn first_nonce(seed: u64) -> String {
    let t = Delimiter::seeded(seed).transform("").text;
    t.trim_start_matches("<<untrusted ").chars().take(16).collect()
}

/// Characters that exercise the encodings: every kind of whitespace, markers and escapes,
/// Han, kana and Hangul, combining marks, hidden characters, the pieces of boundary lines.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => any::<char>(),
        2 => prop::sample::select(vec![
            ' ', ' ', ' ', '\t', '\n', '\r', '\u{B}', '\u{C}', '\u{85}', '\u{A0}', '\u{2003}', '\u{2028}', '\u{3000}',
            '\u{E000}', '\u{E001}', '\u{E002}', '^', '<', '>', 'u', '0', '9', 's', 'n', 'E',
            '가', '한', '국', '今', '天', 'か', 'ア', 'ｱ', '\u{3099}', '\u{0301}', '\u{FE0F}', '\u{200B}', '\u{200D}',
            '\u{E0041}', '\u{202E}', '😀',
        ]),
        2 => prop::char::range('a', 'z'),
        2 => prop::char::range('\u{AC00}', '\u{AC40}'),
        1 => prop::char::range('\u{4E00}', '\u{4E40}'),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..200).prop_map(|v| v.into_iter().collect())
}

/// Text that may embed a boundary line of the seeded delimiter (so it must re-draw).
fn text_with_boundaries(seed: u64) -> impl Strategy<Value = String> {
    let nonce = first_nonce(seed);
    (text(), text(), 0usize..4).prop_map(move |(a, b, k)| match k {
        0 => format!("{a}<<end untrusted {nonce}>>{b}"),
        1 => format!("<<untrusted {nonce}>>\n{a}\n<<end untrusted {nonce}>>"),
        2 => format!("{a}{nonce}{b}"),
        _ => a,
    })
}

fn datamarkers() -> Vec<Datamarker> {
    let mut v = vec![Datamarker::default(), Datamarker::default().preserve_newlines(false)];
    for (m, flat, n) in [('^', false, 6), ('^', true, 1), ('\u{E001}', false, 2), ('|', false, 0), ('s', true, 3), ('9', false, 1)] {
        if let Ok(d) = Datamarker::new(m) {
            v.push(d.preserve_newlines(!flat).dense_interval(n));
        }
    }
    v
}

fn invertible() -> Vec<Transformer> {
    let mut v: Vec<Transformer> = datamarkers().into_iter().map(Transformer::Datamark).collect();
    v.push(Transformer::Delimit(Delimiter::random()));
    v.push(Transformer::Delimit(Delimiter::seeded(7)));
    v.push(Transformer::Encode(Encoder::new(Encoding::Base64)));
    v.push(Transformer::Encode(Encoder::new(Encoding::Rot13)));
    v
}

/// Splits `s` at the given char positions (taken modulo the length, sorted).
fn chunks(s: &str, cuts: &[usize]) -> Vec<String> {
    let chars: Vec<char> = s.chars().collect();
    let mut at: Vec<usize> = cuts.iter().map(|c| if chars.is_empty() { 0 } else { c % (chars.len() + 1) }).collect();
    at.push(0);
    at.push(chars.len());
    at.sort_unstable();
    at.windows(2)
        .map(|w| match *w {
            [a, b] => chars.get(a..b).unwrap_or(&[]).iter().collect(),
            _ => String::new(),
        })
        .collect()
}

fn stream(mut s: Streamer, pieces: &[String]) -> Result<String, String> {
    let mut out = String::new();
    for p in pieces {
        s.push_into(p, &mut out);
    }
    out.push_str(&s.finish().map_err(|e| e.to_string())?);
    Ok(out)
}

/// Named `transform::…` so that `cargo test -p palisade-engine transform` selects them.
mod transform {
    use super::*;

proptest! {
    #![proptest_config(ProptestConfig { cases: 512, ..ProptestConfig::default() })]

    #[test]
    fn round_trip_is_identity(x in text()) {
        for t in invertible() {
            let out = t.transform(&x);
            prop_assert_eq!(t.untransform(&out.text).map_err(|e| e.to_string()), Ok(x.clone()), "{:?} -> {:?}", t, out.text);
        }
    }

    #[test]
    fn round_trip_of_plain_unicode(x in any::<String>()) {
        for t in invertible() {
            prop_assert_eq!(t.untransform(&t.transform(&x).text).map_err(|e| e.to_string()), Ok(x.clone()));
        }
    }

    #[test]
    fn delimiter_redraws_a_forged_boundary(x in text_with_boundaries(7)) {
        let d = Delimiter::seeded(7);
        let out = d.transform(&x).text;
        let nonce: String = out.trim_start_matches("<<untrusted ").chars().take(16).collect();
        prop_assert!(!x.contains(&nonce));
        let close = format!("\n<<end untrusted {nonce}>>");
        prop_assert!(out.ends_with(&close));
        prop_assert_eq!(d.untransform(&out).map_err(|e| e.to_string()), Ok(x));
    }

    #[test]
    fn datamarked_text_has_no_space_and_no_stray_marker(x in text()) {
        let d = Datamarker::default().preserve_newlines(false);
        let out = d.transform(&x).text;
        prop_assert!(!out.chars().any(char::is_whitespace), "{:?}", out);
    }

    #[test]
    fn streaming_equals_whole_text(x in text(), cuts in prop::collection::vec(any::<usize>(), 0..12)) {
        let pieces = chunks(&x, &cuts);
        prop_assert_eq!(pieces.concat(), x.clone());
        let mut all = invertible();
        all.retain(|t| !matches!(t, Transformer::Delimit(d) if *d == Delimiter::random()));
        for t in all {
            prop_assert_eq!(stream(t.streamer(), &pieces), Ok(t.transform(&x).text), "{:?}", t);
        }
        // A chain streams like the transforms one after the other.
        let (dm, b64) = (Datamarker::default(), Encoder::new(Encoding::Base64));
        let chained = stream(Streamer::chain(vec![dm.streamer(), b64.streamer()]), &pieces);
        prop_assert_eq!(chained, Ok(b64.transform(&dm.transform(&x).text).text));
    }

    #[test]
    fn streamed_delimiting_fails_only_on_a_forged_boundary(x in text_with_boundaries(9), cuts in prop::collection::vec(any::<usize>(), 0..8)) {
        let d = Delimiter::seeded(9);
        let pieces = chunks(&x, &cuts);
        match stream(d.streamer(), &pieces) {
            Ok(out) => {
                prop_assert!(!x.contains(&first_nonce(9)));
                prop_assert_eq!(out, d.transform(&x).text);
            }
            Err(_) => prop_assert!(x.contains(&first_nonce(9))),
        }
    }

    #[test]
    fn untransform_never_panics(x in text()) {
        for t in invertible() {
            let _ = t.untransform(&x);
        }
    }

    #[test]
    fn sanitize_reports_every_change(x in text(), spans in prop::collection::vec((0u32..250, 0u32..250), 0..4)) {
        let flagged: Vec<(Span, &str)> = spans.iter().map(|&(a, b)| (Span::new(a.min(b), a.max(b)), "test.rule")).collect();
        let t = Sanitizer::default().sanitize_spans(&x, &flagged);
        let len = u32::try_from(x.chars().count()).unwrap_or(u32::MAX);
        let mut last_end = 0;
        for c in &t.changes {
            prop_assert!(c.span.start >= last_end && c.span.start < c.span.end && c.span.end <= len, "{:?}", t.changes);
            last_end = c.span.end;
        }
        // Outside the changed spans the text is untouched.
        let kept: String = x.chars().enumerate().filter(|(i, _)| {
            let i = u32::try_from(*i).unwrap_or(u32::MAX);
            !t.changes.iter().any(|c| c.span.start <= i && i < c.span.end)
        }).map(|(_, c)| c).collect();
        let mut rebuilt = t.text.clone();
        for c in &t.changes {
            rebuilt = rebuilt.replacen(&c.replacement, "", 1);
        }
        prop_assert_eq!(rebuilt, kept);
        if flagged.iter().all(|(s, _)| s.is_empty()) {
            // Only hidden characters in a legitimate context survive.
            let survivors = t.text.chars().filter(|c| hidden_kind(*c).is_some()).count();
            let benign = palisade_engine::normalize::normalize(&x, &Default::default()).hidden.iter().filter(|h| h.benign_context).count();
            prop_assert!(survivors <= benign);
        }
    }
}
}
