//! `GET /V1/products?searchCriteria...` over HTTP: validation, paging, conditions, sorting.

// The helpers outside `#[test]` functions may unwrap too.
#![allow(clippy::unwrap_used)]

mod common;

use std::cmp::Ordering;

use common::*;
use reqwest::StatusCode;
use serde_json::{Value, json};

/// The numeric or case-insensitive comparison the server promises, for the test oracle.
fn compare(value: &Value, operand: &str) -> Option<Ordering> {
    let text = match value {
        Value::String(text) => text.clone(),
        Value::Number(number) => number.to_string(),
        _ => return None,
    };
    match (text.trim().parse::<f64>(), operand.trim().parse::<f64>()) {
        (Ok(left), Ok(right)) => left.partial_cmp(&right),
        _ => Some(text.to_lowercase().cmp(&operand.to_lowercase())),
    }
}

fn field<'a>(product: &'a Value, name: &str) -> Option<&'a Value> {
    match name {
        "entity_id" => product.get("id"),
        _ => product.get(name).or_else(|| {
            product["custom_attributes"]
                .as_array()?
                .iter()
                .find(|attribute| attribute["attribute_code"] == name)
                .map(|attribute| &attribute["value"])
        }),
    }
}

/// The ids the sandbox's own products say should match `field condition value`.
fn expected(products: &[Value], name: &str, test: impl Fn(&Value) -> bool) -> Vec<u64> {
    products
        .iter()
        .filter(|product| field(product, name).is_some_and(|value| !value.is_null() && test(value)))
        .map(|product| product["id"].as_u64().unwrap())
        .collect()
}

#[tokio::test]
async fn list_without_search_criteria_is_refused() {
    let sandbox = sandbox(20).await;
    let token = token(&sandbox).await;
    let expected = json!({
        "message": "\"%fieldName\" is required. Enter and try again.",
        "parameters": { "fieldName": "searchCriteria" },
    });
    let (status, body) = get(&format!("{}/V1/products", sandbox.base_url()), &token).await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, expected.clone()));
    let (status, body) = list(&sandbox, &token, "fields=items[sku]").await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, expected));
}

#[tokio::test]
async fn page_size_is_capped_at_300() {
    let sandbox = sandbox(20).await;
    let token = token(&sandbox).await;
    let (status, body) = list(&sandbox, &token, &Criteria::new().page(301, 1).build()).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({ "message": "Maximum SearchCriteria pageSize is %max", "parameters": { "max": 300 } })
    );
    let (status, body) = list(&sandbox, &token, &Criteria::new().page(300, 1).build()).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&body).len(), 20);
}

#[tokio::test]
async fn paging_past_the_end_returns_the_last_page_again() {
    let sandbox = sandbox(10).await;
    let token = token(&sandbox).await;
    let (_, last) = list(&sandbox, &token, &Criteria::new().page(3, 4).build()).await;
    let (_, past) = list(&sandbox, &token, &Criteria::new().page(3, 99).build()).await;
    assert_eq!(ids(&past), [10]);
    assert_eq!(past["items"], last["items"]);
    assert_eq!(past["total_count"], 10);
    assert_eq!(past["search_criteria"]["current_page"], 99);

    let (_, first) = list(&sandbox, &token, &Criteria::new().page(3, 0).build()).await;
    assert_eq!(ids(&first), [1, 2, 3]);
    let (_, all) = list(&sandbox, &token, "searchCriteria[currentPage]=1").await;
    assert_eq!(ids(&all), (1..=10).collect::<Vec<_>>());
    assert!(all["search_criteria"].get("page_size").is_none());

    let none = Criteria::new().filter(0, "sku", "eq", "no such sku").page(3, 5).build();
    let (_, empty) = list(&sandbox, &token, &none).await;
    assert_eq!(empty["items"], json!([]));
    assert_eq!(empty["total_count"], 0);
}

#[tokio::test]
async fn every_condition_type_matches_what_the_catalog_holds() {
    let sandbox = sandbox(600).await;
    let token = token(&sandbox).await;
    let products = sandbox.products();
    fn lt(v: &Value, x: &str) -> bool {
        compare(v, x) == Some(Ordering::Less)
    }
    fn gt(v: &Value, x: &str) -> bool {
        compare(v, x) == Some(Ordering::Greater)
    }
    fn in_set(v: &Value, set: &[&str]) -> bool {
        let eq = |v: &Value, x: &str| compare(v, x) == Some(Ordering::Equal);
        match v {
            Value::Array(items) => items.iter().any(|item| set.iter().any(|x| eq(item, x))),
            _ => set.iter().any(|x| eq(v, x)),
        }
    }
    let like_bag = |v: &Value| v.as_str().is_some_and(|s| s.to_lowercase().contains("bag"));
    let cases: Vec<(&str, &str, &str, Vec<u64>)> = vec![
        ("type_id", "eq", "BUNDLE", expected(&products, "type_id", |v| v == "bundle")),
        ("status", "neq", "1", expected(&products, "status", |v| v != 1)),
        ("name", "like", "%bag%", expected(&products, "name", like_bag)),
        ("name", "nlike", "%bag%", expected(&products, "name", |v| !like_bag(v))),
        ("entity_id", "in", "5,112,599", vec![5, 112, 599]),
        (
            "visibility",
            "nin",
            "1,4",
            expected(&products, "visibility", |v| !in_set(v, &["1", "4"])),
        ),
        ("price", "gt", "500", expected(&products, "price", |v| gt(v, "500"))),
        ("price", "gteq", "500.5", expected(&products, "price", |v| !lt(v, "500.5"))),
        ("price", "moreq", "900", expected(&products, "price", |v| !lt(v, "900"))),
        ("price", "from", "990", expected(&products, "price", |v| !lt(v, "990"))),
        ("weight", "lt", "2", expected(&products, "weight", |v| lt(v, "2"))),
        ("weight", "lteq", "2", expected(&products, "weight", |v| !gt(v, "2"))),
        ("price", "to", "20", expected(&products, "price", |v| !gt(v, "20"))),
        (
            "created_at",
            "gt",
            "2024-06-01 00:00:00",
            expected(&products, "created_at", |v| gt(v, "2024-06-01 00:00:00")),
        ),
        ("special_price", "gt", "100", expected(&products, "special_price", |v| gt(v, "100"))),
        ("category_ids", "finset", "5", expected(&products, "category_ids", |v| in_set(v, &["5"]))),
        (
            "category_ids",
            "nfinset",
            "5",
            expected(&products, "category_ids", |v| !in_set(v, &["5"])),
        ),
        ("category_ids", "eq", "7", expected(&products, "category_ids", |v| in_set(v, &["7"]))),
    ];
    for (field, condition, value, expected) in cases {
        let query = Criteria::new().filter(0, field, condition, value).build();
        let (status, body) = list(&sandbox, &token, &query).await;
        assert_eq!(status, StatusCode::OK, "{field} {condition} {value}: {body}");
        assert!(!expected.is_empty(), "{field} {condition} {value} tests nothing");
        assert_eq!(ids(&body), expected, "{field} {condition} {value}");
        assert_eq!(body["total_count"], expected.len());
    }

    let priced: Vec<u64> = expected(&products, "price", |_| true);
    let all: Vec<u64> = (1..=600).collect();
    let unpriced: Vec<u64> = all.iter().copied().filter(|id| !priced.contains(id)).collect();
    for (condition, expected) in [("null", unpriced), ("notnull", priced)] {
        let (_, body) =
            list(&sandbox, &token, &Criteria::new().filter(0, "price", condition, "").build())
                .await;
        assert_eq!(ids(&body), expected, "price {condition}");
    }
}

#[tokio::test]
async fn filters_in_a_group_are_ored_and_groups_are_anded() {
    let sandbox = sandbox(300).await;
    let token = token(&sandbox).await;
    let either =
        Criteria::new().filter(0, "sku", "eq", "AB-97/6").filter(0, "entity_id", "eq", "3").build();
    let (_, body) = list(&sandbox, &token, &either).await;
    assert_eq!(ids(&body), [3, 97]);

    let both =
        Criteria::new().filter(0, "type_id", "eq", "simple").filter(1, "status", "eq", "2").build();
    let (_, body) = list(&sandbox, &token, &both).await;
    let products = sandbox.products();
    let expected: Vec<u64> = products
        .iter()
        .filter(|p| p["type_id"] == "simple" && p["status"] == 2)
        .map(|p| p["id"].as_u64().unwrap())
        .collect();
    assert!(!expected.is_empty());
    assert_eq!(ids(&body), expected);
}

#[tokio::test]
async fn sort_orders_apply_in_turn_with_nulls_first_ascending() {
    let sandbox = sandbox(300).await;
    let token = token(&sandbox).await;
    let query = Criteria::new().sort("price", "DESC").sort("entity_id", "ASC").build();
    let (_, body) = list(&sandbox, &token, &query).await;
    let items = body["items"].as_array().unwrap();
    assert_eq!(items.len(), 300);
    let prices: Vec<Option<f64>> = items.iter().map(|item| item["price"].as_f64()).collect();
    assert!(prices.windows(2).all(|pair| pair[0] >= pair[1]), "descending, nulls last");
    assert!(prices.last().unwrap().is_none());

    let query = Criteria::new().sort("name", "asc").page(50, 1).build();
    let (_, body) = list(&sandbox, &token, &query).await;
    let names: Vec<String> = body["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|item| item["name"].as_str().unwrap_or("").to_lowercase())
        .collect();
    assert!(names.windows(2).all(|pair| pair[0] <= pair[1]), "{names:?}");
    assert_eq!(
        body["search_criteria"]["sort_orders"],
        json!([{ "field": "name", "direction": "ASC" }])
    );
}

#[tokio::test]
async fn keyset_paging_visits_every_product_once() {
    let sandbox = sandbox(2_000).await;
    let token = token(&sandbox).await;
    let mut seen = Vec::new();
    let mut last = 0;
    loop {
        let query = Criteria::new()
            .filter(0, "entity_id", "gt", &last.to_string())
            .filter(1, "entity_id", "lteq", "1900")
            .sort("entity_id", "ASC")
            .page(300, 1)
            .build();
        let (status, body) = list(&sandbox, &token, &query).await;
        assert_eq!(status, StatusCode::OK);
        let page = ids(&body);
        assert_eq!(body["total_count"].as_u64().unwrap(), 1900 - last);
        let Some(&next) = page.last() else { break };
        seen.extend(page);
        last = next;
    }
    assert_eq!(seen, (1..=1900).collect::<Vec<_>>());
}

#[tokio::test]
async fn camel_case_criteria_are_echoed_in_snake_case() {
    let sandbox = sandbox(50).await;
    let token = token(&sandbox).await;
    let query = "searchCriteria[filterGroups][0][filters][0][field]=entity_id\
        &searchCriteria[filterGroups][0][filters][0][value]=45\
        &searchCriteria[filterGroups][0][filters][0][conditionType]=gteq\
        &searchCriteria[pageSize]=2&searchCriteria[currentPage]=1";
    let (status, body) = list(&sandbox, &token, query).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(ids(&body), [45, 46]);
    assert_eq!(
        body["search_criteria"],
        json!({
            "filter_groups": [{ "filters": [{ "field": "entity_id", "value": "45", "condition_type": "gteq" }] }],
            "page_size": 2,
            "current_page": 1,
        })
    );
    assert_eq!(body["total_count"], 6);
}

#[tokio::test]
async fn like_values_are_decoded_exactly_once() {
    let sandbox = sandbox(400).await;
    let token = token(&sandbox).await;
    // `50%OFF-388` is generated; `%25` on the wire is one `%` wildcard or literal.
    let query = Criteria::new().filter(0, "sku", "like", "50%OFF%").build();
    assert!(query.contains("50%25OFF%25"));
    let (_, body) = list(&sandbox, &token, &query).await;
    assert_eq!(ids(&body), [388]);
}
