//! A token source of your own, shared through the cache.
//!
//! `VaultTokens` stands for any place tokens come from (a secrets vault, a sidecar, another
//! service). Wrapped in `CachedTokenProvider` it gets early refresh and single flight: here
//! 50 concurrent requests cause one call to it.

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use accs_auth::{AccessToken, AuthError, CachedTokenProvider, TokenProvider};
use accs_catalog::Products;
use accs_sandbox::{Sandbox, SandboxConfig};
use accs_transport::{Client, Flavor};
use async_trait::async_trait;

/// Fetches tokens from "a vault": here, the sandbox's token endpoint.
#[derive(Debug)]
struct VaultTokens {
    token_url: String,
    client_id: String,
    client_secret: String,
    fetches: AtomicUsize,
}

#[async_trait]
impl TokenProvider for VaultTokens {
    async fn token(&self) -> Result<AccessToken, AuthError> {
        self.fetches.fetch_add(1, Ordering::SeqCst);
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.client_id.as_str()),
            ("client_secret", self.client_secret.as_str()),
            ("scope", "openid,AdobeID,commerce.accs"),
        ];
        let body =
            form.iter().map(|(key, value)| format!("{key}={value}")).collect::<Vec<_>>().join("&");
        let answer: serde_json::Value = post_form(&self.token_url, body)
            .await
            .map_err(|err| AuthError::Provider(format!("vault unreachable: {err}")))?;
        let secret = answer["access_token"]
            .as_str()
            .ok_or_else(|| AuthError::Provider("vault answered without a token".to_owned()))?;
        let lifetime = Duration::from_secs(answer["expires_in"].as_u64().unwrap_or(3600));
        Ok(AccessToken::new(secret.to_owned(), "bearer", lifetime))
    }
}

/// A form POST with the standard library and tokio only, to keep the example self-contained.
async fn post_form(
    url: &str,
    body: String,
) -> Result<serde_json::Value, Box<dyn std::error::Error>> {
    use tokio::io::{AsyncReadExt, AsyncWriteExt};
    let rest = url.strip_prefix("http://").ok_or("only http in this example")?;
    let (host, path) = rest.split_once('/').ok_or("no path")?;
    let mut stream = tokio::net::TcpStream::connect(host).await?;
    let request = format!(
        "POST /{path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/x-www-form-urlencoded\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
        body.len()
    );
    stream.write_all(request.as_bytes()).await?;
    let mut answer = String::new();
    stream.read_to_string(&mut answer).await?;
    let json = answer.split_once("\r\n\r\n").ok_or("no body")?.1;
    Ok(serde_json::from_str(json)?)
}

#[tokio::main]
async fn main() -> Result<(), Box<dyn std::error::Error>> {
    let sandbox =
        Sandbox::start(SandboxConfig { products: 200, ..SandboxConfig::default() }).await?;
    let vault = VaultTokens {
        token_url: sandbox.ims_token_url().to_owned(),
        client_id: sandbox.client_id().to_owned(),
        client_secret: sandbox.client_secret().to_owned(),
        fetches: AtomicUsize::new(0),
    };
    let tokens = Arc::new(CachedTokenProvider::new(vault));
    let client =
        Client::builder(sandbox.base_url(), tokens.clone()).flavor(Flavor::Saas).build()?;
    let products = Products::new(client);

    let skus: Vec<String> = sandbox
        .products()
        .iter()
        .take(50)
        .filter_map(|p| p["sku"].as_str().map(str::to_owned))
        .collect();
    let fetched = futures::future::try_join_all(skus.iter().map(|sku| products.get(sku))).await?;

    println!(
        "fetched {} products concurrently with {} token fetch(es) from the vault",
        fetched.len(),
        tokens.inner().fetches.load(Ordering::SeqCst)
    );
    Ok(())
}
