//! The baseline: what a program would do with plain `reqwest` and `serde_json::Value`, one
//! bearer token fetched up front and sent as a static header.
//!
//! Its whole-catalog export issues the same requests as `accs-catalog`'s stream at the same
//! page size and concurrency: a first keyset page sorted by `entity_id`, one request for the
//! highest id, then id ranges of about 1.8 pages each, read `concurrency` at a time, each by
//! keyset paging, yielded in id order. The requests are compared in this crate's tests.

use bytes::Bytes;
use futures::{StreamExt, TryStreamExt, stream};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Response, Url};
use serde_json::Value;

use crate::{BenchError, Endpoint};

/// Ranges aim at this many pages, as the catalog stream's do.
const RANGE_TARGET_PAGES: f64 = 1.8;

/// A plain `reqwest` client with a static bearer header.
#[derive(Debug, Clone)]
pub struct PlainClient {
    http: reqwest::Client,
    base: String,
    headers: HeaderMap,
}

/// One page of the keyset walk: its items, the highest id in it, and whether the walk ends.
struct KeysetPage {
    items: Vec<Value>,
    last_id: Option<i64>,
    total_count: Option<u64>,
    done: bool,
}

impl PlainClient {
    /// Mints one token from the endpoint's IMS and builds the static headers around it.
    pub async fn connect(endpoint: &Endpoint) -> Result<PlainClient, BenchError> {
        let http = reqwest::Client::new();
        let scope = accs_auth::DEFAULT_SCOPES.join(",");
        let answer: Value = http
            .post(&endpoint.ims_token_url)
            .form(&[
                ("grant_type", "client_credentials"),
                ("client_id", &endpoint.client_id),
                ("client_secret", &endpoint.client_secret),
                ("scope", &scope),
            ])
            .send()
            .await
            .and_then(Response::error_for_status)
            .map_err(|err| BenchError::new(format!("baseline token request: {err}")))?
            .json()
            .await
            .map_err(|err| BenchError::new(format!("baseline token answer: {err}")))?;
        let token = answer["access_token"]
            .as_str()
            .ok_or_else(|| BenchError::new("the IMS answer has no access_token"))?;

        let mut headers = HeaderMap::new();
        let value = |text: &str| {
            HeaderValue::from_str(text).map_err(|_| BenchError::new("not a valid header value"))
        };
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        headers.insert(header::AUTHORIZATION, value(&format!("Bearer {token}"))?);
        headers.insert("x-api-key", value(&endpoint.client_id)?);
        headers.insert("x-gw-ims-org-id", value(&endpoint.org_id)?);
        Ok(PlainClient {
            http,
            base: endpoint.api_endpoint.trim_end_matches('/').to_owned(),
            headers,
        })
    }

    /// `GET <base>/V1/<path>` with `query`: the body of a successful answer.
    pub async fn fetch(&self, path: &str, query: &[(String, String)]) -> Result<Bytes, BenchError> {
        let failed = |err: reqwest::Error| BenchError::new(format!("baseline GET {path}: {err}"));
        let mut url = Url::parse(&format!("{}/V1/{path}", self.base))
            .map_err(|err| BenchError::new(format!("baseline URL for {path}: {err}")))?;
        if !query.is_empty() {
            url.query_pairs_mut().extend_pairs(query);
        }
        let request = self.http.get(url).headers(self.headers.clone());
        let response = request.send().await.and_then(Response::error_for_status).map_err(failed)?;
        response.bytes().await.map_err(failed)
    }

    /// `GET <base>/V1/<path>` with `query`, decoded as JSON.
    pub async fn get_json(
        &self,
        path: &str,
        query: &[(String, String)],
    ) -> Result<Value, BenchError> {
        let body = self.fetch(path, query).await?;
        serde_json::from_slice(&body)
            .map_err(|err| BenchError::new(format!("baseline GET {path}: not JSON: {err}")))
    }

    /// One product by a SKU that needs no percent-encoding (letters, digits, `-`).
    pub async fn get_product(&self, sku: &str) -> Result<Value, BenchError> {
        self.get_json(&format!("products/{sku}"), &[]).await
    }

    /// Reads every product once, in id order, the way the catalog stream does, and returns
    /// how many there were.
    pub async fn export(&self, page_size: u32, concurrency: usize) -> Result<u64, BenchError> {
        let first = self.keyset_page(None, None, page_size).await?;
        let mut count = first.items.len() as u64;
        if first.done {
            return Ok(count);
        }
        let after = first.last_id.unwrap_or_default();

        if concurrency <= 1 {
            count += self.walk_range(after, None, page_size).await?;
            return Ok(count);
        }
        let Some(highest) = self.highest_id().await? else {
            return Ok(count);
        };
        let remaining =
            first.total_count.map(|total| total.saturating_sub(first.items.len() as u64));
        let ranges = id_ranges(after, highest, remaining, page_size);
        count += stream::iter(ranges)
            .map(|(lower, upper)| self.walk_range(lower, Some(upper), page_size))
            .buffered(concurrency)
            .try_fold(0, |sum, range_count| async move { Ok(sum + range_count) })
            .await?;
        Ok(count)
    }

    /// Pages through the ids `(after, up_to]` until a page says the range is done.
    async fn walk_range(
        &self,
        mut after: i64,
        up_to: Option<i64>,
        page_size: u32,
    ) -> Result<u64, BenchError> {
        let mut count = 0;
        loop {
            let page = self.keyset_page(Some(after), up_to, page_size).await?;
            count += page.items.len() as u64;
            match page.last_id {
                Some(last) if !page.done => after = last,
                _ => return Ok(count),
            }
        }
    }

    async fn keyset_page(
        &self,
        after: Option<i64>,
        up_to: Option<i64>,
        page_size: u32,
    ) -> Result<KeysetPage, BenchError> {
        let mut filters = Vec::new();
        if let Some(after) = after {
            filters.push(("gt", after));
        }
        if let Some(up_to) = up_to {
            filters.push(("lteq", up_to));
        }
        let query = search_query(&filters, "ASC", page_size);
        let mut answer = self.get_json("products", &query).await?;

        let items = match answer.get_mut("items").map(Value::take) {
            Some(Value::Array(items)) => items,
            _ => return Err(BenchError::new("a list answer has no items array")),
        };
        let total_count = answer.get("total_count").and_then(Value::as_u64);
        let last_id = items.last().and_then(|item| item.get("id")).and_then(Value::as_i64);
        let received = items.len() as u64;
        let done = last_id.is_none()
            || received < u64::from(page_size)
            || total_count.is_some_and(|total| total <= received);
        Ok(KeysetPage { items, last_id, total_count, done })
    }

    async fn highest_id(&self) -> Result<Option<i64>, BenchError> {
        let answer = self.get_json("products", &search_query(&[], "DESC", 1)).await?;
        Ok(answer["items"].get(0).and_then(|item| item.get("id")).and_then(Value::as_i64))
    }
}

/// The `searchCriteria` of a keyset page: each id bound its own filter group, sorted by
/// `entity_id`, first page.
fn search_query(bounds: &[(&str, i64)], direction: &str, page_size: u32) -> Vec<(String, String)> {
    let mut query = Vec::new();
    for (group, (condition, id)) in bounds.iter().enumerate() {
        let key =
            |part: &str| format!("searchCriteria[filter_groups][{group}][filters][0][{part}]");
        query.push((key("field"), "entity_id".to_owned()));
        query.push((key("value"), id.to_string()));
        query.push((key("condition_type"), (*condition).to_owned()));
    }
    query.push(("searchCriteria[sortOrders][0][field]".to_owned(), "entity_id".to_owned()));
    query.push(("searchCriteria[sortOrders][0][direction]".to_owned(), direction.to_owned()));
    query.push(("searchCriteria[pageSize]".to_owned(), page_size.to_string()));
    query.push(("searchCriteria[currentPage]".to_owned(), "1".to_owned()));
    query
}

/// Splits `(after, up_to]` into ranges expected to hold about 1.8 pages each.
fn id_ranges(after: i64, up_to: i64, remaining: Option<u64>, page_size: u32) -> Vec<(i64, i64)> {
    let span = up_to.saturating_sub(after).max(1) as f64;
    let density = remaining.map_or(1.0, |remaining| (remaining.max(1) as f64 / span).min(1.0));
    let width = ((RANGE_TARGET_PAGES * f64::from(page_size) / density) as i64).max(1);
    let mut ranges = Vec::new();
    let mut lower = after;
    while lower < up_to {
        let upper = lower.saturating_add(width).min(up_to);
        ranges.push((lower, upper));
        lower = upper;
    }
    ranges
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_cover_the_ids_after_the_first_page_without_gaps() {
        let ranges = id_ranges(300, 50_000, Some(49_700), 300);
        assert_eq!(ranges.first(), Some(&(300, 840)));
        assert_eq!(ranges.last().map(|range| range.1), Some(50_000));
        assert!(ranges.windows(2).all(|pair| pair[0].1 == pair[1].0));
    }
}
