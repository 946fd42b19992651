//! Sandbox capacity: how many requests per second the sandbox serves a plain client, so that a
//! reader can see whether it, rather than the client, limits the export figures.

use std::time::{Duration, Instant};

use futures::future::try_join_all;
use serde_json::Value;

use crate::report::Metric;
use crate::{BenchError, Endpoint, PlainClient};

/// Measures requests/s for a full list page and for a single-product get, each for
/// `duration` with `concurrency` requests in flight.
pub async fn sandbox_capacity(
    endpoint: &Endpoint,
    concurrency: usize,
    duration: Duration,
    page_size: u32,
) -> Vec<Metric> {
    let list_name = format!("sandbox: list page of {page_size}");
    match measure(endpoint, concurrency, duration, page_size).await {
        Ok((list, get)) => {
            let detail = format!(
                "plain reqwest, {concurrency} in flight for {:.0} s; the client shares the CPU",
                duration.as_secs_f64()
            );
            vec![
                Metric::measured(
                    "sandbox_list_requests_per_s",
                    &list_name,
                    list,
                    "requests/s",
                    None,
                )
                .with_detail(format!("{detail}; = {:.0} products/s", list * f64::from(page_size))),
                Metric::measured(
                    "sandbox_get_requests_per_s",
                    "sandbox: get one product",
                    get,
                    "requests/s",
                    None,
                )
                .with_detail(detail),
            ]
        }
        Err(err) => {
            vec![Metric::failed(
                "sandbox_list_requests_per_s",
                &list_name,
                "requests/s",
                None,
                &err.to_string(),
            )]
        }
    }
}

async fn measure(
    endpoint: &Endpoint,
    concurrency: usize,
    duration: Duration,
    page_size: u32,
) -> Result<(f64, f64), BenchError> {
    let client = PlainClient::connect(endpoint).await?;
    let list_query = vec![
        ("searchCriteria[sortOrders][0][field]".to_owned(), "entity_id".to_owned()),
        ("searchCriteria[sortOrders][0][direction]".to_owned(), "ASC".to_owned()),
        ("searchCriteria[pageSize]".to_owned(), page_size.to_string()),
        ("searchCriteria[currentPage]".to_owned(), "1".to_owned()),
    ];
    let first = client.get_json("products", &list_query).await?;
    let sku = first["items"]
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|item| item.get("sku").and_then(Value::as_str))
        .find(|sku| sku.chars().all(|c| c.is_ascii_alphanumeric() || c == '-'))
        .ok_or_else(|| BenchError::new("no plain SKU on the first page"))?
        .to_owned();
    let get_path = format!("products/{sku}");

    let list = requests_per_second(concurrency, duration, || client.fetch("products", &list_query))
        .await?;
    let get = requests_per_second(concurrency, duration, || client.fetch(&get_path, &[])).await?;
    Ok((list, get))
}

/// Keeps `concurrency` calls of `request` in flight until `duration` has passed.
async fn requests_per_second<F, R>(
    concurrency: usize,
    duration: Duration,
    request: F,
) -> Result<f64, BenchError>
where
    F: Fn() -> R,
    R: Future<Output = Result<bytes::Bytes, BenchError>>,
{
    let started = Instant::now();
    let deadline = started + duration;
    let worker = || async {
        let mut done: u64 = 0;
        while Instant::now() < deadline {
            request().await?;
            done += 1;
        }
        Ok::<_, BenchError>(done)
    };
    let counts = try_join_all((0..concurrency.max(1)).map(|_| worker())).await?;
    Ok(counts.iter().sum::<u64>() as f64 / started.elapsed().as_secs_f64())
}
