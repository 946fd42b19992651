//! A thin helper to run commands from the workspace root and report each as a named step.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The workspace root: the parent of this crate's directory.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// Runs `cargo` with `args` from the workspace root as the step `name`.
///
/// Prints the step's name before and its outcome and duration after; a non-zero exit becomes
/// an error naming the step.
pub(crate) fn cargo_step(name: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    println!("==> {name}: cargo {}", args.join(" "));
    let started = Instant::now();
    let mut command = Command::new(cargo);
    command.args(args).current_dir(workspace_root());
    for (key, value) in env {
        command.env(key, value);
    }
    let status = command.status().map_err(|err| format!("step `{name}` could not start: {err}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    if status.success() {
        println!("<== {name}: ok in {elapsed:.1} s");
        Ok(())
    } else {
        Err(format!("step `{name}` failed ({status}) after {elapsed:.1} s"))
    }
}
