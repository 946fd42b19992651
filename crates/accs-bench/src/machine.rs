//! What the figures ran on: cores, memory, CPU model, kernel, date.

use std::process::Command;

use serde_json::{Value, json};

/// Facts about this machine and moment, as JSON.
pub fn machine_context() -> Value {
    let cpuinfo = std::fs::read_to_string("/proc/cpuinfo").unwrap_or_default();
    let cpu_model = cpuinfo
        .lines()
        .find(|line| line.starts_with("model name"))
        .and_then(|line| line.split_once(':'))
        .map(|(_, model)| model.trim().to_owned());
    let meminfo = std::fs::read_to_string("/proc/meminfo").unwrap_or_default();
    let memory_gib = meminfo
        .lines()
        .find(|line| line.starts_with("MemTotal:"))
        .and_then(|line| line.split_whitespace().nth(1))
        .and_then(|kib| kib.parse::<f64>().ok())
        .map(|kib| (kib / 1024.0 / 1024.0 * 10.0).round() / 10.0);
    json!({
        "cores": std::thread::available_parallelism().map(usize::from).ok(),
        "memory_gib": memory_gib,
        "cpu_model": cpu_model,
        "kernel": output_of("uname", &["-sr"]),
        "date_utc": output_of("date", &["-u", "+%Y-%m-%dT%H:%M:%SZ"]),
    })
}

fn output_of(program: &str, args: &[&str]) -> Option<String> {
    let output = Command::new(program).args(args).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).trim().to_owned())
}
