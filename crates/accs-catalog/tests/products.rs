//! `Products` over real HTTP: SKUs on the wire, not-found mapping, bodies, store scope.

#![allow(clippy::unwrap_used)]

mod support;

use accs_catalog::{CatalogError, Condition, Filter, Product, SearchCriteria};
use accs_sandbox::FaultConfig;
use accs_transport::StoreScope;
use httpmock::prelude::*;
use serde_json::json;
use support::{mock_products, sandbox, sandbox_products};

fn new_product(sku: &str) -> Product {
    let mut product = Product::new(sku);
    product.name = Some(format!("Product {sku}"));
    product.price = Some(10.into());
    product
}

#[tokio::test]
async fn skus_reach_the_server_as_one_segment_encoded_once_c01_c02() {
    let sandbox = sandbox(3, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let matrix = [
        ("AB-100/6", "AB-100%2F6"),
        ("BAH-SB+7", "BAH-SB%2B7"),
        ("ABCD (20-B)", "ABCD%20%2820-B%29"),
        ("A#1", "A%231"),
        ("50%OFF", "50%25OFF"),
        ("A?B", "A%3FB"),
        ("Ä-1", "%C3%84-1"),
        ("...", "..."),
    ];
    for (sku, segment) in matrix {
        let saved = products.upsert(&new_product(sku)).await.unwrap();
        assert_eq!(saved.sku, sku);
        assert_eq!(products.get(sku).await.unwrap().sku, sku);
        assert_eq!(products.get_raw(sku).await.unwrap()["sku"], json!(sku));
        products.delete(sku).await.unwrap();
        assert!(products.get(sku).await.unwrap_err().is_not_found(), "{sku}");

        let expected = format!("/{}/V1/products/{segment}", sandbox.tenant());
        let log = sandbox.request_log();
        let sent: Vec<_> = log.iter().rev().take(5).collect();
        for request in sent {
            assert_eq!(request.path, expected, "{} {sku}", request.method);
            assert_eq!(request.sku.as_deref(), Some(sku));
        }
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn dot_skus_are_read_by_search_and_refused_for_writes() {
    let sandbox = sandbox(3, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    for sku in [".", ".."] {
        assert!(products.get(sku).await.unwrap_err().is_not_found());
        products.create(&new_product(sku)).await.unwrap();
        assert_eq!(products.get(sku).await.unwrap().sku, sku);
        assert_eq!(products.get_raw(sku).await.unwrap()["sku"], json!(sku));
        for err in [
            products.upsert(&new_product(sku)).await.unwrap_err(),
            products.delete(sku).await.unwrap_err(),
        ] {
            assert!(matches!(err, CatalogError::InvalidSku { .. }), "{err}");
        }
    }
    assert!(sandbox.request_log().iter().all(|request| request.method != "DELETE"));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn empty_skus_are_refused_before_any_request() {
    let server = MockServer::start_async().await;
    let products = mock_products(&server.base_url());
    for sku in ["", " ", "\t\n"] {
        let errors = [
            products.get(sku).await.unwrap_err(),
            products.get_raw(sku).await.unwrap_err(),
            products.delete(sku).await.unwrap_err(),
            products.upsert(&Product::new(sku)).await.unwrap_err(),
            products.create(&Product::new(sku)).await.unwrap_err(),
        ];
        for err in errors {
            assert!(matches!(err, CatalogError::InvalidSku { .. }), "{err}");
            assert!(err.to_string().contains("empty"), "{err}");
        }
    }
    assert_eq!(products.client().stats().requests, 0);
}

#[tokio::test]
async fn an_html_404_or_a_route_miss_is_an_http_error_not_a_missing_product() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path_matches(r"^/V1/products/AB-100%2F6$");
            then.status(404).header("content-type", "text/html").body("<html>Not Found</html>");
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products/route-miss");
            then.status(404).json_body(json!({"message": "Request does not match any route."}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products/gone");
            then.status(404).json_body(json!({"message":
                "The product that was requested doesn't exist. Verify the product and try again."}));
        })
        .await;
    let products = mock_products(&server.base_url());

    let err = products.get("AB-100/6").await.unwrap_err();
    assert!(matches!(err, CatalogError::Transport(_)) && !err.is_not_found(), "{err}");
    assert_eq!(err.status(), Some(404));
    assert!(err.to_string().contains("404"), "{err}");
    let err = products.get("route-miss").await.unwrap_err();
    assert!(!err.is_not_found(), "{err}");
    let err = products.get("gone").await.unwrap_err();
    assert!(matches!(&err, CatalogError::NotFound { sku } if sku == "gone"), "{err}");
}

#[tokio::test]
async fn create_posts_the_product_with_save_options_and_upsert_puts_it() {
    let server = MockServer::start_async().await;
    let product = json!({"sku": "AB-100/6", "name": "Adapter", "price": 10, "future_field": [1],
                         "custom_attributes": [{"attribute_code": "special_price",
                                                "value": "1500.0000"}]});
    let create = server
        .mock_async(|when, then| {
            when.method(POST)
                .path("/V1/products")
                .header("content-type", "application/json")
                .json_body(json!({"product": product.clone(), "saveOptions": true}));
            then.status(200).json_body(json!({"id": 7, "sku": "AB-100/6"}));
        })
        .await;
    let upsert = server
        .mock_async(|when, then| {
            when.method(PUT)
                .path_matches(r"^/V1/products/AB-100%2F6$")
                .json_body(json!({"product": product.clone()}));
            then.status(200).json_body(json!({"id": 7, "sku": "AB-100/6", "price": 12}));
        })
        .await;
    let products = mock_products(&server.base_url());
    let typed = Product::from_value(product.clone()).unwrap();

    assert_eq!(products.create(&typed).await.unwrap().id, Some(7));
    assert_eq!(products.upsert(&typed).await.unwrap().price, Some(12.into()));
    create.assert_calls_async(1).await;
    upsert.assert_calls_async(1).await;
}

#[tokio::test]
async fn delete_expects_true() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(DELETE).path_matches(r"^/V1/products/odd$");
            then.status(200).json_body(json!(false));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(DELETE).path_matches(r"^/V1/products/A%2BB$");
            then.status(200).json_body(json!(true));
        })
        .await;
    let products = mock_products(&server.base_url());
    products.delete("A+B").await.unwrap();
    let err = products.delete("odd").await.unwrap_err();
    assert!(matches!(err, CatalogError::UnexpectedResponse { .. }), "{err}");
}

#[tokio::test]
async fn like_values_are_percent_encoded_exactly_once_c05() {
    let sandbox = sandbox(20, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let criteria =
        SearchCriteria::new().filter(Filter::new("name", Condition::Like, "%adapter%").unwrap());
    products.list(&criteria).await.unwrap();

    let query = sandbox.request_log().pop().unwrap().query.unwrap();
    assert_eq!(query.matches("%25adapter%25").count(), 1, "{query}");
    assert!(!query.contains("%2525"), "{query}");
    let decoded: Vec<(String, String)> = url_decode_pairs(&query);
    assert!(decoded.contains(&(
        "searchCriteria[filter_groups][0][filters][0][value]".to_owned(),
        "%adapter%".to_owned()
    )));
    sandbox.shutdown().await;
}

#[tokio::test]
async fn every_list_request_carries_page_size_and_current_page_c06() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param("searchCriteria[pageSize]", "20")
                .query_param("searchCriteria[currentPage]", "1");
            then.status(200).json_body(json!({"items": [{"sku": "A", "price": 10}],
                "search_criteria": {"filter_groups": []}, "total_count": 1}));
        })
        .await;
    let products = mock_products(&server.base_url());
    let page = products.list(&SearchCriteria::new()).await.unwrap();
    assert_eq!((page.items.len(), page.total_count), (1, 1));
    assert_eq!(page.items[0].price, Some(10.into()));
    let raw = products.list_raw(&SearchCriteria::new()).await.unwrap();
    assert_eq!(raw["items"][0], json!({"sku": "A", "price": 10}));
    list.assert_calls_async(2).await;
}

#[tokio::test]
async fn the_required_criteria_error_renders_its_field_name_c06() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products");
            then.status(400).json_body(json!({
                "message": "\"%fieldName\" is required. Enter and try again.",
                "parameters": {"fieldName": "searchCriteria"}}));
        })
        .await;
    let err = mock_products(&server.base_url()).list(&SearchCriteria::new()).await.unwrap_err();
    assert!(err.to_string().contains("\"searchCriteria\" is required. Enter and try again."));
    assert_eq!(err.status(), Some(400));
}

#[tokio::test]
async fn store_scope_is_sent_per_products_handle() {
    let sandbox = sandbox(3, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let sku = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();

    products.get(&sku).await.unwrap();
    let german = products.with_store(StoreScope::new("de").unwrap());
    german.get(&sku).await.unwrap();
    german.list(&SearchCriteria::new()).await.unwrap();
    products.with_store(StoreScope::all()).upsert(&new_product(&sku)).await.unwrap();
    assert_eq!(german.store().map(StoreScope::as_str), Some("de"));
    assert_eq!(products.store(), None);

    let stores: Vec<_> = sandbox.request_log().into_iter().map(|r| r.store).collect();
    let expected = [None, Some("de".to_owned()), Some("de".to_owned()), Some("all".to_owned())];
    assert_eq!(stores, expected);
    sandbox.shutdown().await;
}

/// Form-decodes a query string, as PHP does before Magento reads it.
#[tokio::test]
async fn on_paas_the_store_is_a_path_segment() {
    let sandbox = sandbox(3, FaultConfig::none()).await;
    let tokens = std::sync::Arc::new(accs_auth::StaticTokenProvider::new(sandbox.issue_token()));
    let client = accs_transport::Client::builder(&sandbox.paas_base_url(), tokens)
        .flavor(accs_transport::Flavor::Paas)
        .build()
        .unwrap();
    let products = accs_catalog::Products::new(client).with_store(StoreScope::new("de").unwrap());
    products.upsert(&new_product("AB-100/6")).await.unwrap();

    let request = sandbox.request_log().pop().unwrap();
    assert_eq!(request.path, "/rest/de/V1/products/AB-100%2F6");
    assert_eq!(request.store.as_deref(), Some("de"));
    sandbox.shutdown().await;
}

fn url_decode_pairs(query: &str) -> Vec<(String, String)> {
    let decode = |text: &str| {
        let bytes = text.as_bytes();
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'+' => out.push(b' '),
                b'%' => {
                    let hex = std::str::from_utf8(&bytes[i + 1..i + 3]).unwrap();
                    out.push(u8::from_str_radix(hex, 16).unwrap());
                    i += 2;
                }
                byte => out.push(byte),
            }
            i += 1;
        }
        String::from_utf8(out).unwrap()
    };
    query
        .split('&')
        .map(|pair| {
            let (key, value) = pair.split_once('=').unwrap_or((pair, ""));
            (decode(key), decode(value))
        })
        .collect()
}
