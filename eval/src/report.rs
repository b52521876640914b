//! The evaluation report: `metrics.json` ([`Report`]), `report.md` ([`markdown`]) and the
//! terminal summary ([`text_summary`]).

use crate::dataset::{BadLine, Label};
use crate::metrics::{GroupMetrics, Obs};
use crate::run::Prediction;
use palisade_engine::Identity;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::fmt::Write as _;

/// How many false positives and false negatives the report lists.
pub const TOP_ERRORS: usize = 20;
/// How many bad lines `metrics.json` lists in full.
pub const MAX_BAD_LINE_DETAILS: usize = 100;

/// What was run, on what, and how fast.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct RunInfo {
    /// The policy (name and content digest).
    pub policy: Option<Identity>,
    /// The classifier model, `null` for the detectors-only engine.
    pub model: Option<Identity>,
    /// Digest of the detector rules in force (built-in rules and the policy's extra rules).
    pub rules_digest: String,
    /// Version of the engine (the workspace version).
    pub engine_version: String,
    /// `all`, `train`, `validation` or `test`.
    pub split: String,
    /// The splitter's seed.
    pub seed: u64,
    /// `[train, validation, test]` fractions of the splitter.
    pub split_fractions: [f64; 3],
    /// The dataset files read.
    pub files: Vec<String>,
    /// Valid rows read (before the split was applied).
    pub items_read: usize,
    /// Rows evaluated (in the split).
    pub items: usize,
    /// Rows evaluated that count in `overall` and `by_*` (not context-dependent).
    pub items_text_only: usize,
    /// Rows evaluated with `meta.context_dependent = true` (the `context_dependent` group).
    pub items_context_dependent: usize,
    /// Lines skipped because they could not be used.
    pub bad_lines: usize,
    /// The first skipped lines (at most [`MAX_BAD_LINE_DETAILS`]).
    pub bad_line_details: Vec<BadLine>,
    /// Worker threads.
    pub threads: usize,
    /// Wall time of the inspections, seconds.
    pub wall_time_s: f64,
    /// Items inspected per second of wall time.
    pub throughput_items_per_s: f64,
    /// When the run started (UTC, ISO 8601).
    pub started_at: String,
}

/// Everything `metrics.json` holds.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Report {
    /// Run information.
    pub run: RunInfo,
    /// All text-only items (not context-dependent).
    pub overall: GroupMetrics,
    /// Text-only items per dataset.
    pub by_dataset: BTreeMap<String, GroupMetrics>,
    /// Text-only items per kind.
    pub by_kind: BTreeMap<String, GroupMetrics>,
    /// Per attack family: that family's text-only malicious items against all text-only benign
    /// items (so that ROC-AUC and TPR at FPR are defined); latency over the family's items only.
    pub by_attack: BTreeMap<String, GroupMetrics>,
    /// Items with `meta.context_dependent = true` (attacks only visible in the whole tool list).
    pub context_dependent: GroupMetrics,
    /// Labelled tool definitions: the text-only `tool_schema` and `tool_description` items of
    /// the datasets that hold malicious ones (the poisoning benchmarks, with their own benign
    /// tools), so their TPR at 1 % FPR is not diluted by thousands of registry tools. Real
    /// registry tools are measured on their own (`by_dataset.*.fpr`), tool outputs in
    /// `by_kind.tool_output`.
    #[serde(default)]
    pub tool_definitions: GroupMetrics,
}

/// Whether a row kind is a tool definition.
fn is_tool_definition(kind: &str) -> bool {
    kind == "tool_schema" || kind == "tool_description"
}

fn group(preds: &[&Prediction]) -> GroupMetrics {
    let obs: Vec<Obs> = preds.iter().map(|p| p.obs()).collect();
    let lat: Vec<u64> = preds.iter().map(|p| p.latency_us).collect();
    GroupMetrics::compute(&obs, &lat)
}

fn grouped<'a>(preds: &[&'a Prediction], key: impl Fn(&Prediction) -> String) -> BTreeMap<String, Vec<&'a Prediction>> {
    let mut m: BTreeMap<String, Vec<&Prediction>> = BTreeMap::new();
    for p in preds {
        m.entry(key(p)).or_default().push(p);
    }
    m
}

impl Report {
    /// Computes every group's metrics from the predictions.
    pub fn build(mut run: RunInfo, preds: &[Prediction]) -> Report {
        let text: Vec<&Prediction> = preds.iter().filter(|p| !p.context_dependent).collect();
        let ctx: Vec<&Prediction> = preds.iter().filter(|p| p.context_dependent).collect();
        run.items = preds.len();
        run.items_text_only = text.len();
        run.items_context_dependent = ctx.len();
        let by_dataset = grouped(&text, |p| p.dataset.clone()).into_iter().map(|(k, v)| (k, group(&v))).collect();
        let by_kind = grouped(&text, |p| p.kind.clone()).into_iter().map(|(k, v)| (k, group(&v))).collect();
        let benign: Vec<Obs> = text.iter().filter(|p| p.label == Label::Benign).map(|p| p.obs()).collect();
        let attacks = grouped(
            &text.iter().copied().filter(|p| p.label == Label::Malicious).collect::<Vec<_>>(),
            |p| p.attack.clone().unwrap_or_else(|| "unknown".to_owned()),
        );
        let by_attack = attacks
            .into_iter()
            .map(|(k, v)| {
                let obs: Vec<Obs> = v.iter().map(|p| p.obs()).chain(benign.iter().copied()).collect();
                let lat: Vec<u64> = v.iter().map(|p| p.latency_us).collect();
                (k, GroupMetrics::compute(&obs, &lat))
            })
            .collect();
        let labelled: std::collections::BTreeSet<&str> = text.iter().filter(|p| p.label == Label::Malicious && is_tool_definition(&p.kind)).map(|p| p.dataset.as_str()).collect();
        let definitions: Vec<&Prediction> = text.iter().copied().filter(|p| is_tool_definition(&p.kind) && labelled.contains(p.dataset.as_str())).collect();
        Report { overall: group(&text), by_dataset, by_kind, by_attack, context_dependent: group(&ctx), tool_definitions: group(&definitions), run }
    }
}

fn num(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{v:.3}"))
}

fn thr(x: Option<f64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| format!("{v}"))
}

fn us(x: Option<u64>) -> String {
    x.map_or_else(|| "—".to_owned(), |v| v.to_string())
}

/// Escapes text for a Markdown table cell or list item (pipes, HTML, emphasis, line breaks).
pub fn md_escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '\n' | '\r' | '\t' => out.push(' '),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '|' | '*' | '`' | '[' | ']' | '\\' | '#' | '~' => {
                out.push('\\');
                out.push(c);
            }
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

const QUALITY_HEAD: &str =
    "| group | n | positives | negatives | tp | fp | tn | fn | precision | recall | f1 | fpr | roc_auc | pr_auc | over_defense_accuracy |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|--:|\n";

fn quality_row(out: &mut String, name: &str, g: &GroupMetrics) {
    let c = &g.counts;
    let _ = writeln!(
        out,
        "| {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} | {} |",
        md_escape(name),
        c.n,
        c.positives,
        c.negatives,
        c.tp,
        c.fp,
        c.tn,
        c.fn_,
        num(g.precision),
        num(g.recall),
        num(g.f1),
        num(g.fpr),
        num(g.roc_auc),
        num(g.pr_auc),
        num(g.over_defense_accuracy)
    );
}

fn quality_table(out: &mut String, rows: &[(&str, &GroupMetrics)]) {
    out.push_str(QUALITY_HEAD);
    for (name, g) in rows {
        quality_row(out, name, g);
    }
    out.push('\n');
}

fn map_rows(m: &BTreeMap<String, GroupMetrics>) -> Vec<(&str, &GroupMetrics)> {
    m.iter().map(|(k, v)| (k.as_str(), v)).collect()
}

fn evidence_list(out: &mut String, p: &Prediction) {
    let _ = writeln!(
        out,
        "1. **{}** — {}, {}, {}, score {}, action `{}`",
        md_escape(&p.id),
        md_escape(&p.dataset),
        md_escape(&p.kind),
        md_escape(p.attack.as_deref().unwrap_or(p.label.as_str())),
        p.score,
        serde_json::to_value(p.action).ok().and_then(|v| v.as_str().map(str::to_owned)).unwrap_or_default()
    );
    if p.evidence.is_empty() {
        out.push_str("   - no finding\n");
    }
    for e in &p.evidence {
        let matched = if e.text.is_empty() { String::new() } else { format!(" — matched: “{}”", md_escape(&crate::run::excerpt(&e.text, 120))) };
        let _ = writeln!(out, "   - {} ({}): {}{}", md_escape(&e.detector), e.score, md_escape(&e.reason), matched);
    }
    let _ = writeln!(out, "   - text: “{}”", md_escape(&p.excerpt));
}

/// The `20` most confident false positives (benign, flagged, highest score first) and false
/// negatives (malicious, allowed, lowest score first) among text-only predictions.
pub fn top_errors(preds: &[Prediction], k: usize) -> (Vec<&Prediction>, Vec<&Prediction>) {
    let mut fps: Vec<&Prediction> = preds.iter().filter(|p| !p.context_dependent && p.label == Label::Benign && p.flagged()).collect();
    fps.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.id.cmp(&b.id)));
    fps.truncate(k);
    let mut fns: Vec<&Prediction> = preds.iter().filter(|p| !p.context_dependent && p.label == Label::Malicious && !p.flagged()).collect();
    fns.sort_by(|a, b| a.score.total_cmp(&b.score).then_with(|| a.id.cmp(&b.id)));
    fns.truncate(k);
    (fps, fns)
}

/// `report.md`: run information, every table, the plots and the most confident errors.
pub fn markdown(report: &Report, preds: &[Prediction]) -> String {
    let mut out = String::new();
    let r = &report.run;
    out.push_str("# Palisade evaluation\n\n");
    let ident = |i: &Option<Identity>| i.as_ref().map_or_else(|| "none".to_owned(), |i| format!("`{}` ({})", md_escape(&i.name), i.digest));
    let _ = writeln!(out, "- policy: {}", ident(&r.policy));
    let _ = writeln!(out, "- model: {}", ident(&r.model));
    let _ = writeln!(out, "- engine {} — rules {}", r.engine_version, r.rules_digest);
    let _ = writeln!(
        out,
        "- split: `{}` (seed {}, train/validation/test {}/{}/{})",
        r.split, r.seed, r.split_fractions[0], r.split_fractions[1], r.split_fractions[2]
    );
    let _ = writeln!(
        out,
        "- items: {} evaluated of {} read ({} text-only, {} context-dependent); {} bad line(s) skipped",
        r.items, r.items_read, r.items_text_only, r.items_context_dependent, r.bad_lines
    );
    let _ = writeln!(out, "- {} thread(s), {:.2} s wall time, {:.1} items/s; started {}", r.threads, r.wall_time_s, r.throughput_items_per_s, r.started_at);
    let _ = writeln!(out, "- files: {}\n", r.files.iter().map(|f| format!("`{}`", md_escape(f))).collect::<Vec<_>>().join(", "));
    out.push_str("Predicted positive = action other than `allow`. `—` = undefined for the group (for example ROC-AUC with one class).\n\n");

    out.push_str("## Overall (text-only items)\n\n");
    quality_table(&mut out, &[("overall", &report.overall)]);
    out.push_str("## Labelled tool definitions\n\nTool definitions of the datasets that hold malicious ones, with those datasets' benign tools.\n\n");
    quality_table(&mut out, &[("tool_definitions", &report.tool_definitions)]);
    out.push_str("## By dataset\n\n");
    quality_table(&mut out, &map_rows(&report.by_dataset));
    out.push_str("## By kind\n\n");
    quality_table(&mut out, &map_rows(&report.by_kind));
    out.push_str("## By attack\n\nEach family's malicious items against all benign items.\n\n");
    quality_table(&mut out, &map_rows(&report.by_attack));
    out.push_str("## Context-dependent items\n\nAttacks only visible in the whole tool list (`meta.context_dependent = true`); not in the tables above.\n\n");
    quality_table(&mut out, &[("context_dependent", &report.context_dependent)]);

    out.push_str("## TPR at fixed FPR\n\nThreshold: items with `score >= threshold` are flagged; `—` = no threshold flags an attack within the FPR budget, or undefined.\n\n");
    out.push_str("| group | TPR @ FPR 0.1% | threshold | TPR @ FPR 1% | threshold | TPR @ FPR 2% | threshold | TPR @ FPR 5% | threshold |\n|---|--:|--:|--:|--:|--:|--:|--:|--:|\n");
    let mut tpr_rows = vec![("overall".to_owned(), &report.overall), ("tool_definitions".to_owned(), &report.tool_definitions)];
    tpr_rows.extend(report.by_dataset.iter().map(|(k, v)| (format!("dataset {k}"), v)));
    tpr_rows.extend(report.by_kind.iter().map(|(k, v)| (format!("kind {k}"), v)));
    tpr_rows.extend(report.by_attack.iter().map(|(k, v)| (format!("attack {k}"), v)));
    for (name, g) in &tpr_rows {
        let _ = writeln!(
            out,
            "| {} | {} | {} | {} | {} | {} | {} | {} | {} |",
            md_escape(name),
            num(g.tpr_at_fpr_0_1pct),
            thr(g.threshold_at_fpr_0_1pct),
            num(g.tpr_at_fpr_1pct),
            thr(g.threshold_at_fpr_1pct),
            num(g.tpr_at_fpr_2pct),
            thr(g.threshold_at_fpr_2pct),
            num(g.tpr_at_fpr_5pct),
            thr(g.threshold_at_fpr_5pct)
        );
    }
    out.push_str("\n## Latency (µs per item)\n\n| group | p50 | p95 | p99 | max |\n|---|--:|--:|--:|--:|\n");
    let mut lat_rows = vec![("overall".to_owned(), &report.overall), ("context_dependent".to_owned(), &report.context_dependent)];
    lat_rows.extend(report.by_dataset.iter().map(|(k, v)| (format!("dataset {k}"), v)));
    lat_rows.extend(report.by_kind.iter().map(|(k, v)| (format!("kind {k}"), v)));
    for (name, g) in &lat_rows {
        let _ = writeln!(out, "| {} | {} | {} | {} | {} |", md_escape(name), us(g.latency_p50_us), us(g.latency_p95_us), us(g.latency_p99_us), us(g.latency_max_us));
    }
    out.push_str("\n## Curves\n\n![ROC curves](roc.png)\n\n![Precision-recall curves](pr.png)\n\n");
    out.push_str("SVG versions: [roc.svg](roc.svg), [pr.svg](pr.svg).\n\n");

    let (fps, fns) = top_errors(preds, TOP_ERRORS);
    let _ = writeln!(out, "## Most confident false positives ({} shown)\n", fps.len());
    if fps.is_empty() {
        out.push_str("None.\n");
    }
    for p in fps {
        evidence_list(&mut out, p);
    }
    let _ = writeln!(out, "\n## Most confident false negatives ({} shown)\n", fns.len());
    if fns.is_empty() {
        out.push_str("None.\n");
    }
    for p in fns {
        evidence_list(&mut out, p);
    }
    let _ = writeln!(out, "\n## Bad lines ({})\n", r.bad_lines);
    if r.bad_lines == 0 {
        out.push_str("None.\n");
    }
    for b in r.bad_line_details.iter().take(TOP_ERRORS) {
        let _ = writeln!(out, "- `{}:{}`: {}", md_escape(&b.file), b.line, md_escape(&b.error));
    }
    if r.bad_lines > TOP_ERRORS {
        let _ = writeln!(out, "- … {} more (see `metrics.json`)", r.bad_lines - TOP_ERRORS);
    }
    out
}

/// The terminal summary: one line per group.
pub fn text_summary(report: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(
        out,
        "{:<32} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>6} {:>8} {:>8}",
        "group", "n", "pos", "neg", "prec", "recall", "f1", "fpr", "roc_auc", "pr_auc", "tpr@1%", "p50 µs"
    );
    let row = |out: &mut String, name: &str, g: &GroupMetrics| {
        let _ = writeln!(
            out,
            "{:<32} {:>6} {:>5} {:>6} {:>6} {:>6} {:>6} {:>6} {:>7} {:>6} {:>8} {:>8}",
            name,
            g.counts.n,
            g.counts.positives,
            g.counts.negatives,
            num(g.precision),
            num(g.recall),
            num(g.f1),
            num(g.fpr),
            num(g.roc_auc),
            num(g.pr_auc),
            num(g.tpr_at_fpr_1pct),
            us(g.latency_p50_us)
        );
    };
    row(&mut out, "overall", &report.overall);
    if report.tool_definitions.counts.n > 0 {
        row(&mut out, "tool_definitions", &report.tool_definitions);
    }
    for (k, g) in &report.by_dataset {
        row(&mut out, &format!("  {k}"), g);
    }
    for (k, g) in &report.by_kind {
        row(&mut out, &format!("  kind {k}"), g);
    }
    for (k, g) in &report.by_attack {
        row(&mut out, &format!("  attack {k}"), g);
    }
    row(&mut out, "context_dependent", &report.context_dependent);
    let r = &report.run;
    let _ = writeln!(
        out,
        "\n{} item(s) of {} read (split {}), {} bad line(s), {:.1} items/s",
        r.items, r.items_read, r.split, r.bad_lines, r.throughput_items_per_s
    );
    out
}
