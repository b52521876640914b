//! `palisade explain` and `palisade rules`.

use super::input::{self, Content};
use super::render::{highlight, original_at, visible, Style};
use super::{EngineArgs, EXIT_CLEAN, EXIT_ERROR};
use anyhow::Result;
use palisade_engine::detect::BUILTIN_DETECTORS;
use std::io::Write;
use std::path::Path;

pub fn run(args: &EngineArgs, color: bool, path: &Path) -> Result<u8> {
    let engine = args.engine()?;
    let style = Style { color };
    let items = input::read(&[path], args.server.as_deref());
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    let mut code = EXIT_CLEAN;
    for it in &items {
        writeln!(out, "━━ {}{}", style.bold(&it.id), it.tool().map(|t| format!("  ({t})")).unwrap_or_default())?;
        let (subject, ctx) = match &it.content {
            Content::Subject(b) => (&b.0, &b.1),
            Content::Error(e) => {
                writeln!(out, "  error: {e}")?;
                code = EXIT_ERROR;
                continue;
            }
        };
        let a = engine.analyse(subject, ctx);
        for s in &a.segments {
            let n = &s.norm;
            let changed = n.clean.as_str() != s.segment.text;
            let interesting = changed || !n.hidden.is_empty() || !n.layers.is_empty() || !n.comments.is_empty();
            let has_findings = a.verdict.findings.iter().any(|f| f.pointer == s.segment.pointer);
            if !interesting && !has_findings {
                continue;
            }
            writeln!(out, "  {} [{} · {}]", style.bold(if s.segment.pointer.is_empty() { "/" } else { &s.segment.pointer }), s.segment.role.as_str(), s.segment.surface)?;
            writeln!(out, "    original:   {}", visible(&s.segment.text))?;
            if changed {
                writeln!(out, "    normalised: {}", visible(n.clean.as_str()))?;
            }
            if !n.hidden.is_empty() {
                let kinds: Vec<String> = n
                    .hidden
                    .iter()
                    .map(|h| format!("U+{:04X}@{}{}", h.code, h.index, if h.benign_context { " (benign)" } else { "" }))
                    .take(20)
                    .collect();
                writeln!(out, "    hidden:     {} character(s): {}{}", n.hidden.len(), kinds.join(", "), if n.hidden.len() > 20 { ", …" } else { "" })?;
            }
            for l in &n.layers {
                writeln!(out, "    decoded {} (depth {}, chars {}..{}): {}", l.kind.as_str(), l.depth, l.extent.start, l.extent.end, visible(l.decoded.as_str()))?;
            }
            for c in &n.comments {
                writeln!(out, "    comment at chars {}..{}", c.start, c.end)?;
            }
        }
        writeln!(out, "  verdict: {} {:.2} — {}", style.action(a.verdict.action), a.verdict.score, a.verdict.decided_by)?;
        for f in &a.verdict.findings {
            writeln!(out, "    • {} {} {:.2} {} [{}..{})  {}", style.bold(&f.detector), f.class, f.score, f.pointer, f.span.start, f.span.end, f.reason)?;
            if let Some(orig) = original_at(subject, f) {
                writeln!(out, "      {}", highlight(&orig, f, 30, style))?;
            }
        }
        for t in &a.truncated {
            writeln!(out, "    ! {} at {}: {}", t.limit, t.pointer, t.detail)?;
        }
    }
    out.flush()?;
    Ok(code)
}

pub fn rules(args: &EngineArgs) -> Result<u8> {
    let engine = args.engine()?;
    let mut out = std::io::BufWriter::new(std::io::stdout().lock());
    writeln!(out, "{:<44} {:<16} {:>6} {:<5} reason", "id", "class", "weight", "lang")?;
    for (id, class, w, reason) in BUILTIN_DETECTORS {
        writeln!(out, "{id:<44} {:<16} {w:>6.2} {:<5} {reason}", class.as_str(), "any")?;
    }
    for r in engine.rules().rules() {
        let class = format!("{:?}", r.class).to_lowercase();
        writeln!(out, "{:<44} {:<16} {:>6.2} {:<5} {}", r.id, class, r.weight, r.lang, r.reason)?;
    }
    for c in engine.rules().combos() {
        let class = format!("{:?}", c.class).to_lowercase();
        writeln!(out, "{:<44} {:<16} {:>6.2} {:<5} {} [all of: {}]", c.id, class, c.weight, "any", c.reason, c.all.join(", "))?;
    }
    out.flush()?;
    Ok(EXIT_CLEAN)
}
