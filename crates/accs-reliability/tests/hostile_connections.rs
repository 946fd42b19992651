//! Connections that misbehave below HTTP: a body broken off, a body without end, a server that
//! never answers, one that answers a byte at a time. Each ends in its documented error within
//! a time bound, retried only where that is safe, with the requests counted at the socket.

#![allow(clippy::unwrap_used)]

use std::net::SocketAddr;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use accs_catalog::{CatalogError, Product, Products, SearchCriteria};
use accs_reliability::{HOSTILE_ATTEMPTS, hostile_client};
use accs_transport::Error;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// How the raw server treats each request.
#[derive(Debug, Clone, Copy)]
enum Behaviour {
    /// Promises 5,000 bytes of JSON, sends the start, closes the connection.
    TruncatedBody,
    /// Sends chunks of JSON-looking bytes until the client hangs up (100 MiB at most).
    EndlessBody,
    /// Reads the request and never answers.
    Silent,
    /// Sends the head at once, then one byte of body every 100 ms.
    TricklingBody,
}

/// A one-behaviour HTTP/1.1 server on a raw socket, counting the requests it read.
struct RawServer {
    address: SocketAddr,
    requests: Arc<AtomicUsize>,
    accept: JoinHandle<()>,
}

impl RawServer {
    async fn start(behaviour: Behaviour) -> RawServer {
        let listener = TcpListener::bind("127.0.0.1:0").await.unwrap();
        let address = listener.local_addr().unwrap();
        let requests = Arc::new(AtomicUsize::new(0));
        let counter = requests.clone();
        let accept = tokio::spawn(async move {
            while let Ok((socket, _)) = listener.accept().await {
                tokio::spawn(serve(socket, behaviour, counter.clone()));
            }
        });
        RawServer { address, requests, accept }
    }

    fn products(&self, timeout: Duration) -> Products {
        let client = hostile_client(&format!("http://{}", self.address)).timeout(timeout);
        Products::new(client.build().unwrap())
    }

    fn requests(&self) -> usize {
        self.requests.load(Ordering::SeqCst)
    }
}

impl Drop for RawServer {
    fn drop(&mut self) {
        self.accept.abort();
    }
}

async fn serve(mut socket: TcpStream, behaviour: Behaviour, requests: Arc<AtomicUsize>) {
    // One request per connection: read its head, then misbehave.
    let mut head = Vec::new();
    let mut buffer = [0u8; 4096];
    while !head.windows(4).any(|window| window == b"\r\n\r\n") {
        match socket.read(&mut buffer).await {
            Ok(0) | Err(_) => return,
            Ok(read) => head.extend_from_slice(&buffer[..read]),
        }
    }
    requests.fetch_add(1, Ordering::SeqCst);

    let json_head = "HTTP/1.1 200 OK\r\ncontent-type: application/json\r\n";
    match behaviour {
        Behaviour::TruncatedBody => {
            let answer = format!("{json_head}content-length: 5000\r\n\r\n{{\"items\":[{{\"id\":1,");
            let _ = socket.write_all(answer.as_bytes()).await;
            let _ = socket.shutdown().await;
        }
        Behaviour::EndlessBody => {
            let answer = format!("{json_head}transfer-encoding: chunked\r\n\r\n");
            if socket.write_all(answer.as_bytes()).await.is_err() {
                return;
            }
            let chunk = format!("4000\r\n{}\r\n", "{\"id\":1,\"sku\":\"A\"},".repeat(16384 / 19));
            let chunk = chunk.replacen("4000", &format!("{:x}", chunk.len() - 8), 1);
            for _ in 0..(100 * 1024 * 1024 / chunk.len()) {
                if socket.write_all(chunk.as_bytes()).await.is_err() {
                    return;
                }
            }
        }
        Behaviour::Silent => tokio::time::sleep(Duration::from_secs(30)).await,
        Behaviour::TricklingBody => {
            let answer = format!("{json_head}content-length: 1000\r\n\r\n");
            if socket.write_all(answer.as_bytes()).await.is_err() {
                return;
            }
            for _ in 0..1000 {
                tokio::time::sleep(Duration::from_millis(100)).await;
                if socket.write_all(b" ").await.is_err() {
                    return;
                }
            }
        }
    }
}

fn transport(err: CatalogError) -> Error {
    match err {
        CatalogError::Transport(inner) => inner,
        other => panic!("not a transport error: {other:?}"),
    }
}

fn product() -> Product {
    Product::from_value(serde_json::json!({"sku": "A", "name": "A", "price": 1})).unwrap()
}

const ATTEMPTS: usize = HOSTILE_ATTEMPTS as usize;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_broken_off_is_interrupted_and_retried_only_where_safe() {
    let server = RawServer::start(Behaviour::TruncatedBody).await;
    let products = server.products(Duration::from_secs(2));
    let started = Instant::now();

    let read = transport(products.list(&SearchCriteria::new()).await.unwrap_err());
    assert!(matches!(read, Error::Interrupted { status: Some(200), .. }), "{read:?}");
    assert!(!read.is_outcome_unknown());
    assert!(read.to_string().starts_with("connection interrupted (HTTP 200)"), "{read}");
    assert_eq!(server.requests(), ATTEMPTS);

    // An upsert may be repeated; whether it was applied is still unknown at the end.
    let put = transport(products.upsert(&product()).await.unwrap_err());
    assert!(put.is_outcome_unknown(), "{put:?}");
    assert_eq!(server.requests(), 2 * ATTEMPTS);

    // A create is never sent twice.
    let post = transport(products.create(&product()).await.unwrap_err());
    assert!(post.is_outcome_unknown(), "{post:?}");
    assert_eq!(server.requests(), 2 * ATTEMPTS + 1);
    assert!(started.elapsed() < Duration::from_secs(3), "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_without_end_stops_at_the_limit_and_is_not_retried() {
    const LIMIT: usize = 256 * 1024;
    let server = RawServer::start(Behaviour::EndlessBody).await;
    let client = hostile_client(&format!("http://{}", server.address)).max_response_bytes(LIMIT);
    let products = Products::new(client.build().unwrap());
    let started = Instant::now();

    let err = transport(products.list(&SearchCriteria::new()).await.unwrap_err());
    assert!(matches!(err, Error::BodyTooLarge { status: 200, limit: LIMIT }), "{err:?}");
    assert_eq!(server.requests(), 1);
    assert!(started.elapsed() < Duration::from_secs(2), "{:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_server_slower_than_the_timeout_times_out_within_the_attempt_budget() {
    const TIMEOUT: Duration = Duration::from_millis(300);
    let server = RawServer::start(Behaviour::Silent).await;
    let products = server.products(TIMEOUT);

    let started = Instant::now();
    let read = transport(products.get("A").await.unwrap_err());
    let elapsed = started.elapsed();
    assert!(matches!(read, Error::Timeout { outcome_unknown: false }), "{read:?}");
    assert_eq!(server.requests(), ATTEMPTS);
    // Each attempt waits its full timeout, no attempt waits much longer.
    assert!(elapsed >= TIMEOUT * HOSTILE_ATTEMPTS, "{elapsed:?}");
    // The slack covers the backoff waits and a loaded machine, not another attempt's timeout.
    assert!(elapsed < TIMEOUT * HOSTILE_ATTEMPTS + Duration::from_secs(2), "{elapsed:?}");

    let put = transport(products.upsert(&product()).await.unwrap_err());
    assert!(matches!(put, Error::Timeout { outcome_unknown: true }), "{put:?}");
    assert!(put.to_string().contains("may or may not have been applied"), "{put}");
    assert_eq!(server.requests(), 2 * ATTEMPTS);

    let started = Instant::now();
    let post = transport(products.create(&product()).await.unwrap_err());
    assert!(matches!(post, Error::Timeout { outcome_unknown: true }), "{post:?}");
    assert_eq!(server.requests(), 2 * ATTEMPTS + 1);
    assert!(started.elapsed() < 2 * TIMEOUT, "one attempt only: {:?}", started.elapsed());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_body_arriving_a_byte_at_a_time_times_out() {
    const TIMEOUT: Duration = Duration::from_millis(400);
    let server = RawServer::start(Behaviour::TricklingBody).await;
    let products = server.products(TIMEOUT);

    let started = Instant::now();
    let err = transport(products.get("A").await.unwrap_err());
    let elapsed = started.elapsed();
    assert!(matches!(err, Error::Timeout { outcome_unknown: false }), "{err:?}");
    assert_eq!(server.requests(), ATTEMPTS);
    // The slack covers the backoff waits and a loaded machine, not another attempt's timeout.
    assert!(elapsed < TIMEOUT * HOSTILE_ATTEMPTS + Duration::from_secs(2), "{elapsed:?}");
}
