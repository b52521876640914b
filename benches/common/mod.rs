//! What the percentile benches share: the real tool definitions they run on, and the summary line.

use palisade_eval::dataset::{read_paths, Loaded};
use std::path::PathBuf;

/// The Docker MCP registry's tool definitions from `../shared/datasets` (or
/// `$PALISADE_DATASETS`); `None`, with a SKIP line, when the file is absent.
pub fn docker_tools() -> Option<(PathBuf, Loaded)> {
    let dir = std::env::var_os("PALISADE_DATASETS").map_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared/datasets"), PathBuf::from);
    let file = dir.join("mcp_tools_docker_registry.jsonl");
    match read_paths(&[&file]) {
        Ok(loaded) => Some((file, loaded)),
        Err(_) => {
            eprintln!("SKIP: {} is absent (set PALISADE_DATASETS)", file.display());
            None
        }
    }
}

/// `p50 … µs  p99 … µs  max … µs  (n=…)` of timings in microseconds.
pub fn percentiles(us: Vec<f64>) -> String {
    let mut ns: Vec<u64> = us.iter().map(|u| (u * 1000.0).round() as u64).collect();
    ns.sort_unstable();
    let at = |q: f64| palisade_eval::metrics::percentile(&ns, q).unwrap_or(0) as f64 / 1000.0;
    format!("p50 {:>9.1} µs  p99 {:>9.1} µs  max {:>9.1} µs  (n={})", at(0.5), at(0.99), at(1.0), ns.len())
}
