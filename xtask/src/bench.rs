//! `cargo xtask bench`: speed and memory benchmarks.
//!
//! Builds `accs` and `accs-bench` in release, runs the criterion micro benchmark of the token
//! hot path briefly, then the end-to-end harness, which prints the table of figures against
//! their targets and writes `target/bench/results.json`. See `docs/PERFORMANCE.md`.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use crate::shell::{cargo_step, run_step, workspace_root};

/// Criterion's settings: a few seconds are plenty for a call of tens of nanoseconds.
const CRITERION_ARGS: [&str; 4] = ["--warm-up-time", "1", "--measurement-time", "3"];

/// Runs the benchmarks; `args` go to the harness (`--help` lists them).
pub(crate) fn run(args: &[String]) -> Result<(), String> {
    let started = Instant::now();
    cargo_step("build", &["build", "--release", "-p", "accs-cli", "-p", "accs-bench"], &[])?;

    let mut criterion = vec!["bench", "-p", "accs-bench", "--bench", "token", "--"];
    criterion.extend(CRITERION_ARGS);
    cargo_step("token bench", &criterion, &[])?;

    let target = target_dir();
    let release = target.join("release");
    let mut harness = Command::new(release.join("accs-bench"));
    harness
        .arg("--accs")
        .arg(release.join("accs"))
        .arg("--criterion-dir")
        .arg(target.join("criterion"))
        .arg("--out")
        .arg(target.join("bench").join("results.json"))
        .args(args)
        .current_dir(workspace_root());
    run_step("end-to-end", harness)?;

    println!("bench: done in {:.0} s", started.elapsed().as_secs_f64());
    Ok(())
}

/// Cargo's target directory: `CARGO_TARGET_DIR` when set, else `target/` in the workspace.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => workspace_root().join(dir),
        None => workspace_root().join("target"),
    }
}
