//! Project automation for the accs workspace.
//!
//! `cargo xtask ci` runs every check CI runs, in order, naming each step and stopping at the
//! first failure. `cargo xtask bench` runs the benchmarks.

mod bench;
mod ci;
mod shell;

use std::process::ExitCode;

const USAGE: &str = "usage: cargo xtask <ci|bench>

  ci      rustfmt check, clippy (warnings denied), rustdoc (warnings denied), tests, examples
  bench   speed and memory benchmarks; writes target/bench/results.json";

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("ci") => ci::run(),
        Some("bench") => bench::run(&args[1..]),
        Some("-h" | "--help" | "help") => {
            println!("{USAGE}");
            return ExitCode::SUCCESS;
        }
        _ => {
            eprintln!("{USAGE}");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}
