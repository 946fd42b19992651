//! Request paths over HTTP: SKU segments decoded PHP-style, store scopes, unknown routes.

mod common;

use accs_sandbox::Sandbox;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn product_url(sandbox: &Sandbox, segment: &str) -> String {
    format!("{}/V1/products/{segment}", sandbox.base_url())
}

fn no_route() -> Value {
    json!({ "message": "Request does not match any route." })
}

#[tokio::test]
async fn sku_segments_are_decoded_once_with_plus_as_space() {
    let sandbox = sandbox(800).await;
    let token = token(&sandbox).await;
    // Product 776 is `BAH-SB+776`.
    let (status, body) = get(&product_url(&sandbox, "BAH-SB%2B776"), &token).await;
    assert_eq!((status, body["id"].clone()), (StatusCode::OK, json!(776)));
    let (status, _) = get(&product_url(&sandbox, "BAH-SB+776"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "a raw + is a space");
    let (status, _) = get(&product_url(&sandbox, "AB-97%252F6"), &token).await;
    assert_eq!(status, StatusCode::NOT_FOUND, "decoded once only");
    let (status, body) = get(&product_url(&sandbox, "AB-97/6"), &token).await;
    assert_eq!((status, body), (StatusCode::NOT_FOUND, no_route()), "a raw slash splits the path");

    let created = json!({ "product": { "sku": "BAH-SB 776", "name": "Spaced", "price": 1 } });
    let (status, _) =
        send_json(Method::POST, &format!("{}/V1/products", sandbox.base_url()), &token, &created)
            .await;
    assert_eq!(status, StatusCode::OK);
    let (_, body) = get(&product_url(&sandbox, "BAH-SB+776"), &token).await;
    assert_eq!(body["name"], "Spaced");

    for (segment, sku) in [
        ("ABCD%20%28194-B%29", "ABCD (194-B)"),
        ("ABCD%20(194-B)", "ABCD (194-B)"),
        ("A%23291", "A#291"),
        ("50%25OFF-388", "50%OFF-388"),
        ("A%3FB485", "A?B485"),
        ("%C3%84-582", "Ä-582"),
        ("sku%20with%20spaces%20679", "sku with spaces 679"),
        ("sku+with+spaces+679", "sku with spaces 679"),
    ] {
        let (status, body) = get(&product_url(&sandbox, segment), &token).await;
        assert_eq!((status, body["sku"].as_str()), (StatusCode::OK, Some(sku)), "{segment}");
    }

    let log = sandbox.request_log();
    let raw_plus =
        log.iter().find(|entry| entry.path.ends_with("/V1/products/BAH-SB+776")).unwrap();
    assert_eq!(raw_plus.sku.as_deref(), Some("BAH-SB 776"));
    let encoded =
        log.iter().find(|entry| entry.path.ends_with("/V1/products/BAH-SB%2B776")).unwrap();
    assert_eq!(encoded.sku.as_deref(), Some("BAH-SB+776"));
}

#[tokio::test]
async fn dot_segments_sent_as_percent_2e_reach_the_product() {
    let sandbox = sandbox(10).await;
    let token = token(&sandbox).await;
    let body = r#"{"product":{"name":"Dots","price":2}}"#;
    let tenant = sandbox.tenant().to_owned();
    let (status, saved) =
        raw_request(&sandbox, "PUT", &format!("/{tenant}/V1/products/%2E%2E"), &token, Some(body))
            .await;
    assert_eq!(status, 200, "{saved}");
    let saved: Value = serde_json::from_str(&saved).unwrap();
    assert_eq!(saved["sku"], "..");
    let (status, single) =
        raw_request(&sandbox, "PUT", "/rest/V1/products/%2E", &token, Some(body)).await;
    assert_eq!(status, 200, "{single}");
    let (status, got) =
        raw_request(&sandbox, "GET", &format!("/{tenant}/V1/products/%2e%2E"), &token, None).await;
    assert_eq!(status, 200);
    assert_eq!(serde_json::from_str::<Value>(&got).unwrap()["name"], "Dots");
    assert!(sandbox.product(".").is_some());
    let skus: Vec<_> = sandbox.request_log().into_iter().filter_map(|entry| entry.sku).collect();
    assert_eq!(skus, ["..", ".", ".."]);
}

#[tokio::test]
async fn store_scope_is_recorded_from_header_or_path() {
    let sandbox = sandbox(10).await;
    let token = token(&sandbox).await;
    let first = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();
    let saas = product_url(&sandbox, &encode(&first));
    client().get(&saas).bearer_auth(&token).header("Store", "all").send().await.unwrap();
    client().get(&saas).bearer_auth(&token).send().await.unwrap();
    let paas = sandbox.paas_base_url();
    for path in [
        "/rest/default/V1/products?searchCriteria=",
        "/rest/V1/products?searchCriteria=",
        "/rest/fr_fr/V1/products/x",
    ] {
        client().get(format!("{paas}{path}")).bearer_auth(&token).send().await.unwrap();
    }
    let stores: Vec<Option<String>> =
        sandbox.request_log().into_iter().skip(1).map(|entry| entry.store).collect();
    assert_eq!(
        stores,
        [Some("all".to_owned()), None, Some("default".to_owned()), None, Some("fr_fr".to_owned())]
    );
    let statuses: Vec<u16> = sandbox.request_log().into_iter().map(|entry| entry.status).collect();
    assert_eq!(statuses[1..], [200, 200, 200, 200, 404]);
}

#[tokio::test]
async fn unknown_routes_answer_no_route_even_under_tenant_rest() {
    let sandbox = sandbox(10).await;
    let token = token(&sandbox).await;
    let base = sandbox.base_url();
    let paas = sandbox.paas_base_url();
    for url in [
        format!("{base}/rest/V1/products?searchCriteria="),
        format!("{base}/V1/categories"),
        format!("{paas}/OtherTenant/V1/products?searchCriteria="),
        format!("{paas}/favicon.ico"),
    ] {
        assert_eq!(get(&url, &token).await, (StatusCode::NOT_FOUND, no_route()), "{url}");
    }
    let response =
        client().delete(format!("{base}/V1/products")).bearer_auth(&token).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
