//! `palisade scan`.

use super::input::{self, Content, Item};
use super::render::{highlight, original_at, Style};
use super::{sarif, EngineArgs, Format, EXIT_CLEAN, EXIT_ERROR, EXIT_FINDINGS};
use anyhow::Result;
use palisade_engine::{Action, Class, Engine, Surface, Verdict};
use rayon::prelude::*;
use serde::Serialize;
use std::io::Write;
use std::path::PathBuf;

/// One line of `--format json`.
#[derive(Serialize)]
struct JsonItem<'a> {
    id: &'a str,
    source: &'a str,
    #[serde(skip_serializing_if = "Option::is_none")]
    line: Option<usize>,
    #[serde(skip_serializing_if = "Option::is_none")]
    tool: Option<&'a str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    error: Option<&'a str>,
    #[serde(flatten)]
    verdict: &'a Verdict,
}

/// Inspects every item (in parallel) and returns the verdicts in input order.
pub fn inspect_all(engine: &Engine, items: &[Item]) -> Vec<Verdict> {
    items
        .par_iter()
        .map(|it| match &it.content {
            Content::Subject(b) => engine.inspect(&b.0, &b.1),
            Content::Error(e) => engine.error_verdict(Surface::ToolDescription, e),
        })
        .collect()
}

pub fn run(args: &EngineArgs, format: Format, min_action: Action, color: bool, paths: &[PathBuf]) -> Result<u8> {
    let engine = args.engine()?;
    let items = input::read(paths, args.server.as_deref());
    let verdicts = inspect_all(&engine, &items);
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match format {
        Format::Json => {
            for (it, v) in items.iter().zip(&verdicts) {
                let error = match &it.content {
                    Content::Error(e) => Some(e.as_str()),
                    Content::Subject(_) => None,
                };
                let j = JsonItem { id: &it.id, source: &it.source, line: it.line, tool: it.tool(), error, verdict: v };
                serde_json::to_writer(&mut out, &j)?;
                writeln!(out)?;
            }
        }
        Format::Sarif => {
            serde_json::to_writer_pretty(&mut out, &sarif::report(&engine, &items, &verdicts, min_action))?;
            writeln!(out)?;
        }
        Format::Text => text(&mut out, &items, &verdicts, Style { color })?,
    }
    out.flush()?;
    let mut bad_input = false;
    for it in &items {
        if let Content::Error(e) = &it.content {
            eprintln!("palisade: {}: {e}", it.id);
            bad_input = true;
        }
    }
    Ok(if bad_input {
        EXIT_ERROR
    } else if verdicts.iter().any(|v| v.action >= min_action && v.action != Action::Allow) {
        EXIT_FINDINGS
    } else {
        EXIT_CLEAN
    })
}

fn text(out: &mut impl Write, items: &[Item], verdicts: &[Verdict], style: Style) -> Result<()> {
    let mut counts = [0usize; 4];
    for (it, v) in items.iter().zip(verdicts) {
        if let Some(c) = counts.get_mut(v.action as usize) {
            *c += 1;
        }
        let name = it.tool().map(|t| format!("  ({t})")).unwrap_or_default();
        writeln!(out, "{} {:.2}  {}{}", style.action(v.action), v.score, style.bold(&it.id), name)?;
        if let Content::Error(e) = &it.content {
            writeln!(out, "    error: {e}")?;
            continue;
        }
        if v.action == Action::Allow && v.findings.iter().all(|f| f.score < 0.3) {
            continue;
        }
        let scores: Vec<String> = Class::ALL
            .iter()
            .filter_map(|c| v.scores.get(c).filter(|s| **s > 0.0).map(|s| format!("{c} {s:.2}")))
            .collect();
        if !scores.is_empty() {
            writeln!(out, "    {}", style.dim(&scores.join("  ")))?;
        }
        writeln!(out, "    {}", style.dim(&format!("decided by: {}", v.decided_by)))?;
        let subject = match &it.content {
            Content::Subject(b) => Some(&b.0),
            Content::Error(_) => None,
        };
        for f in &v.findings {
            writeln!(
                out,
                "    • {} {} {:.2}  {} {}..{}",
                style.bold(&f.detector),
                f.class,
                f.score,
                if f.pointer.is_empty() { "/" } else { &f.pointer },
                f.span.start,
                f.span.end
            )?;
            writeln!(out, "      {}", f.reason)?;
            if let Some(orig) = subject.and_then(|s| original_at(s, f)) {
                writeln!(out, "      {}", highlight(&orig, f, 40, style))?;
            }
            if let Some(d) = &f.decoded {
                writeln!(out, "      decoded ({}): {}", f.layer.map_or("hidden", |l| l.as_str()), super::render::visible(d))?;
            }
        }
        for t in &v.truncated {
            writeln!(out, "    ! {} at {}: {}", t.limit, t.pointer, t.detail)?;
        }
        for e in &v.errors {
            writeln!(out, "    ! error: {e}")?;
        }
        if v.findings_omitted > 0 {
            writeln!(out, "    … {} weaker findings not shown", v.findings_omitted)?;
        }
    }
    writeln!(
        out,
        "\n{} item(s): {} block, {} sanitize, {} warn, {} allow",
        items.len(),
        counts[3],
        counts[2],
        counts[1],
        counts[0]
    )?;
    Ok(())
}
