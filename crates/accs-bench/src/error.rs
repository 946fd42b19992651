//! [`BenchError`]: why a benchmark could not produce its figure.

use std::fmt;

/// A benchmark that could not run to its end, with the reason in words.
///
/// The harness reports it in place of the figure and goes on with the next benchmark.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct BenchError {
    reason: String,
}

impl BenchError {
    /// An error saying `reason`.
    pub fn new(reason: impl Into<String>) -> Self {
        BenchError { reason: reason.into() }
    }
}

impl fmt::Display for BenchError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.reason)
    }
}

impl std::error::Error for BenchError {}
