//! Export memory: the peak resident memory of `accs products export` against catalogs of
//! different sizes, each served by a sandbox process of its own.

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::Command;

use crate::report::{Metric, Target};
use crate::{BenchError, SandboxProcess, run_measuring_peak_rss};

/// The peak resident memory an export must stay under, in MiB.
pub const PEAK_RSS_TARGET_MIB: f64 = 100.0;

/// How much more memory the largest export may use than the smallest, in percent.
pub const GROWTH_TARGET_PERCENT: f64 = 20.0;

const MIB: f64 = 1024.0 * 1024.0;

/// Exports a sandbox catalog of each size in `sizes` with `accs_binary` into `scratch`,
/// checks that every product was written, and reports each peak and the growth from the
/// first size to the last.
pub fn export_memory(accs_binary: &Path, scratch: &Path, sizes: &[usize]) -> Vec<Metric> {
    let mut metrics = Vec::new();
    let mut peaks = Vec::new();
    for &size in sizes {
        let key = format!("export_peak_rss_mib_{size}");
        let name = format!("export peak RSS, {size} products");
        let target = Some(Target::Below(PEAK_RSS_TARGET_MIB));
        match export_once(accs_binary, scratch, size) {
            Ok(run) => {
                let mib = run.peak_bytes as f64 / MIB;
                peaks.push(mib);
                metrics.push(Metric::measured(&key, &name, mib, "MiB", target).with_detail(
                    format!(
                        "accs products export --out FILE; {} lines written; {}",
                        run.lines,
                        run.summary.trim()
                    ),
                ));
            }
            Err(err) => metrics.push(Metric::failed(&key, &name, "MiB", target, &err.to_string())),
        }
    }

    let growth_name = match (sizes.first(), sizes.last()) {
        (Some(first), Some(last)) => format!("export peak RSS growth, {first} -> {last}"),
        _ => "export peak RSS growth".to_owned(),
    };
    let growth_target = Some(Target::Below(GROWTH_TARGET_PERCENT));
    match (peaks.first(), peaks.last()) {
        (Some(first), Some(last)) if peaks.len() == sizes.len() && sizes.len() > 1 => {
            let growth = (last - first) / first * 100.0;
            metrics.push(Metric::measured(
                "export_peak_rss_growth_percent",
                &growth_name,
                growth,
                "%",
                growth_target,
            ));
        }
        _ => metrics.push(Metric::failed(
            "export_peak_rss_growth_percent",
            &growth_name,
            "%",
            growth_target,
            "needs a peak for at least two sizes",
        )),
    }
    metrics
}

/// What one export run used and wrote.
struct ExportRun {
    peak_bytes: u64,
    lines: u64,
    summary: String,
}

fn export_once(accs_binary: &Path, scratch: &Path, size: usize) -> Result<ExportRun, BenchError> {
    let sandbox = SandboxProcess::start(accs_binary, size)?;
    let out = scratch.join(format!("export-{size}.ndjson"));
    let mut command = Command::new(accs_binary);
    command
        .args(["products", "export", "--out"])
        .arg(&out)
        .envs(sandbox.endpoint().environment())
        // `accs` reads a `.env` of its working directory; the scratch directory has none.
        .current_dir(scratch);
    let run = run_measuring_peak_rss(command)?;
    drop(sandbox);

    let result = if run.status.success() {
        count_lines(&out).and_then(|lines| {
            if lines == size as u64 {
                Ok(ExportRun { peak_bytes: run.bytes, lines, summary: last_line(&run.stderr) })
            } else {
                Err(BenchError::new(format!("the export has {lines} lines, not {size}")))
            }
        })
    } else {
        Err(BenchError::new(format!(
            "accs products export ended with {}: {}",
            run.status,
            last_line(&run.stderr)
        )))
    };
    let _ = std::fs::remove_file(&out);
    result
}

fn count_lines(path: &PathBuf) -> Result<u64, BenchError> {
    let file = std::fs::File::open(path)
        .map_err(|err| BenchError::new(format!("opening {}: {err}", path.display())))?;
    let mut reader = BufReader::with_capacity(1 << 20, file);
    let mut lines = 0;
    loop {
        let buffer = reader
            .fill_buf()
            .map_err(|err| BenchError::new(format!("reading {}: {err}", path.display())))?;
        if buffer.is_empty() {
            return Ok(lines);
        }
        lines += buffer.iter().filter(|&&byte| byte == b'\n').count() as u64;
        let consumed = buffer.len();
        reader.consume(consumed);
    }
}

fn last_line(text: &str) -> String {
    text.lines().rev().find(|line| !line.trim().is_empty()).unwrap_or("").to_owned()
}
