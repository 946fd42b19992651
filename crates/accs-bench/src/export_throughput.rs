//! Export throughput: the whole catalog through `accs-catalog`'s stream against the baseline
//! reading the same pages, in alternating rounds.

use std::time::{Duration, Instant};

use accs_catalog::{DEFAULT_CONCURRENCY, DEFAULT_STREAM_PAGE_SIZE, Products, StreamOptions};
use futures::{Stream, StreamExt};

use crate::report::{Metric, Target};
use crate::{BenchError, Endpoint, PlainClient, median, ours};

/// The ratio of our products/s to the baseline's the stream must reach.
pub const THROUGHPUT_RATIO_TARGET: f64 = 0.9;

/// One reader of the whole catalog.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Reader {
    /// `Products::stream_raw`: each product as `serde_json::Value`, what an export writes.
    StreamRaw,
    /// `Products::stream`: each product typed.
    StreamTyped,
    /// Plain reqwest and `serde_json::Value`.
    Baseline,
}

/// Reads the catalog of `expected` products `rounds` times with each reader, in an order that
/// rotates every round, and reports the median products/s of each and the ratios.
pub async fn export_throughput(endpoint: &Endpoint, expected: u64, rounds: usize) -> Vec<Metric> {
    match measure(endpoint, expected, rounds).await {
        Ok(metrics) => metrics,
        Err(err) => vec![Metric::failed(
            "export_ratio_raw",
            "export throughput, stream_raw / baseline",
            "",
            Some(Target::AtLeast(THROUGHPUT_RATIO_TARGET)),
            &err.to_string(),
        )],
    }
}

async fn measure(
    endpoint: &Endpoint,
    expected: u64,
    rounds: usize,
) -> Result<Vec<Metric>, BenchError> {
    let products = ours::catalog(endpoint)?;
    let baseline = PlainClient::connect(endpoint).await?;
    let readers = [Reader::StreamRaw, Reader::StreamTyped, Reader::Baseline];

    // One untimed pass each: connections, the token, allocator and page cache settle.
    for reader in readers {
        read_catalog(reader, &products, &baseline, expected).await?;
    }

    let mut rates: [Vec<f64>; 3] = Default::default();
    for round in 0..rounds.max(1) {
        for offset in 0..readers.len() {
            let index = (round + offset) % readers.len();
            let elapsed = read_catalog(readers[index], &products, &baseline, expected).await?;
            rates[index].push(expected as f64 / elapsed.as_secs_f64());
        }
    }
    let [raw, typed, plain] = rates.each_ref().map(|samples| median(samples).unwrap_or(f64::NAN));
    let rounds_note = |samples: &Vec<f64>| {
        let list: Vec<String> = samples.iter().map(|rate| format!("{rate:.0}")).collect();
        format!("{expected} products, {} rounds: {} products/s", samples.len(), list.join(", "))
    };
    let settings = format!(
        "page size {DEFAULT_STREAM_PAGE_SIZE}, concurrency {DEFAULT_CONCURRENCY}, median of rounds"
    );
    let ratio_target = Some(Target::AtLeast(THROUGHPUT_RATIO_TARGET));
    Ok(vec![
        Metric::measured(
            "export_raw_products_per_s",
            "export: stream_raw",
            raw,
            "products/s",
            None,
        )
        .with_detail(rounds_note(&rates[0])),
        Metric::measured(
            "export_typed_products_per_s",
            "export: stream (typed)",
            typed,
            "products/s",
            None,
        )
        .with_detail(rounds_note(&rates[1])),
        Metric::measured(
            "export_baseline_products_per_s",
            "export: baseline reqwest+Value",
            plain,
            "products/s",
            None,
        )
        .with_detail(rounds_note(&rates[2])),
        Metric::measured(
            "export_ratio_raw",
            "export ratio, stream_raw / baseline",
            raw / plain,
            "",
            ratio_target,
        )
        .with_detail(settings.clone()),
        Metric::measured(
            "export_ratio_typed",
            "export ratio, stream (typed) / baseline",
            typed / plain,
            "",
            ratio_target,
        )
        .with_detail(settings),
    ])
}

/// Reads the whole catalog once with `reader`; checks the count.
async fn read_catalog(
    reader: Reader,
    products: &Products,
    baseline: &PlainClient,
    expected: u64,
) -> Result<Duration, BenchError> {
    let started = Instant::now();
    let count = match reader {
        Reader::StreamRaw => drain(products.stream_raw(StreamOptions::default())).await?,
        Reader::StreamTyped => drain(products.stream(StreamOptions::default())).await?,
        Reader::Baseline => baseline.export(DEFAULT_STREAM_PAGE_SIZE, DEFAULT_CONCURRENCY).await?,
    };
    let elapsed = started.elapsed();
    if count != expected {
        return Err(BenchError::new(format!("{reader:?} read {count} products, not {expected}")));
    }
    Ok(elapsed)
}

async fn drain<T, E: std::fmt::Display>(
    stream: impl Stream<Item = Result<T, E>>,
) -> Result<u64, BenchError> {
    let mut stream = std::pin::pin!(stream);
    let mut count = 0;
    while let Some(item) = stream.next().await {
        item.map_err(|err| BenchError::new(format!("our stream: {err}")))?;
        count += 1;
    }
    Ok(count)
}
