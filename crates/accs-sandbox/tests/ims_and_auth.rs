//! The IMS token endpoint and bearer-token checks on catalog requests.

// The helpers outside `#[test]` functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use std::time::Duration;

use accs_sandbox::{FaultConfig, SandboxConfig};
use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

async fn ims_refusal(
    sandbox: &accs_sandbox::Sandbox,
    form: &[(&str, String)],
) -> (StatusCode, Value) {
    let response = client().post(sandbox.ims_token_url()).form(form).send().await.unwrap();
    (response.status(), response.json().await.unwrap())
}

fn without(form: &[(&'static str, String)], field: &str) -> Vec<(&'static str, String)> {
    form.iter().filter(|(key, _)| *key != field).cloned().collect()
}

fn with(
    form: &[(&'static str, String)],
    field: &'static str,
    value: &str,
) -> Vec<(&'static str, String)> {
    let mut form = without(form, field);
    form.push((field, value.to_owned()));
    form
}

#[tokio::test]
async fn token_request_answers_a_bearer_token_with_lifetime_in_seconds() {
    let sandbox = sandbox(10).await;
    let response =
        client().post(sandbox.ims_token_url()).form(&token_form(&sandbox)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["token_type"], "bearer");
    assert_eq!(body["expires_in"], 86_399);
    let token = body["access_token"].as_str().unwrap();
    assert!(token.len() > 100, "{token}");
    assert_ne!(token, common::token(&sandbox).await, "tokens are random");
    assert!(sandbox.org_id().ends_with("@AdobeOrg"));
}

#[tokio::test]
async fn ims_refuses_each_bad_request_with_an_oauth_error() {
    let sandbox = sandbox(10).await;
    let form = token_form(&sandbox);
    let cases = [
        (without(&form, "grant_type"), "invalid_request", "missing grant_type parameter"),
        (without(&form, "client_id"), "invalid_request", "missing client_id parameter"),
        (without(&form, "client_secret"), "invalid_request", "missing client_secret parameter"),
        (without(&form, "scope"), "invalid_request", "missing scope parameter"),
        (with(&form, "grant_type", "password"), "unsupported_grant_type", "unsupported grant_type"),
        (
            with(&form, "client_secret", "p8e-wrong"),
            "invalid_client",
            "invalid client_secret parameter",
        ),
        (
            with(&form, "client_id", "0123456789abcdef0123456789abcdef"),
            "invalid_client",
            "invalid client_id parameter",
        ),
        (
            with(&form, "scope", "openid,AdobeID"),
            "invalid_scope",
            "invalid scope, commerce.accs is required",
        ),
    ];
    for (form, error, description) in cases {
        let (status, body) = ims_refusal(&sandbox, &form).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{error}");
        assert_eq!(body, json!({ "error": error, "error_description": description }));
    }
    assert_eq!(sandbox.stats().tokens_minted, 0);
    assert_eq!(sandbox.stats().token_requests, 8);
}

#[tokio::test]
async fn ims_refuses_credentials_in_the_query_string_and_non_form_bodies() {
    let sandbox = sandbox(10).await;
    let url = format!("{}?client_id={}", sandbox.ims_token_url(), sandbox.client_id());
    let response = client().post(url).form(&token_form(&sandbox)).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");

    let fields: serde_json::Map<String, Value> = token_form(&sandbox)
        .into_iter()
        .map(|(key, value)| (key.to_owned(), Value::String(value)))
        .collect();
    let response = client().post(sandbox.ims_token_url()).json(&fields).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
}

#[tokio::test]
async fn faults_never_touch_ims() {
    let faults = FaultConfig { http_503_html: 1.0, ..FaultConfig::none() };
    let sandbox =
        sandbox_with(SandboxConfig { products: 10, faults, ..SandboxConfig::default() }).await;
    let token = token(&sandbox).await;
    assert!(!token.is_empty());
    assert_eq!(sandbox.stats().http_503, 0);
}

fn unauthorized_body() -> Value {
    json!({
        "message": "The consumer isn't authorized to access %resources.",
        "parameters": { "resources": "Magento_Catalog::products" },
    })
}

#[tokio::test]
async fn catalog_refuses_missing_and_unknown_tokens() {
    let sandbox = sandbox(10).await;
    let url = format!("{}/V1/products/MS-1?x", sandbox.base_url());
    let response = client().get(&url).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(response.json::<Value>().await.unwrap(), unauthorized_body());

    let (status, body) = get(&url, "not-a-token").await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, unauthorized_body()));
    let response = client().get(&url).basic_auth("user", Some("pass")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(sandbox.stats().unauthorized, 3);
}

#[tokio::test]
async fn tokens_expire_after_their_lifetime() {
    let config = SandboxConfig {
        products: 10,
        token_lifetime: Duration::from_secs(1),
        ..SandboxConfig::default()
    };
    let sandbox = sandbox_with(config).await;
    let response =
        client().post(sandbox.ims_token_url()).form(&token_form(&sandbox)).send().await.unwrap();
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["expires_in"], 1);
    let token = body["access_token"].as_str().unwrap();
    let query = Criteria::new().page(1, 1).build();

    assert_eq!(list(&sandbox, token, &query).await.0, StatusCode::OK);
    tokio::time::sleep(Duration::from_millis(1100)).await;
    let (status, body) = list(&sandbox, token, &query).await;
    assert_eq!((status, body), (StatusCode::UNAUTHORIZED, unauthorized_body()));
}

#[tokio::test]
async fn revoked_tokens_are_refused_and_new_ones_work() {
    let sandbox = sandbox(10).await;
    let old = token(&sandbox).await;
    let query = Criteria::new().page(1, 1).build();
    assert_eq!(list(&sandbox, &old, &query).await.0, StatusCode::OK);

    sandbox.revoke_tokens();
    assert_eq!(list(&sandbox, &old, &query).await.0, StatusCode::UNAUTHORIZED);
    let new = token(&sandbox).await;
    assert_eq!(list(&sandbox, &new, &query).await.0, StatusCode::OK);
    let issued = sandbox.issue_token();
    assert_eq!(list(&sandbox, &issued, &query).await.0, StatusCode::OK);
}

#[tokio::test]
async fn tokens_are_revoked_once_after_the_configured_number_of_requests() {
    let faults = FaultConfig { revoke_tokens_after: Some(2), ..FaultConfig::none() };
    let sandbox =
        sandbox_with(SandboxConfig { products: 10, faults, ..SandboxConfig::default() }).await;
    let first = token(&sandbox).await;
    let query = Criteria::new().page(1, 1).build();
    assert_eq!(list(&sandbox, &first, &query).await.0, StatusCode::OK);
    assert_eq!(list(&sandbox, &first, &query).await.0, StatusCode::OK);
    assert_eq!(list(&sandbox, &first, &query).await.0, StatusCode::UNAUTHORIZED);
    let second = token(&sandbox).await;
    for _ in 0..3 {
        assert_eq!(list(&sandbox, &second, &query).await.0, StatusCode::OK);
    }
}
