//! Helpers shared by the transport's integration tests.

#![allow(dead_code, clippy::unwrap_used)]

use std::sync::{Arc, Mutex};

use accs_auth::{StaticTokenProvider, TokenProvider};
use accs_transport::{Client, Flavor, RetryPolicy};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpListener;

/// A request as it arrived on the wire.
#[derive(Debug, Clone)]
pub(crate) struct Seen {
    /// The request line's target, exactly as sent (`/T/V1/products/A%2F1?x=y`).
    pub(crate) target: String,
    pub(crate) method: String,
    pub(crate) headers: Vec<(String, String)>,
    pub(crate) body: Vec<u8>,
}

impl Seen {
    pub(crate) fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)).map(|(_, v)| v.as_str())
    }
}

/// A minimal HTTP/1.1 server that records each request's raw target and answers `200 true`.
/// httpmock matches decoded paths; this proves what went over the wire.
pub(crate) struct WireRecorder {
    pub(crate) base_url: String,
    pub(crate) seen: Arc<Mutex<Vec<Seen>>>,
}

impl WireRecorder {
    pub(crate) async fn start() -> WireRecorder {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let base_url = format!("http://{}", listener.local_addr().unwrap());
        let seen = Arc::new(Mutex::new(Vec::new()));
        let log = seen.clone();
        tokio::spawn(async move {
            loop {
                let Ok((mut socket, _)) = listener.accept().await else { return };
                let log = log.clone();
                tokio::spawn(async move {
                    loop {
                        let Some(request) = read_request(&mut socket).await else { return };
                        log.lock().unwrap().push(request);
                        let answer = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n\
                                      content-length: 4\r\n\r\ntrue";
                        if socket.write_all(answer.as_bytes()).await.is_err() {
                            return;
                        }
                    }
                });
            }
        });
        WireRecorder { base_url, seen }
    }

    pub(crate) fn requests(&self) -> Vec<Seen> {
        self.seen.lock().unwrap().clone()
    }
}

async fn read_request(socket: &mut tokio::net::TcpStream) -> Option<Seen> {
    let mut buffer = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(at) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            return None;
        }
        buffer.extend_from_slice(&chunk[..read]);
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let mut lines = head.split("\r\n");
    let mut request_line = lines.next()?.split(' ');
    let method = request_line.next()?.to_owned();
    let target = request_line.next()?.to_owned();
    let headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(k, v)| (k.trim().to_owned(), v.trim().to_owned()))
        .collect();
    let length: usize = headers
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case("content-length"))
        .and_then(|(_, v)| v.parse().ok())
        .unwrap_or(0);
    let mut body = buffer[head_end + 4..].to_vec();
    while body.len() < length {
        let read = socket.read(&mut chunk).await.ok()?;
        if read == 0 {
            break;
        }
        body.extend_from_slice(&chunk[..read]);
    }
    Some(Seen { target, method, headers, body })
}

/// A client of `base_url` (PaaS unless told) with a static token and quick retries.
pub(crate) fn client(base_url: &str, flavor: Flavor) -> Client {
    client_with(base_url, flavor, Arc::new(StaticTokenProvider::new("static-token")))
}

pub(crate) fn client_with(
    base_url: &str,
    flavor: Flavor,
    tokens: Arc<dyn TokenProvider>,
) -> Client {
    Client::builder(base_url, tokens).flavor(flavor).retry_policy(quick_retries()).build().unwrap()
}

pub(crate) fn quick_retries() -> RetryPolicy {
    RetryPolicy::default()
        .with_initial_backoff(std::time::Duration::from_millis(10))
        .with_max_backoff(std::time::Duration::from_millis(50))
        .with_max_attempts(4)
}
