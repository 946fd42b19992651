//! Answers turned into errors: Commerce bodies, HTML, empty and malformed bodies, 401 recovery.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use accs_auth::{CachedTokenProvider, ImsCredentials, ImsTokenProvider};
use accs_transport::{Client, Error, Flavor};
use common::client;
use httpmock::prelude::*;
use serde_json::{Value, json};

async fn answer(status: u16, content_type: &str, body: &str) -> Result<Value, Error> {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET);
            then.status(status).header("content-type", content_type).body(body);
        })
        .await;
    let client =
        Client::builder(&server.base_url(), Arc::new(accs_auth::StaticTokenProvider::new("t")))
            .flavor(Flavor::Paas)
            .retry_policy(accs_transport::RetryPolicy::none())
            .max_response_bytes(1024 * 1024)
            .build()
            .unwrap();
    client.get(&["products", "X"]).send_value().await
}

#[tokio::test]
async fn a_commerce_404_is_not_found_but_an_html_404_is_an_http_error() {
    let not_found = r#"{"message":"The product that was requested doesn't exist. Verify the product and try again."}"#;
    let err = answer(404, "application/json", not_found).await.unwrap_err();
    assert!(err.is_not_found());
    assert!(err.to_string().starts_with("not found (HTTP 404): The product"), "{err}");

    let err = answer(404, "text/html", "<html><h1>Not Found</h1></html>").await.unwrap_err();
    assert!(!err.is_not_found());
    assert!(
        matches!(&err, Error::NonJson { status: 404, excerpt, .. } if excerpt.contains("Not Found"))
    );
}

#[tokio::test]
async fn validation_errors_keep_template_parameters_and_details() {
    let body = json!({"message": "One or more input exceptions have occurred.",
        "errors": [
            {"message": "%fieldName is a required field.", "parameters": {"fieldName": "name"}},
            {"message": "%fieldName is a required field.", "parameters": {"fieldName": "price"}}],
        "trace": "#0 secret/path.php"});
    let err = answer(400, "application/json", &body.to_string()).await.unwrap_err();
    let message = err.commerce_message().unwrap();
    assert_eq!(err.status(), Some(400));
    assert_eq!(message.errors.len(), 2);
    assert_eq!(message.errors[1].template, "%fieldName is a required field.");
    assert_eq!(message.errors[1].parameters, Some(json!({"fieldName": "price"})));
    assert_eq!(
        err.to_string(),
        "request refused (HTTP 400): One or more input exceptions have occurred.: \
         name is a required field.; price is a required field."
    );
    assert!(!err.to_string().contains("secret/path.php"));
}

#[tokio::test]
async fn html_empty_truncated_wrong_shape_and_huge_bodies_each_have_their_error() {
    let html = "<html><body>Backend fetch failed</body></html>";
    let err = answer(503, "text/html", html).await.unwrap_err();
    assert!(matches!(&err, Error::NonJson { status: 503, .. }), "{err:?}");
    assert!(err.to_string().contains("503") && err.to_string().contains("Backend fetch failed"));

    let err = answer(200, "text/html", html).await.unwrap_err();
    assert!(matches!(err, Error::NonJson { status: 200, .. }), "{err:?}");

    let err = answer(200, "application/json", "").await.unwrap_err();
    assert!(matches!(err, Error::EmptyBody { status: 200 }), "{err:?}");
    assert_eq!(err.to_string(), "HTTP 200 with an empty body");

    let err = answer(200, "application/json", r#"{"items":[{"sku":"A"#).await.unwrap_err();
    assert!(matches!(err, Error::Decode { status: 200, .. }), "{err:?}");

    let huge = format!("[{}1]", "1,".repeat(600_000));
    let err = answer(200, "application/json", &huge).await.unwrap_err();
    assert!(matches!(err, Error::BodyTooLarge { status: 200, .. }), "{err:?}");

    let err = answer(500, "application/json", "").await.unwrap_err();
    assert!(matches!(err, Error::EmptyBody { status: 500 }), "{err:?}");
}

#[tokio::test]
async fn a_2xx_of_the_wrong_shape_is_a_decode_error_naming_the_type() {
    #[derive(Debug, serde::Deserialize)]
    #[allow(dead_code)]
    struct Page {
        total_count: u64,
    }
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET);
            then.status(200).json_body(json!({"items": []}));
        })
        .await;
    let err = client(&server.base_url(), Flavor::Paas).get(&["products"]).send::<Page>().await;
    let err = err.unwrap_err();
    assert!(matches!(&err, Error::Decode { what, .. } if what == "Page"), "{err:?}");
    assert!(err.to_string().contains("total_count"), "{err}");
}

async fn ims_with_two_tokens(ims: &MockServer) {
    for token in ["first-token", "second-token"] {
        let mock = ims
            .mock_async(|when, then| {
                when.method(POST).path("/ims/token/v3");
                then.status(200).json_body(
                    json!({"access_token": token, "token_type": "bearer", "expires_in": 3600}),
                );
            })
            .await;
        mock.up_to_n_times_async(1).await;
    }
}

fn cached_ims(ims: &MockServer) -> Arc<CachedTokenProvider<ImsTokenProvider>> {
    let credentials = ImsCredentials::new("id", "secret")
        .unwrap()
        .with_token_url(&ims.url("/ims/token/v3"))
        .unwrap();
    Arc::new(CachedTokenProvider::new(ImsTokenProvider::builder(credentials).build().unwrap()))
}

#[tokio::test]
async fn a_rejected_token_is_refreshed_once_and_the_request_replayed() {
    for rejection in [
        r#"{"message":"The consumer isn't authorized to access %resources.","parameters":{"resources":"Magento_Catalog::products"}}"#,
        "<html><body>401 Unauthorized</body></html>",
    ] {
        let ims = MockServer::start_async().await;
        ims_with_two_tokens(&ims).await;
        let api = MockServer::start_async().await;
        let rejected = api
            .mock_async(|when, then| {
                when.method(GET).header("authorization", "Bearer first-token");
                then.status(401).body(rejection);
            })
            .await;
        let accepted = api
            .mock_async(|when, then| {
                when.method(GET).header("authorization", "Bearer second-token");
                then.status(200).json_body(json!({"ok": true}));
            })
            .await;
        let client = common::client_with(&api.base_url(), Flavor::Paas, cached_ims(&ims));

        let value = client.get(&["products", "A"]).send_value().await.unwrap();

        assert_eq!(value, json!({"ok": true}));
        rejected.assert_calls_async(1).await;
        accepted.assert_calls_async(1).await;
        assert_eq!(client.stats().token_refreshes, 1);
    }
}

#[tokio::test]
async fn a_second_401_is_an_unauthorized_error() {
    let ims = MockServer::start_async().await;
    ims_with_two_tokens(&ims).await;
    let api = MockServer::start_async().await;
    let rejected = api
        .mock_async(|when, then| {
            when.method(GET);
            then.status(401).json_body(json!({"message":
                "The consumer isn't authorized to access %resources.",
                "parameters": {"resources": "Magento_Catalog::products"}}));
        })
        .await;
    let client = common::client_with(&api.base_url(), Flavor::Paas, cached_ims(&ims));

    let err = client.get(&["products", "A"]).send_value().await.unwrap_err();

    rejected.assert_calls_async(2).await;
    assert!(matches!(err, Error::Unauthorized { .. }), "{err:?}");
    assert_eq!(
        err.to_string(),
        "unauthorized (HTTP 401): The consumer isn't authorized to access Magento_Catalog::products."
    );
}
