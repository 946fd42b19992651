//! One module per command.

pub(crate) mod export;
pub(crate) mod import;
pub(crate) mod products;
pub(crate) mod sandbox;
pub(crate) mod token;

use std::io::Write;

use crate::failure::{Failure, io_failure, write_failure};

/// Prints `value` as pretty JSON on stdout.
pub(crate) fn print_json(value: &serde_json::Value) -> Result<(), Failure> {
    let mut stdout = std::io::stdout().lock();
    serde_json::to_writer_pretty(&mut stdout, value)
        .map_err(|err| write_failure("stdout", err.io_error_kind(), err))?;
    writeln!(stdout).map_err(|err| io_failure("stdout", err))
}
