//! `cargo xtask bench`: speed and memory benchmarks.

/// Runs the benchmarks.
pub(crate) fn run(_args: &[String]) -> Result<(), String> {
    // FIXME: the benchmarks of issue 8 are not written yet; until then this only says so.
    Err("benchmarks are not implemented yet".to_owned())
}
