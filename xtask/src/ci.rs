//! `cargo xtask ci`: the checks CI runs, in order, stopping at the first failure.

use crate::shell::cargo_step;

/// Runs formatting, lints, docs, tests and example builds.
pub(crate) fn run() -> Result<(), String> {
    cargo_step("format", &["fmt", "--all", "--", "--check"], &[])?;
    cargo_step(
        "clippy",
        &["clippy", "--workspace", "--all-targets", "--locked", "--", "-D", "warnings"],
        &[],
    )?;
    cargo_step(
        "rustdoc",
        &["doc", "--workspace", "--no-deps", "--locked"],
        &[("RUSTDOCFLAGS", "-D warnings")],
    )?;
    cargo_step("tests", &["test", "--workspace", "--all-targets", "--locked"], &[])?;
    cargo_step("doctests", &["test", "--workspace", "--doc", "--locked"], &[])?;
    cargo_step("examples", &["build", "--workspace", "--examples", "--locked"], &[])?;
    println!("ci: every step passed");
    Ok(())
}
