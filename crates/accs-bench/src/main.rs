//! `accs-bench`: the end-to-end benchmarks, run by `cargo xtask bench` after the criterion
//! bench; prints the table of figures and writes them as JSON.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use accs_bench::{
    Metric, Report, SandboxProcess, export_memory, export_throughput, machine_context,
    request_overhead, sandbox_capacity, token_hot_path,
};
use accs_catalog::{DEFAULT_CONCURRENCY, DEFAULT_STREAM_PAGE_SIZE};
use serde_json::json;

const USAGE: &str = "usage: accs-bench [options]

  --accs PATH              the accs binary (default: beside this one)
  --criterion-dir DIR      criterion's output (default: <target>/criterion)
  --out FILE               the JSON results (default: <target>/bench/results.json)
  --export-products N      catalog size of the throughput, get and capacity runs (50000)
  --memory-products N,M    catalog sizes of the export memory runs (50000,200000)
  --rounds N               alternating throughput rounds (3)
  --gets N                 interleaved get round trips of each kind (1000)
  --capacity-seconds S     duration of each sandbox capacity run (3)";

/// What this run measures, and where it reads and writes.
#[derive(Debug)]
struct Settings {
    accs: PathBuf,
    criterion_dir: PathBuf,
    out: PathBuf,
    export_products: usize,
    memory_products: Vec<usize>,
    rounds: usize,
    gets: usize,
    capacity_seconds: f64,
}

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if args.iter().any(|arg| arg == "-h" || arg == "--help") {
        println!("{USAGE}");
        return ExitCode::SUCCESS;
    }
    let settings = match parse(&args) {
        Ok(settings) => settings,
        Err(message) => {
            eprintln!("accs-bench: {message}\n\n{USAGE}");
            return ExitCode::from(2);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("accs-bench: cannot start the async runtime: {err}");
            return ExitCode::FAILURE;
        }
    };
    match run(&settings, &runtime) {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("accs-bench: {message}");
            ExitCode::FAILURE
        }
    }
}

/// Runs every benchmark; one that fails shows as `failed` in the table, not as an error.
fn run(settings: &Settings, runtime: &tokio::runtime::Runtime) -> Result<(), String> {
    let started = Instant::now();
    let mut metrics: Vec<Metric> = Vec::new();

    step("token hot path: criterion's estimates");
    metrics.push(token_hot_path(&settings.criterion_dir));

    let size = settings.export_products;
    step(&format!("sandbox process with {size} products"));
    match SandboxProcess::start(&settings.accs, size) {
        Ok(sandbox) => {
            let endpoint = sandbox.endpoint().clone();
            step(&format!("export throughput: {} alternating rounds", settings.rounds));
            metrics.extend(runtime.block_on(export_throughput(
                &endpoint,
                size as u64,
                settings.rounds,
            )));
            step(&format!("request overhead: {} gets of each kind", settings.gets));
            metrics.extend(runtime.block_on(request_overhead(&endpoint, settings.gets)));
            step("sandbox capacity");
            let duration = Duration::from_secs_f64(settings.capacity_seconds);
            metrics.extend(runtime.block_on(sandbox_capacity(
                &endpoint,
                DEFAULT_CONCURRENCY,
                duration,
                DEFAULT_STREAM_PAGE_SIZE,
            )));
        }
        Err(err) => {
            metrics.push(Metric::failed("sandbox", "sandbox process", "", None, &err.to_string()))
        }
    }

    step(&format!("export memory: {:?} products", settings.memory_products));
    let scratch = settings.out.with_file_name("scratch");
    std::fs::create_dir_all(&scratch)
        .map_err(|err| format!("creating {}: {err}", scratch.display()))?;
    metrics.extend(export_memory(&settings.accs, &scratch, &settings.memory_products));
    let _ = std::fs::remove_dir_all(&scratch);

    let mut context = machine_context();
    context["command"] = json!("cargo xtask bench");
    context["harness_seconds"] = json!((started.elapsed().as_secs_f64() * 10.0).round() / 10.0);
    context["settings"] = json!({
        "export_products": settings.export_products,
        "memory_products": settings.memory_products,
        "rounds": settings.rounds,
        "gets": settings.gets,
        "capacity_seconds": settings.capacity_seconds,
        "page_size": DEFAULT_STREAM_PAGE_SIZE,
        "concurrency": DEFAULT_CONCURRENCY,
    });
    let report = Report { metrics, context };

    println!("\n{}", report.table());
    if let Some(parent) = settings.out.parent() {
        std::fs::create_dir_all(parent)
            .map_err(|err| format!("creating {}: {err}", parent.display()))?;
    }
    let text = serde_json::to_string_pretty(&report.to_json())
        .map_err(|err| format!("encoding the results: {err}"))?;
    std::fs::write(&settings.out, text + "\n")
        .map_err(|err| format!("writing {}: {err}", settings.out.display()))?;
    println!("results written to {}", settings.out.display());
    Ok(())
}

fn step(name: &str) {
    eprintln!("--> {name}");
}

fn parse(args: &[String]) -> Result<Settings, String> {
    let exe = std::env::current_exe().map_err(|err| format!("locating this binary: {err}"))?;
    let bin_dir = exe.parent().map(Path::to_path_buf).unwrap_or_default();
    // target/release/accs-bench: the target directory is two levels up.
    let target_dir = bin_dir.parent().map(Path::to_path_buf).unwrap_or_else(|| bin_dir.clone());
    let mut settings = Settings {
        accs: bin_dir.join("accs"),
        criterion_dir: target_dir.join("criterion"),
        out: target_dir.join("bench").join("results.json"),
        export_products: 50_000,
        memory_products: vec![50_000, 200_000],
        rounds: 3,
        gets: 1000,
        capacity_seconds: 3.0,
    };

    let mut args = args.iter();
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or_else(|| format!("{flag} needs a value"));
        match flag.as_str() {
            "--accs" => settings.accs = PathBuf::from(value()?),
            "--criterion-dir" => settings.criterion_dir = PathBuf::from(value()?),
            "--out" => settings.out = PathBuf::from(value()?),
            "--export-products" => settings.export_products = number(flag, value()?)?,
            "--memory-products" => {
                settings.memory_products =
                    value()?.split(',').map(|size| number(flag, size)).collect::<Result<_, _>>()?;
            }
            "--rounds" => settings.rounds = number(flag, value()?)?,
            "--gets" => settings.gets = number(flag, value()?)?,
            "--capacity-seconds" => settings.capacity_seconds = number(flag, value()?)?,
            other => return Err(format!("unknown option {other}")),
        }
    }
    Ok(settings)
}

fn number<T: std::str::FromStr>(flag: &str, text: &str) -> Result<T, String> {
    text.trim().parse().map_err(|_| format!("{flag}: {text:?} is not a number"))
}
