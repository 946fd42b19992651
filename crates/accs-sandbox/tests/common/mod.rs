//! Helpers shared by the HTTP tests: starting sandboxes, minting tokens, building queries.

// Test helpers: each test binary uses a subset, and failing loudly is their job.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::time::Duration;

use accs_sandbox::{Sandbox, SandboxConfig};
use percent_encoding::{AsciiSet, NON_ALPHANUMERIC, utf8_percent_encode};
use reqwest::StatusCode;
use serde_json::Value;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Characters kept raw in a query component or path segment: RFC 3986 unreserved.
const COMPONENT: &AsciiSet = &NON_ALPHANUMERIC.remove(b'-').remove(b'.').remove(b'_').remove(b'~');

/// Percent-encodes one query component or path segment.
pub fn encode(text: &str) -> String {
    utf8_percent_encode(text, COMPONENT).to_string()
}

/// A sandbox with `products` products and otherwise default settings.
pub async fn sandbox(products: usize) -> Sandbox {
    Sandbox::start(SandboxConfig { products, ..SandboxConfig::default() }).await.unwrap()
}

/// A sandbox with the given configuration.
pub async fn sandbox_with(config: SandboxConfig) -> Sandbox {
    Sandbox::start(config).await.unwrap()
}

pub fn client() -> reqwest::Client {
    reqwest::Client::builder().timeout(Duration::from_secs(10)).build().unwrap()
}

/// The form fields of a valid token request.
pub fn token_form(sandbox: &Sandbox) -> Vec<(&'static str, String)> {
    vec![
        ("grant_type", "client_credentials".to_owned()),
        ("client_id", sandbox.client_id().to_owned()),
        ("client_secret", sandbox.client_secret().to_owned()),
        ("scope", "openid,AdobeID,email,profile,additional_info.roles,commerce.accs".to_owned()),
    ]
}

/// Mints a token through the IMS endpoint.
pub async fn token(sandbox: &Sandbox) -> String {
    let response =
        client().post(sandbox.ims_token_url()).form(&token_form(sandbox)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    body["access_token"].as_str().unwrap().to_owned()
}

/// A GET with a bearer token; the status and the body parsed as JSON (`Null` when empty).
pub async fn get(url: &str, token: &str) -> (StatusCode, Value) {
    let response = client().get(url).bearer_auth(token).send().await.unwrap();
    let status = response.status();
    let text = response.text().await.unwrap();
    (status, if text.is_empty() { Value::Null } else { serde_json::from_str(&text).unwrap() })
}

/// Sends `body` as JSON with `method` and a bearer token.
pub async fn send_json(
    method: reqwest::Method,
    url: &str,
    token: &str,
    body: &Value,
) -> (StatusCode, Value) {
    let response =
        client().request(method, url).bearer_auth(token).json(body).send().await.unwrap();
    let status = response.status();
    (status, response.json().await.unwrap())
}

/// Lists products on the SaaS path with the given query string.
pub async fn list(sandbox: &Sandbox, token: &str, query: &str) -> (StatusCode, Value) {
    get(&format!("{}/V1/products?{query}", sandbox.base_url()), token).await
}

/// The ids of a list answer's items, in order.
pub fn ids(answer: &Value) -> Vec<u64> {
    answer["items"].as_array().unwrap().iter().map(|item| item["id"].as_u64().unwrap()).collect()
}

/// Builds `searchCriteria` query strings, encoding every key and value once.
#[derive(Debug, Default, Clone)]
pub struct Criteria {
    pairs: Vec<(String, String)>,
    filters_per_group: Vec<usize>,
    sorts: usize,
}

impl Criteria {
    pub fn new() -> Self {
        Self::default()
    }

    /// Adds `field condition value` to filter group `group` (OR-ed with its other filters).
    pub fn filter(mut self, group: usize, field: &str, condition: &str, value: &str) -> Self {
        if self.filters_per_group.len() <= group {
            self.filters_per_group.resize(group + 1, 0);
        }
        let index = self.filters_per_group[group];
        self.filters_per_group[group] += 1;
        let key = |part: &str| {
            format!("searchCriteria[filter_groups][{group}][filters][{index}][{part}]")
        };
        self.pairs.push((key("field"), field.to_owned()));
        self.pairs.push((key("value"), value.to_owned()));
        self.pairs.push((key("condition_type"), condition.to_owned()));
        self
    }

    pub fn sort(mut self, field: &str, direction: &str) -> Self {
        let index = self.sorts;
        self.sorts += 1;
        self.pairs.push((format!("searchCriteria[sortOrders][{index}][field]"), field.to_owned()));
        self.pairs.push((
            format!("searchCriteria[sortOrders][{index}][direction]"),
            direction.to_owned(),
        ));
        self
    }

    pub fn page(mut self, size: u64, current: u64) -> Self {
        self.pairs.push(("searchCriteria[pageSize]".to_owned(), size.to_string()));
        self.pairs.push(("searchCriteria[currentPage]".to_owned(), current.to_string()));
        self
    }

    pub fn raw(mut self, key: &str, value: &str) -> Self {
        self.pairs.push((key.to_owned(), value.to_owned()));
        self
    }

    /// The encoded query string; `searchCriteria[currentPage]=1` when nothing was added.
    pub fn build(&self) -> String {
        if self.pairs.is_empty() {
            return "searchCriteria[currentPage]=1".to_owned();
        }
        let pairs: Vec<String> = self
            .pairs
            .iter()
            .map(|(key, value)| format!("{}={}", encode(key), encode(value)))
            .collect();
        pairs.join("&")
    }
}

/// Sends a request line exactly as given, bypassing URL normalisation (which would turn a
/// `%2E` segment into `.` and drop it). Returns the status and the body.
pub async fn raw_request(
    sandbox: &Sandbox,
    method: &str,
    path: &str,
    token: &str,
    body: Option<&str>,
) -> (u16, String) {
    let address = sandbox.paas_base_url().trim_start_matches("http://").to_owned();
    let mut stream = TcpStream::connect(&address).await.unwrap();
    let body = body.unwrap_or("");
    let request = format!(
        "{method} {path} HTTP/1.1\r\nHost: {address}\r\nAuthorization: Bearer {token}\r\n\
         Content-Type: application/json\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await.unwrap();
    let mut response = String::new();
    stream.read_to_string(&mut response).await.unwrap();
    let status = response[9..12].parse().unwrap();
    let body = response.split_once("\r\n\r\n").map(|(_, body)| body.to_owned()).unwrap_or_default();
    (status, body)
}
