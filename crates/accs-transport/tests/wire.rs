//! What goes over the wire: paths per flavour and store, SKU encoding, headers.

#![allow(clippy::unwrap_used)]

mod common;

use std::sync::Arc;

use accs_auth::StaticTokenProvider;
use accs_transport::{Client, Error, Flavor, StoreScope};
use common::{WireRecorder, client};

#[tokio::test]
async fn every_sku_of_the_c02_matrix_reaches_the_server_as_one_segment() {
    let server = WireRecorder::start().await;
    let client = client(&format!("{}/TENANT", server.base_url), Flavor::Saas);
    let matrix = [
        ("AB-100/6", "AB-100%2F6"),
        ("BAH-SB+7", "BAH-SB%2B7"),
        ("ABCD (20-B)", "ABCD%20%2820-B%29"),
        ("A#1", "A%231"),
        ("50%OFF", "50%25OFF"),
        ("A?B", "A%3FB"),
        ("Ä-1", "%C3%84-1"),
        ("a..b", "a..b"),
        ("...", "..."),
    ];
    for (sku, _) in matrix {
        let _: bool = client.get(&["products", sku]).send().await.unwrap();
        let _: bool =
            client.put(&["products", sku]).json(&serde_json::json!({})).send().await.unwrap();
        let _: bool = client.delete(&["products", sku]).send().await.unwrap();
    }

    let seen = server.requests();
    assert_eq!(seen.len(), matrix.len() * 3);
    for (index, (sku, segment)) in matrix.iter().enumerate() {
        for request in &seen[index * 3..index * 3 + 3] {
            assert_eq!(request.target, format!("/TENANT/V1/products/{segment}"), "{sku}");
        }
        assert_eq!(
            seen[index * 3 + 1].body,
            b"{}".to_vec(),
            "the body of a PUT is what the caller gave"
        );
    }
}

#[tokio::test]
async fn dot_and_empty_segments_are_refused_before_any_request() {
    let server = WireRecorder::start().await;
    let client = client(&server.base_url, Flavor::Paas);
    for sku in [".", "..", ""] {
        let err = client.get(&["products", sku]).send_value().await.unwrap_err();
        assert!(matches!(err, Error::InvalidInput(_)), "{sku:?}: {err}");
        assert!(!err.to_string().is_empty());
    }
    assert!(server.requests().is_empty());
}

#[tokio::test]
async fn saas_sends_the_store_as_a_header_and_paas_in_the_path() {
    let server = WireRecorder::start().await;
    let tokens = Arc::new(StaticTokenProvider::new("tok-123"));
    let saas = Client::builder(&format!("{}/T1", server.base_url), tokens.clone())
        .flavor(Flavor::Saas)
        .api_key("client-id")
        .org_id("ORG@AdobeOrg")
        .build()
        .unwrap();
    let paas = Client::builder(&server.base_url, tokens).flavor(Flavor::Paas).build().unwrap();
    let de = StoreScope::new("de").unwrap();

    let _: bool = saas.get(&["products"]).query("a", "b").send().await.unwrap();
    let _: bool = saas.with_store(Some(StoreScope::all())).get(&["products"]).send().await.unwrap();
    let _: bool = saas.get(&["products"]).store(de.clone()).send().await.unwrap();
    let _: bool = paas.get(&["products"]).send().await.unwrap();
    let _: bool = paas.with_store(Some(StoreScope::all())).get(&["products"]).send().await.unwrap();
    let _: bool = paas.put(&["products", "X"]).store(de).json(&1).send().await.unwrap();

    let seen = server.requests();
    let targets: Vec<_> = seen.iter().map(|s| s.target.as_str()).collect();
    assert_eq!(
        targets,
        [
            "/T1/V1/products?a=b",
            "/T1/V1/products",
            "/T1/V1/products",
            "/rest/V1/products",
            "/rest/all/V1/products",
            "/rest/de/V1/products/X",
        ]
    );
    let stores: Vec<_> = seen.iter().map(|s| s.header("store")).collect();
    assert_eq!(stores, [None, Some("all"), Some("de"), None, None, None]);

    let first = &seen[0];
    assert_eq!(first.header("authorization"), Some("Bearer tok-123"));
    assert_eq!(first.header("accept"), Some("application/json"));
    assert_eq!(first.header("x-api-key"), Some("client-id"));
    assert_eq!(first.header("x-gw-ims-org-id"), Some("ORG@AdobeOrg"));
    assert!(first.header("user-agent").unwrap().starts_with("accs-transport/"));
    assert_eq!(first.header("content-type"), None);
    assert_eq!(seen[5].header("content-type"), Some("application/json"));
    assert_eq!(seen[5].header("x-api-key"), None);
}

#[tokio::test]
async fn one_update_in_three_scopes_is_three_different_requests_c12() {
    let server = WireRecorder::start().await;
    let tokens = Arc::new(StaticTokenProvider::new("tok"));
    let saas = Client::builder(&format!("{}/T1", server.base_url), tokens.clone())
        .flavor(Flavor::Saas)
        .build()
        .unwrap();
    let paas = Client::builder(&server.base_url, tokens).flavor(Flavor::Paas).build().unwrap();
    let scopes = [None, Some(StoreScope::new("default").unwrap()), Some(StoreScope::all())];
    let body = serde_json::json!({"product": {"sku": "A-1", "price": 5}});

    for client in [&saas, &paas] {
        for scope in &scopes {
            let request = client.with_store(scope.clone()).put(&["products", "A-1"]).json(&body);
            let _: bool = request.send().await.unwrap();
        }
    }

    let seen = server.requests();
    let wire: Vec<(&str, &str, Option<&str>)> =
        seen.iter().map(|s| (s.method.as_str(), s.target.as_str(), s.header("store"))).collect();
    assert_eq!(
        wire,
        [
            ("PUT", "/T1/V1/products/A-1", None),
            ("PUT", "/T1/V1/products/A-1", Some("default")),
            ("PUT", "/T1/V1/products/A-1", Some("all")),
            ("PUT", "/rest/V1/products/A-1", None),
            ("PUT", "/rest/default/V1/products/A-1", None),
            ("PUT", "/rest/all/V1/products/A-1", None),
        ]
    );
    for request in &seen {
        assert_eq!(serde_json::from_slice::<serde_json::Value>(&request.body).unwrap(), body);
        assert_eq!(request.header("content-type"), Some("application/json"));
    }
}

#[tokio::test]
async fn query_values_are_form_encoded_exactly_once() {
    let server = WireRecorder::start().await;
    let client = client(&server.base_url, Flavor::Paas);
    let key = "searchCriteria[filter_groups][0][filters][0][value]";
    let _: bool = client.get(&["products"]).query(key, "%adapter% a+b").send().await.unwrap();

    let target = &server.requests()[0].target;
    assert_eq!(target.matches("%25adapter%25").count(), 1, "{target}");
    let query = target.split_once('?').unwrap().1;
    let pairs: Vec<(String, String)> = url::form_urlencoded::parse(query.as_bytes())
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect();
    assert_eq!(pairs, [(key.to_owned(), "%adapter% a+b".to_owned())]);
}

#[test]
fn bad_base_urls_are_refused_with_a_clear_error() {
    let tokens = Arc::new(StaticTokenProvider::new("t"));
    for (base, flavor, needle) in [
        ("http://shop.example.com", Flavor::Paas, "https"),
        ("https://na1.api.commerce.adobe.com/T/rest", Flavor::Saas, "/rest"),
        ("https://shop.example.com/rest/V1", Flavor::Paas, "/V1"),
        ("not a url", Flavor::Paas, "invalid base URL"),
    ] {
        let err = Client::builder(base, tokens.clone()).flavor(flavor).build().unwrap_err();
        assert!(matches!(err, Error::Config(_)), "{base}: {err:?}");
        assert!(err.to_string().contains(needle), "{base}: {err}");
    }
}

#[test]
fn configuration_from_variables() {
    let vars = |pairs: &'static [(&'static str, &'static str)]| {
        move |name: &str| pairs.iter().find(|(k, _)| *k == name).map(|(_, v)| (*v).to_owned())
    };
    let err = Client::from_lookup(vars(&[])).unwrap_err();
    assert!(err.to_string().contains("API_ENDPOINT"), "{err}");

    let err = Client::from_lookup(vars(&[("API_ENDPOINT", "https://x.example.com")])).unwrap_err();
    assert!(err.to_string().contains("IMS_CLIENT_ID"), "{err}");

    let client = Client::from_lookup(vars(&[
        ("API_ENDPOINT", "https://na1.api.commerce.adobe.com/T"),
        ("ACCS_ACCESS_TOKEN", "t"),
        ("ACCS_STORE", "default"),
    ]))
    .unwrap();
    assert_eq!(client.flavor(), Flavor::Saas);
    assert_eq!(client.store().map(StoreScope::as_str), Some("default"));

    let err = Client::from_lookup(vars(&[
        ("API_ENDPOINT", "https://x.example.com"),
        ("ACCS_ACCESS_TOKEN", "t"),
        ("ACCS_FLAVOR", "cloud"),
    ]))
    .unwrap_err();
    assert!(err.to_string().contains("cloud"), "{err}");

    let client = Client::from_lookup(vars(&[
        ("API_ENDPOINT", "http://127.0.0.1:1/T"),
        ("IMS_CLIENT_ID", "id"),
        ("IMS_CLIENT_SECRET", "s"),
        ("IMS_ORG_ID", "O@AdobeOrg"),
        ("ACCS_FLAVOR", "saas"),
    ]))
    .unwrap();
    assert_eq!(client.flavor(), Flavor::Saas);
}
