//! Per-request overhead: single-product `get` round trips, ours and the baseline's
//! interleaved one by one, compared by median latency.

use std::time::Instant;

use accs_catalog::Products;
use serde_json::Value;

use crate::report::{Metric, Target};
use crate::{BenchError, Endpoint, PlainClient, median, ours};

/// The ratio of our median latency to the baseline's that must not be exceeded.
pub const OVERHEAD_RATIO_TARGET: f64 = 1.10;

/// Round trips of each kind made before measuring, to open connections and fill caches.
const WARM_UP_GETS: usize = 50;

/// Makes `gets` round trips of each kind, interleaved, and reports the median latencies and
/// their ratios.
pub async fn request_overhead(endpoint: &Endpoint, gets: usize) -> Vec<Metric> {
    match measure(endpoint, gets).await {
        Ok(metrics) => metrics,
        Err(err) => vec![Metric::failed(
            "get_ratio_raw",
            "get latency, get_raw / baseline",
            "",
            Some(Target::AtMost(OVERHEAD_RATIO_TARGET)),
            &err.to_string(),
        )],
    }
}

/// The three ways of reading one product.
#[derive(Debug, Clone, Copy)]
enum Getter {
    Raw,
    Typed,
    Baseline,
}

async fn measure(endpoint: &Endpoint, gets: usize) -> Result<Vec<Metric>, BenchError> {
    let products = ours::catalog(endpoint)?;
    let baseline = PlainClient::connect(endpoint).await?;
    let skus = plain_skus(&baseline).await?;
    let getters = [Getter::Raw, Getter::Typed, Getter::Baseline];

    for sku in skus.iter().cycle().take(WARM_UP_GETS) {
        for getter in getters {
            get(getter, &products, &baseline, sku).await?;
        }
    }

    let mut latencies_us: [Vec<f64>; 3] = Default::default();
    for (round, sku) in skus.iter().cycle().take(gets.max(1)).enumerate() {
        // Rotate who goes first so that neither side always finds a just-used connection.
        for offset in 0..getters.len() {
            let index = (round + offset) % getters.len();
            let started = Instant::now();
            get(getters[index], &products, &baseline, sku).await?;
            latencies_us[index].push(started.elapsed().as_secs_f64() * 1e6);
        }
    }
    let [raw, typed, plain] =
        latencies_us.each_ref().map(|samples| median(samples).unwrap_or(f64::NAN));
    let detail = format!("{} sequential gets each, interleaved, median", gets.max(1));
    let target = Some(Target::AtMost(OVERHEAD_RATIO_TARGET));
    Ok(vec![
        Metric::measured("get_raw_median_us", "get: Products::get_raw", raw, "us", None)
            .with_detail(detail.clone()),
        Metric::measured("get_typed_median_us", "get: Products::get (typed)", typed, "us", None)
            .with_detail(detail.clone()),
        Metric::measured(
            "get_baseline_median_us",
            "get: baseline reqwest+Value",
            plain,
            "us",
            None,
        )
        .with_detail(detail.clone()),
        Metric::measured(
            "get_ratio_raw",
            "get latency, get_raw / baseline",
            raw / plain,
            "",
            target,
        )
        .with_detail(detail.clone()),
        Metric::measured(
            "get_ratio_typed",
            "get latency, get (typed) / baseline",
            typed / plain,
            "",
            target,
        )
        .with_detail(detail),
    ])
}

async fn get(
    getter: Getter,
    products: &Products,
    baseline: &PlainClient,
    sku: &str,
) -> Result<(), BenchError> {
    let failed = |err: &dyn std::fmt::Display| BenchError::new(format!("get {sku}: {err}"));
    match getter {
        Getter::Raw => products.get_raw(sku).await.map(drop).map_err(|err| failed(&err)),
        Getter::Typed => products.get(sku).await.map(drop).map_err(|err| failed(&err)),
        Getter::Baseline => baseline.get_product(sku).await.map(drop),
    }
}

/// SKUs of the first page that need no percent-encoding, so that the baseline can put them
/// in a URL as they are.
async fn plain_skus(baseline: &PlainClient) -> Result<Vec<String>, BenchError> {
    let query = [
        ("searchCriteria[pageSize]".to_owned(), "300".to_owned()),
        ("searchCriteria[currentPage]".to_owned(), "1".to_owned()),
    ];
    let page = baseline.get_json("products", &query).await?;
    let skus: Vec<String> = page["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("sku").and_then(Value::as_str))
        .filter(|sku| sku.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .map(str::to_owned)
        .collect();
    if skus.is_empty() {
        return Err(BenchError::new("the first page has no plain SKU to get"));
    }
    Ok(skus)
}
