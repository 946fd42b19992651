//! With every `tracing` event at TRACE captured, an export under faults, a refused IMS
//! exchange and a 401 recovery leave the client secret and every token issued out of the
//! logs and out of every error's `Display` and `Debug`.

#![allow(clippy::unwrap_used)]

use std::sync::Arc;

use accs_auth::{CachedTokenProvider, StaticTokenProvider};
use accs_catalog::{Products, StreamOptions};
use accs_reliability::{Harness, LogCapture, fast_retry_policy, ims_provider};
use accs_sandbox::{FaultConfig, SandboxConfig};
use accs_transport::{Client, Error, Flavor};
use futures::TryStreamExt;
use serde_json::Value;

/// Shaped like the sandbox's real secret, so only the value differs.
const WRONG_SECRET: &str = "p8e-WRONG-secret-0123456789abcdef0123";

fn faults() -> FaultConfig {
    FaultConfig {
        seed: 3,
        http_503_html: 0.10,
        http_500: 0.05,
        drop_connection: 0.05,
        revoke_tokens_after: Some(4),
        ..FaultConfig::none()
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_secret_or_token_shows_in_trace_logs_or_errors() {
    // Worker threads see only a global subscriber; this binary holds this one test.
    let logs = LogCapture::global().expect("no other global subscriber in this test binary");
    let config = SandboxConfig { products: 2_000, faults: faults(), ..SandboxConfig::default() };
    let harness = Harness::start(config).await.unwrap();
    let sandbox = &harness.sandbox;
    let sku = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();
    let mut shown: Vec<String> = Vec::new();

    // An export through faults and a revocation: retries, a 401 and a refresh.
    let options = StreamOptions::new().page_size(100).unwrap();
    let exported: Vec<Value> = harness.products().stream_raw(options).try_collect().await.unwrap();
    assert_eq!(exported.len(), 2_000);
    assert!(harness.client.stats().token_refreshes >= 1 && harness.client.stats().retries >= 1);
    sandbox.set_faults(FaultConfig::none());

    // A refused IMS exchange: the wrong secret.
    let wrong = CachedTokenProvider::new(ims_provider(sandbox, WRONG_SECRET).unwrap());
    let wrong = Client::builder(sandbox.base_url(), Arc::new(wrong))
        .flavor(Flavor::Saas)
        .retry_policy(fast_retry_policy())
        .build()
        .unwrap();
    let refused = Products::new(wrong.clone()).get(&sku).await.unwrap_err();
    assert!(refused.to_string().contains("invalid_client"), "{refused}");
    shown.extend([refused.to_string(), format!("{refused:?}"), format!("{wrong:?}")]);

    // A 401 recovered: every token revoked, the next call refreshes and replays.
    let tokens_before = harness.issued_secrets().len();
    sandbox.revoke_tokens();
    assert_eq!(harness.products().get(&sku).await.unwrap().sku, sku);
    assert_eq!(harness.issued_secrets().len(), tokens_before + 1);

    // A 401 not recovered: a fixed token that was revoked has nothing to refresh.
    let revoked = StaticTokenProvider::new(harness.issued_secrets()[0].clone());
    let stale = Client::builder(sandbox.base_url(), Arc::new(revoked))
        .flavor(Flavor::Saas)
        .build()
        .unwrap();
    let unauthorized = Products::new(stale.clone()).get(&sku).await.unwrap_err();
    assert!(unauthorized.status() == Some(401), "{unauthorized:?}");
    shown.extend([unauthorized.to_string(), format!("{unauthorized:?}"), format!("{stale:?}")]);

    // An export that fails: the error that ends the stream.
    sandbox.set_faults(FaultConfig { http_503_html: 1.0, ..FaultConfig::none() });
    let failed = harness.products().stream_raw(StreamOptions::new()).try_collect::<Vec<Value>>();
    let failed = failed.await.unwrap_err();
    assert!(matches!(&failed, accs_catalog::CatalogError::Transport(Error::NonJson { .. })));
    shown.extend([failed.to_string(), format!("{failed:?}")]);
    shown.extend([format!("{:?}", harness.client), format!("{:?}", harness.tokens)]);

    let text = logs.text();
    // The capture saw the run at every level, so finding nothing means something.
    for expected in [
        "minted IMS token",
        "token rejected; refreshing it and replaying once",
        "retrying",
        "invalid_client",
        "accs_request",
        "TRACE",
    ] {
        assert!(text.contains(expected), "{expected:?} not in the captured logs");
    }

    let issued = harness.issued_secrets();
    assert_eq!(issued.len() as u64, sandbox.stats().tokens_minted);
    let mut secrets = vec![sandbox.client_secret().to_owned(), WRONG_SECRET.to_owned()];
    secrets.extend(issued);
    for secret in &secrets {
        assert!(!text.contains(secret.as_str()), "a secret is in the logs");
        for shown in &shown {
            assert!(!shown.contains(secret.as_str()), "a secret is in {shown}");
        }
    }
    eprintln!(
        "secrets: {} bytes of TRACE logs and {} error and Debug texts hold none of {} secrets",
        text.len(),
        shown.len(),
        secrets.len()
    );
}

/// An answer quoting what the client sent (a gateway's error page, a debug echo) must not
/// carry the credentials on into errors and logs.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn credentials_a_server_echoes_are_not_repeated_in_errors_or_logs() {
    const SECRET: &str = "p8e-ECHOED-secret-00112233445566778899";
    const TOKEN: &str = "eyJECHOED-token-aabbccddeeff00112233445566778899";
    let logs = LogCapture::global().expect("no other global subscriber in this test binary");
    let server = httpmock::MockServer::start_async().await;
    let echo_form = format!(
        "<html><body><h1>400 Bad Request</h1><pre>grant_type=client_credentials&amp;\
         client_id=client&amp;client_secret={SECRET}&amp;scope=openid</pre></body></html>"
    );
    server
        .mock_async(|when, then| {
            when.path("/ims/token/v3");
            then.status(400).header("content-type", "text/html").body(&echo_form);
        })
        .await;
    let echo_header = format!("<html><pre>GET /V1/products/A\nAuthorization: Bearer {TOKEN}</pre>");
    for (path, status, body) in [
        ("/V1/products/html", 502, echo_header.clone()),
        (
            "/V1/products/json",
            400,
            format!(r#"{{"message":"Bad token %1","parameters":["{TOKEN}"]}}"#),
        ),
        ("/V1/products/shape", 200, format!(r#"{{"echo":{{"authorization":"Bearer {TOKEN}"}}}}"#)),
        ("/V1/products/denied", 401, format!(r#"{{"message":"Token {TOKEN} refused"}}"#)),
        ("/V1/products/deleted", 200, format!(r#"{{"deleted":"with Bearer {TOKEN}"}}"#)),
    ] {
        server
            .mock_async(|when, then| {
                when.path(path);
                then.status(status).header("content-type", "text/html").body(body);
            })
            .await;
    }

    let credentials = accs_auth::ImsCredentials::new("client", SECRET)
        .unwrap()
        .with_token_url(&server.url("/ims/token/v3"))
        .unwrap();
    let ims = accs_auth::ImsTokenProvider::builder(credentials).build().unwrap();
    let refused = accs_auth::TokenProvider::token(&CachedTokenProvider::new(ims)).await;
    let refused = refused.unwrap_err();
    let mut shown = vec![refused.to_string(), format!("{refused:?}")];

    let api = Client::builder(&server.base_url(), Arc::new(StaticTokenProvider::new(TOKEN)))
        .flavor(Flavor::Saas)
        .retry_policy(accs_transport::RetryPolicy::none())
        .build()
        .unwrap();
    let products = Products::new(api);
    for sku in ["html", "json", "shape", "denied"] {
        let err = products.get(sku).await.unwrap_err();
        shown.extend([err.to_string(), format!("{err:?}")]);
    }
    let err = products.delete("deleted").await.unwrap_err();
    shown.extend([err.to_string(), format!("{err:?}")]);

    let text = logs.text();
    assert!(text.contains("token refresh failed"), "the refusal was not logged");
    let lines = text.lines().map(str::to_owned);
    let leaks: Vec<String> = shown
        .into_iter()
        .chain(lines)
        .filter(|s| s.contains(SECRET) || s.contains(TOKEN))
        .collect();
    assert!(leaks.is_empty(), "echoed credentials repeated:\n{}", leaks.join("\n"));
}
