//! The peak resident memory of a child process, read from Linux's `/proc/<pid>/status`.

use std::process::{Command, ExitStatus, Stdio};
use std::time::{Duration, Instant};

use crate::BenchError;

/// How often the child's status is read. `VmHWM` is a high-water mark, so a late read loses
/// nothing but the growth of the last interval before exit.
const POLL_INTERVAL: Duration = Duration::from_millis(5);

/// What a finished child used and said.
#[derive(Debug, Clone)]
pub struct PeakRss {
    /// The highest resident set size seen, in bytes (`VmHWM`).
    pub bytes: u64,
    /// How the child ended.
    pub status: ExitStatus,
    /// Its wall time from spawn to exit.
    pub elapsed: Duration,
    /// Its standard error, for its summary line or its failure.
    pub stderr: String,
}

/// Runs `command` to its end and measures its peak resident memory.
///
/// Standard output is discarded and standard error captured. Fails on a system without
/// `/proc` (the figure would be missing, not zero).
pub fn run_measuring_peak_rss(mut command: Command) -> Result<PeakRss, BenchError> {
    let started = Instant::now();
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .map_err(|err| BenchError::new(format!("starting {command:?}: {err}")))?;

    // Drain stderr on a thread so a chatty child never blocks on a full pipe.
    let stderr = child.stderr.take().map(|mut pipe| {
        std::thread::spawn(move || {
            let mut text = String::new();
            let _ = std::io::Read::read_to_string(&mut pipe, &mut text);
            text
        })
    });

    let status_path = format!("/proc/{}/status", child.id());
    let mut peak_kib = None;
    let status = loop {
        // Read before asking whether it exited: once reaped, its status is gone.
        if let Some(kib) = std::fs::read_to_string(&status_path).ok().and_then(|s| vm_hwm_kib(&s)) {
            peak_kib = Some(peak_kib.map_or(kib, |peak: u64| peak.max(kib)));
        }
        match child.try_wait() {
            Ok(Some(status)) => break status,
            Ok(None) => std::thread::sleep(POLL_INTERVAL),
            Err(err) => return Err(BenchError::new(format!("waiting for the child: {err}"))),
        }
    };
    let elapsed = started.elapsed();
    let stderr = stderr.and_then(|thread| thread.join().ok()).unwrap_or_default();
    let kib = peak_kib.ok_or_else(|| BenchError::new(format!("no VmHWM in {status_path}")))?;
    Ok(PeakRss { bytes: kib * 1024, status, elapsed, stderr })
}

/// The `VmHWM` line of a `/proc/<pid>/status` text, in KiB.
fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|line| line.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_the_high_water_mark_in_kib() {
        let status = "Name:\taccs\nVmPeak:\t  900 kB\nVmHWM:\t   43210 kB\nVmRSS:\t 4000 kB\n";
        assert_eq!(vm_hwm_kib(status), Some(43_210));
        assert_eq!(vm_hwm_kib("Name:\tzombie\n"), None);
    }
}
