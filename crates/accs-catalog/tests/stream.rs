//! Catalog streams: keyset paging, request counts, changing catalogs, errors.

#![allow(clippy::unwrap_used)]

mod support;

use std::collections::{BTreeSet, HashSet};

use accs_catalog::{CatalogError, Condition, Filter, Product, StreamOptions};
use accs_sandbox::{Churn, FaultConfig};
use futures::{StreamExt, TryStreamExt};
use httpmock::prelude::*;
use serde_json::{Value, json};
use support::{filter_key, list_requests, mock_products, sandbox, sandbox_products};

fn ids(products: &[Value]) -> Vec<i64> {
    products.iter().map(|product| product["id"].as_i64().unwrap()).collect()
}

#[tokio::test]
async fn three_products_a_page_each_take_exactly_three_requests_c03() {
    let sandbox = sandbox(3, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let options = StreamOptions::new().page_size(1).unwrap().concurrency(1);
    let items: Vec<Product> = products.stream(options).try_collect().await.unwrap();

    let skus: Vec<_> = items.iter().map(|product| product.sku.clone()).collect();
    let expected: Vec<_> =
        sandbox.products().iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect();
    assert_eq!(skus, expected);
    assert_eq!(list_requests(&sandbox).len(), 3);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_server_repeating_its_last_page_cannot_cause_a_loop() {
    // Ignores every filter and always answers with its last product, as a page past the end.
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products");
            then.status(200).json_body(json!({"items": [{"id": 3, "sku": "SKU-3"}],
                                              "total_count": 3}));
        })
        .await;
    let products = mock_products(&server.base_url());
    for concurrency in [1, 4] {
        let options = StreamOptions::new().page_size(1).unwrap().concurrency(concurrency);
        let items: Vec<Value> = products.stream_raw(options).try_collect().await.unwrap();
        assert_eq!(items, vec![json!({"id": 3, "sku": "SKU-3"})]);
    }
    // Sequential: the page, then one that brings nothing new. Concurrent: the page, the highest
    // id (no range is left above it).
    list.assert_calls_async(4).await;
}

#[tokio::test]
async fn an_empty_catalog_takes_one_request() {
    let server = MockServer::start_async().await;
    let list = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param("searchCriteria[sortOrders][0][field]", "entity_id")
                .query_param("searchCriteria[sortOrders][0][direction]", "ASC")
                .query_param("searchCriteria[currentPage]", "1");
            then.status(200).json_body(json!({"items": [], "total_count": 0}));
        })
        .await;
    let items: Vec<Product> =
        mock_products(&server.base_url()).stream(StreamOptions::new()).try_collect().await.unwrap();
    assert!(items.is_empty());
    list.assert_calls_async(1).await;
}

#[tokio::test]
async fn pages_are_asked_by_keyset_with_the_users_filters_first() {
    let server = MockServer::start_async().await;
    let first = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param(filter_key(0, "field"), "type_id")
                .query_param_missing(filter_key(1, "field"))
                .query_param("searchCriteria[pageSize]", "2");
            then.status(200)
                .json_body(json!({"items": [{"id": 5, "sku": "A"}, {"id": 9, "sku": "B"}],
                                              "total_count": 3}));
        })
        .await;
    let second = server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param(filter_key(1, "field"), "entity_id")
                .query_param(filter_key(1, "condition_type"), "gt")
                .query_param(filter_key(1, "value"), "9");
            then.status(200)
                .json_body(json!({"items": [{"id": 12, "sku": "C"}], "total_count": 1}));
        })
        .await;
    let options = StreamOptions::new()
        .filter(Filter::new("type_id", Condition::Eq, "simple").unwrap())
        .page_size(2)
        .unwrap()
        .concurrency(1);
    let items: Vec<Product> =
        mock_products(&server.base_url()).stream(options).try_collect().await.unwrap();
    let skus: Vec<_> = items.iter().map(|product| product.sku.as_str()).collect();
    assert_eq!(skus, ["A", "B", "C"]);
    first.assert_calls_async(1).await;
    second.assert_calls_async(1).await;
}

#[tokio::test]
async fn an_error_is_yielded_once_and_ends_the_stream() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param_missing(filter_key(0, "field"))
                .query_param("searchCriteria[sortOrders][0][direction]", "ASC");
            then.status(200).json_body(json!({"items": [{"id": 1, "sku": "A"}], "total_count": 5}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param("searchCriteria[sortOrders][0][direction]", "DESC");
            then.status(200).json_body(json!({"items": [{"id": 5, "sku": "E"}], "total_count": 5}));
        })
        .await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products").query_param_exists(filter_key(0, "field"));
            then.status(400).json_body(json!({"message": "Broken %1", "parameters": ["here"]}));
        })
        .await;
    let products = mock_products(&server.base_url());
    for concurrency in [1, 3] {
        let options = StreamOptions::new().page_size(1).unwrap().concurrency(concurrency);
        let results: Vec<_> = products.stream(options).collect().await;
        assert_eq!(results.len(), 2, "concurrency {concurrency}");
        assert_eq!(results[0].as_ref().unwrap().sku, "A");
        let err = results[1].as_ref().unwrap_err();
        assert!(err.to_string().contains("Broken here"), "{err}");
    }
}

#[tokio::test]
async fn items_without_an_id_cannot_be_streamed() {
    let server = MockServer::start_async().await;
    server
        .mock_async(|when, then| {
            when.method(GET).path("/V1/products");
            then.status(200).json_body(json!({"items": [{"sku": "A"}], "total_count": 1}));
        })
        .await;
    let results: Vec<_> =
        mock_products(&server.base_url()).stream(StreamOptions::new()).collect().await;
    assert!(matches!(results[..], [Err(CatalogError::UnexpectedResponse { .. })]), "{results:?}");
}

#[tokio::test]
async fn a_concurrent_raw_stream_yields_the_catalog_as_served_in_id_order() {
    let sandbox = sandbox(2_000, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let options = StreamOptions::new().page_size(50).unwrap().concurrency(4);
    let items: Vec<Value> = products.stream_raw(options).try_collect().await.unwrap();
    assert_eq!(items, sandbox.products());

    let typed: Vec<Product> =
        products.stream(StreamOptions::new().page_size(300).unwrap()).try_collect().await.unwrap();
    let typed: Vec<Value> = typed.iter().map(|product| product.to_value().unwrap()).collect();
    assert_eq!(typed, items);
    sandbox.shutdown().await;
}

#[tokio::test]
async fn a_filtered_stream_reads_only_matching_products() {
    let sandbox = sandbox(1_000, FaultConfig::none()).await;
    let products = sandbox_products(&sandbox);
    let expected: Vec<Value> =
        sandbox.products().into_iter().filter(|p| p["type_id"] == "virtual").collect();
    assert!(!expected.is_empty());
    for concurrency in [1, 4] {
        let options = StreamOptions::new()
            .filter(Filter::new("type_id", Condition::Eq, "virtual").unwrap())
            .page_size(20)
            .unwrap()
            .concurrency(concurrency);
        let items: Vec<Value> = products.stream_raw(options).try_collect().await.unwrap();
        assert_eq!(ids(&items), ids(&expected), "concurrency {concurrency}");
    }
    sandbox.shutdown().await;
}

#[tokio::test]
async fn products_present_for_the_whole_run_are_yielded_exactly_once_under_churn() {
    let churn = Churn { inserts_per_list: 7, deletes_per_list: 7 };
    for concurrency in [1, 4] {
        let sandbox =
            sandbox(1_500, FaultConfig { churn: Some(churn), ..FaultConfig::none() }).await;
        let before: BTreeSet<i64> = ids(&sandbox.products()).into_iter().collect();
        let options = StreamOptions::new().page_size(40).unwrap().concurrency(concurrency);
        let items: Vec<Value> =
            sandbox_products(&sandbox).stream_raw(options).try_collect().await.unwrap();
        let after: BTreeSet<i64> = ids(&sandbox.products()).into_iter().collect();

        let yielded = ids(&items);
        let unique: HashSet<i64> = yielded.iter().copied().collect();
        assert_eq!(unique.len(), yielded.len(), "a product was yielded twice");
        assert!(yielded.windows(2).all(|pair| pair[0] < pair[1]), "not in id order");
        let survivors: Vec<i64> = before.intersection(&after).copied().collect();
        let missing: Vec<_> = survivors.iter().filter(|id| !unique.contains(id)).collect();
        assert!(missing.is_empty(), "concurrency {concurrency}: missed {missing:?}");
        assert!(before.difference(&after).count() >= 7, "the catalog did not change");
        sandbox.shutdown().await;
    }
}

#[tokio::test]
async fn a_catalog_growing_faster_than_it_is_read_cannot_keep_a_walk_going_c03() {
    // Every list request inserts two pages of new products before it is answered.
    let churn = Churn { inserts_per_list: 20, deletes_per_list: 0 };
    let sandbox = sandbox(30, FaultConfig { churn: Some(churn), ..FaultConfig::none() }).await;
    let before = ids(&sandbox.products());
    let options = StreamOptions::new().page_size(10).unwrap().concurrency(1);
    let items: Vec<Value> =
        sandbox_products(&sandbox).stream_raw(options).try_collect().await.unwrap();

    // The first answer counts 50 (30 and its own 20 inserts): 40 after its page, so four
    // pages and one spare, then the walk stops although every page is full.
    assert_eq!(list_requests(&sandbox).len(), 6);
    let yielded = ids(&items);
    assert_eq!(yielded.len(), 60);
    assert!(before.iter().all(|id| yielded.contains(id)), "an original product is missing");
    sandbox.shutdown().await;
}

#[tokio::test]
async fn short_pages_do_not_end_a_walk_the_server_counts_more_for() {
    // The server serves two products a page whatever page size is asked.
    let server = MockServer::start_async().await;
    let page = |after: Option<i64>, ids: [i64; 2], total: u64| {
        let server = &server;
        async move {
            server
                .mock_async(|when, then| {
                    let when = when.method(GET).path("/V1/products");
                    match after {
                        None => when
                            .query_param_missing(filter_key(0, "field"))
                            .query_param("searchCriteria[sortOrders][0][direction]", "ASC"),
                        Some(after) => when.query_param(filter_key(0, "value"), after.to_string()),
                    };
                    let items: Vec<Value> =
                        ids.iter().map(|id| json!({"id": id, "sku": format!("S{id}")})).collect();
                    then.status(200).json_body(json!({"items": items, "total_count": total}));
                })
                .await
        }
    };
    let mocks = [
        page(None, [1, 2], 6).await,
        page(Some(2), [3, 4], 4).await,
        page(Some(4), [5, 6], 2).await,
    ];

    server
        .mock_async(|when, then| {
            when.method(GET)
                .path("/V1/products")
                .query_param("searchCriteria[sortOrders][0][direction]", "DESC");
            then.status(200)
                .json_body(json!({"items": [{"id": 6, "sku": "S6"}], "total_count": 6}));
        })
        .await;

    for concurrency in [1, 4] {
        let options = StreamOptions::new().page_size(5).unwrap().concurrency(concurrency);
        let items: Vec<Value> =
            mock_products(&server.base_url()).stream_raw(options).try_collect().await.unwrap();
        assert_eq!(ids(&items)[..], [1, 2, 3, 4, 5, 6], "concurrency {concurrency}");
    }
    for mock in &mocks {
        assert!(mock.calls_async().await >= 2, "each page was read by both walks");
    }
}
