//! `palisade eval`: offline evaluation on labelled JSONL datasets.

use super::{EngineArgs, EXIT_CLEAN, EXIT_FINDINGS};
use anyhow::{bail, Context as _, Result};
use clap::ValueEnum;
use palisade_eval::dataset::read_paths;
use palisade_eval::gate::{self, Bar};
use palisade_eval::report::{self, Report, RunInfo, MAX_BAD_LINE_DETAILS};
use palisade_eval::split::{Part, Selection, Splitter};
use palisade_eval::{compare, output, run};
use std::io::{IsTerminal, Write};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};

/// Bad lines printed on standard error (all are counted and listed in the report).
const MAX_BAD_LINES_PRINTED: usize = 20;

/// What `eval` prints on standard output.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum EvalFormat {
    /// A summary table.
    Text,
    /// The content of metrics.json.
    Json,
    /// The content of report.md.
    Markdown,
}

/// Which part of the seeded split to evaluate.
#[derive(ValueEnum, Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitArg {
    /// Every item.
    All,
    /// The training part (70 %).
    Train,
    /// The validation part (15 %).
    Validation,
    /// The held-out test part (15 %).
    Test,
}

impl From<SplitArg> for Selection {
    fn from(s: SplitArg) -> Selection {
        match s {
            SplitArg::All => Selection::All,
            SplitArg::Train => Selection::Part(Part::Train),
            SplitArg::Validation => Selection::Part(Part::Validation),
            SplitArg::Test => Selection::Part(Part::Test),
        }
    }
}

fn parse_bar(s: &str) -> Result<Bar, String> {
    s.parse::<Bar>().map_err(|e| e.to_string())
}

/// Options of `palisade eval`.
#[derive(clap::Args, Debug)]
pub struct EvalArgs {
    #[command(flatten)]
    engine: EngineArgs,
    /// Which part of the seeded train/validation/test split to evaluate.
    #[arg(long, value_enum, default_value = "all")]
    split: SplitArg,
    /// Output directory [default: eval/out/<UTC timestamp>].
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    /// What to print on standard output: a summary table, metrics.json, or report.md.
    #[arg(long, value_enum, default_value = "text")]
    format: EvalFormat,
    /// Inspect each tool row with its tool list as context: the other tools of the rows that
    /// share its dataset and `meta.server`, offered by a peer server. Measures the attacks only
    /// visible across the list (`context_dependent` rows: renamed duplicates, `_v1`/`_v2`
    /// lookalikes, tool transfer) and what list-aware detection costs on benign tools.
    #[arg(long)]
    tool_lists: bool,
    /// The output directory of an earlier run: print metric deltas and flipped items.
    #[arg(long, value_name = "OTHER_OUT")]
    compare: Option<PathBuf>,
    /// Exit 1 when METRIC is below VALUE or null, e.g. overall.recall=0.6,
    /// by_dataset.msb.roc_auc=0.8 (repeatable).
    #[arg(long = "fail-under", value_name = "METRIC=VALUE", value_parser = parse_bar)]
    fail_under: Vec<Bar>,
    /// JSONL dataset files, or directories of them.
    #[arg(required = true, value_name = "DATASET.jsonl")]
    datasets: Vec<PathBuf>,
}

/// UTC date and time of a Unix timestamp: `(year, month, day, hour, minute, second)`.
fn progress(done: &AtomicUsize, finished: &AtomicBool, total: usize, t0: Instant) {
    let mut err = std::io::stderr();
    while !finished.load(Ordering::Relaxed) {
        std::thread::sleep(Duration::from_millis(200));
        let n = done.load(Ordering::Relaxed);
        let secs = t0.elapsed().as_secs_f64().max(1e-3);
        let rate = n as f64 / secs;
        let eta = if rate > 0.0 { format!("{:.0}s", (total - n.min(total)) as f64 / rate) } else { "?".to_owned() };
        let pct = 100.0 * n as f64 / total.max(1) as f64;
        let _ = write!(err, "\r\x1b[Keval: {n}/{total} ({pct:.1}%)  {rate:.0} items/s  ETA {eta}");
        let _ = err.flush();
    }
    let _ = write!(err, "\r\x1b[K");
    let _ = err.flush();
}

/// Runs `palisade eval`; returns the exit status (0, or 1 when a `--fail-under` bar is missed).
pub fn run(args: &EvalArgs) -> Result<u8> {
    let started = SystemTime::now().duration_since(UNIX_EPOCH).map_or(0, |d| d.as_secs());
    let (y, mo, d, h, mi, s) = palisade_mcp::time::civil(started);
    let started_at = format!("{y:04}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z");
    let out_dir = args.out.clone().unwrap_or_else(|| PathBuf::from(format!("eval/out/{y:04}{mo:02}{d:02}T{h:02}{mi:02}{s:02}Z")));

    let loaded = read_paths(&args.datasets)?;
    for b in loaded.bad_lines.iter().take(MAX_BAD_LINES_PRINTED) {
        eprintln!("palisade: skipped {b}");
    }
    if loaded.bad_lines.len() > MAX_BAD_LINES_PRINTED {
        eprintln!("palisade: … and {} more bad line(s), listed in the report", loaded.bad_lines.len() - MAX_BAD_LINES_PRINTED);
    }
    let splitter = Splitter::default();
    let selection: Selection = args.split.into();
    let items_read = loaded.records.len();
    let all = if args.tool_lists { loaded.records.clone() } else { Vec::new() };
    let records: Vec<_> = loaded.records.into_iter().filter(|r| splitter.selects(selection, &r.row.id)).collect();
    if records.is_empty() {
        bail!("no valid row to evaluate ({items_read} read, split `{}`)", selection.as_str());
    }

    // The cache would turn repeated texts into lookups and distort latency.
    let mut engine_args = args.engine.clone();
    engine_args.no_cache = true;
    let engine = engine_args.engine()?;

    let done = AtomicUsize::new(0);
    let finished = AtomicBool::new(false);
    let t0 = Instant::now();
    let total = records.len();
    let preds = std::thread::scope(|scope| {
        if std::io::stderr().is_terminal() {
            scope.spawn(|| progress(&done, &finished, total, t0));
        }
        let p = run::evaluate_with(&engine, &records, args.engine.server.as_deref(), Some(&done), args.tool_lists.then_some(all.as_slice()));
        finished.store(true, Ordering::Relaxed);
        p
    });
    let wall = t0.elapsed().as_secs_f64();

    let (train, validation, test) = splitter.fractions();
    let run_info = RunInfo {
        policy: Some(engine.policy().identity().clone()),
        model: engine.model().cloned(),
        rules_digest: palisade_eval::rules_digest(&engine),
        engine_version: palisade_eval::VERSION.to_owned(),
        split: selection.as_str().to_owned(),
        seed: splitter.seed(),
        split_fractions: [train, validation, test].map(palisade_eval::metrics::round6),
        files: loaded.files.iter().map(|f| f.display().to_string()).collect(),
        items_read,
        bad_lines: loaded.bad_lines.len(),
        bad_line_details: loaded.bad_lines.iter().take(MAX_BAD_LINE_DETAILS).cloned().collect(),
        threads: rayon::current_num_threads(),
        wall_time_s: (wall * 1000.0).round() / 1000.0,
        throughput_items_per_s: (preds.len() as f64 / wall.max(1e-9) * 10.0).round() / 10.0,
        started_at,
        ..RunInfo::default()
    };
    let report = Report::build(run_info, &preds);
    output::write_run(&out_dir, &report, &preds).with_context(|| format!("writing `{}`", out_dir.display()))?;

    let comparison = match &args.compare {
        Some(other) => {
            let before = compare::load(other).with_context(|| format!("reading the run to compare with, `{}`", other.display()))?;
            let c = compare::compare(&other.display().to_string(), &before, &report, &preds);
            output::write(&out_dir.join("compare.json"), &serde_json::to_vec_pretty(&c)?)?;
            output::write(&out_dir.join("compare.md"), compare::markdown(&c).as_bytes())?;
            Some(c)
        }
        None => None,
    };

    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    match args.format {
        EvalFormat::Text => write!(out, "{}", report::text_summary(&report))?,
        EvalFormat::Json => writeln!(out, "{}", serde_json::to_string_pretty(&report)?)?,
        EvalFormat::Markdown => write!(out, "{}", report::markdown(&report, &preds))?,
    }
    if let Some(c) = &comparison {
        match args.format {
            // A second JSON document on its own line.
            EvalFormat::Json => writeln!(out, "{}", serde_json::to_string(c)?)?,
            EvalFormat::Text | EvalFormat::Markdown => write!(out, "\n{}", compare::markdown(c))?,
        }
    }
    out.flush()?;
    eprintln!("palisade: wrote {}", out_dir.display());

    let failures = gate::check(&report, &args.fail_under);
    for (bar, actual) in &failures {
        let actual = actual.map_or_else(|| "null".to_owned(), |v| v.to_string());
        eprintln!("palisade: --fail-under: {} = {actual} is below {}", bar.metric, bar.min);
    }
    Ok(if failures.is_empty() { EXIT_CLEAN } else { EXIT_FINDINGS })
}

