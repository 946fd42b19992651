//! A thin helper to run commands from the workspace root and report each as a named step.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

/// The workspace root: the parent of this crate's directory.
pub(crate) fn workspace_root() -> PathBuf {
    let manifest_dir = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    manifest_dir.parent().map(PathBuf::from).unwrap_or(manifest_dir)
}

/// Runs `cargo` with `args` from the workspace root as the step `name`; see [`run_step`].
pub(crate) fn cargo_step(name: &str, args: &[&str], env: &[(&str, &str)]) -> Result<(), String> {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_owned());
    let mut command = Command::new(cargo);
    command.args(args).current_dir(workspace_root());
    for (key, value) in env {
        command.env(key, value);
    }
    run_step(name, command)
}

/// Runs `command` as the step `name`.
///
/// Prints the step's name and command line before, and its outcome and duration after; a
/// non-zero exit becomes an error naming the step.
pub(crate) fn run_step(name: &str, mut command: Command) -> Result<(), String> {
    let program = std::path::Path::new(command.get_program());
    let program = program.file_name().unwrap_or(program.as_os_str()).to_string_lossy();
    let args: Vec<String> =
        command.get_args().map(|arg| arg.to_string_lossy().into_owned()).collect();
    println!("==> {name}: {program} {}", args.join(" "));
    let started = Instant::now();
    let status = command.status().map_err(|err| format!("step `{name}` could not start: {err}"))?;
    let elapsed = started.elapsed().as_secs_f64();
    if status.success() {
        println!("<== {name}: ok in {elapsed:.1} s");
        Ok(())
    } else {
        Err(format!("step `{name}` failed ({status}) after {elapsed:.1} s"))
    }
}
