//! `accs products export`: every matching product exactly once, to a file or stdout.

use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::Instant;

use accs_catalog::{Products, StreamOptions};
use futures::StreamExt;
use serde_json::Value;

use crate::cli::{FilterArgs, Format};
use crate::commands::products::criteria;
use crate::failure::{Failure, io_failure, write_failure};
use crate::setup::Target;

/// What `accs products export` was asked to do.
pub(crate) struct Options {
    pub(crate) out: Option<PathBuf>,
    pub(crate) format: Format,
    pub(crate) filters: FilterArgs,
    pub(crate) page_size: u32,
    pub(crate) concurrency: usize,
}

/// The CSV columns, in order: the fields most reports need.
const CSV_COLUMNS: [&str; 10] = [
    "sku",
    "id",
    "name",
    "type_id",
    "status",
    "visibility",
    "price",
    "attribute_set_id",
    "created_at",
    "updated_at",
];

/// Streams the catalog into the output; a file appears only once it is complete.
pub(crate) async fn run(target: &Target, options: Options) -> Result<ExitCode, Failure> {
    if options.concurrency == 0 {
        return Err(Failure::Usage("--concurrency must be at least 1".to_owned()));
    }
    let stream_options = StreamOptions::new()
        .criteria(&criteria(&options.filters)?)
        .page_size(options.page_size)?
        .concurrency(options.concurrency);

    // Write beside the destination, then rename: a failed export never leaves a file that
    // looks complete.
    let (writer, partial): (Box<dyn Write + Send>, Option<PathBuf>) = match &options.out {
        Some(path) => {
            let partial = partial_path(path);
            let file = File::create(&partial)
                .map_err(|err| io_failure(&partial.display().to_string(), err))?;
            (Box::new(file), Some(partial))
        }
        None => (Box::new(std::io::stdout()), None),
    };
    let mut sink = Sink::new(BufWriter::with_capacity(256 * 1024, writer), options.format)?;

    let progress = progress_bar();
    let started = Instant::now();
    let mut count: u64 = 0;
    let mut stream = Box::pin(Products::new(target.client.clone()).stream_raw(stream_options));
    let result: Result<(), Failure> = async {
        while let Some(item) = stream.next().await {
            sink.write(&item?)?;
            count += 1;
            if let Some(bar) = &progress {
                bar.set_position(count);
            }
        }
        sink.finish()
    }
    .await;
    if let Some(bar) = &progress {
        bar.finish_and_clear();
    }

    match (result, &options.out, partial) {
        (Ok(()), Some(path), Some(partial)) => std::fs::rename(&partial, path)
            .map_err(|err| io_failure(&path.display().to_string(), err))?,
        (Err(failure), _, partial) => {
            if let Some(partial) = partial {
                let _ = std::fs::remove_file(partial);
            }
            return Err(failure);
        }
        _ => {}
    }

    let elapsed = started.elapsed().as_secs_f64();
    let stats = target.client.stats();
    eprintln!(
        "exported {count} products in {elapsed:.2} s ({:.0} products/s); {} requests, {} retries",
        count as f64 / elapsed.max(1e-9),
        stats.requests,
        stats.retries,
    );
    Ok(ExitCode::SUCCESS)
}

fn partial_path(path: &Path) -> PathBuf {
    let mut name = path.file_name().map(|n| n.to_os_string()).unwrap_or_default();
    name.push(".partial");
    path.with_file_name(name)
}

fn progress_bar() -> Option<indicatif::ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = indicatif::ProgressBar::new_spinner();
    if let Ok(style) =
        indicatif::ProgressStyle::with_template("{spinner} {pos} products, {per_sec} ({elapsed})")
    {
        bar.set_style(style);
    }
    bar.enable_steady_tick(std::time::Duration::from_millis(200));
    Some(bar)
}

/// Where products go, in the chosen format.
enum Sink<W: Write> {
    Ndjson(W),
    Csv(Box<csv::Writer<W>>),
}

impl<W: Write> Sink<W> {
    fn new(writer: W, format: Format) -> Result<Self, Failure> {
        Ok(match format {
            Format::Ndjson => Sink::Ndjson(writer),
            Format::Csv => {
                let mut csv = csv::Writer::from_writer(writer);
                csv.write_record(CSV_COLUMNS).map_err(csv_failure)?;
                Sink::Csv(Box::new(csv))
            }
        })
    }

    fn write(&mut self, product: &Value) -> Result<(), Failure> {
        match self {
            Sink::Ndjson(out) => {
                serde_json::to_writer(&mut *out, product)
                    .map_err(|err| write_failure("writing the export", err.io_error_kind(), err))?;
                out.write_all(b"\n").map_err(|err| io_failure("writing the export", err))
            }
            Sink::Csv(csv) => {
                let row = CSV_COLUMNS.map(|column| cell(product.get(column)));
                csv.write_record(&row).map_err(csv_failure)
            }
        }
    }

    fn finish(self) -> Result<(), Failure> {
        match self {
            Sink::Ndjson(mut out) => out.flush(),
            Sink::Csv(mut csv) => csv.flush(),
        }
        .map_err(|err| io_failure("writing the export", err))
    }
}

fn cell(value: Option<&Value>) -> String {
    match value {
        None | Some(Value::Null) => String::new(),
        Some(Value::String(text)) => text.clone(),
        Some(other) => other.to_string(),
    }
}

fn csv_failure(err: csv::Error) -> Failure {
    let kind = match err.kind() {
        csv::ErrorKind::Io(io) => Some(io.kind()),
        _ => None,
    };
    write_failure("writing the CSV export", kind, err)
}
