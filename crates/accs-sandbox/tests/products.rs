//! Single-product routes over HTTP: get, create, update, delete, SKUs in paths, store scopes.

mod common;

use accs_sandbox::Sandbox;
use common::*;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

fn product_url(sandbox: &Sandbox, segment: &str) -> String {
    format!("{}/V1/products/{segment}", sandbox.base_url())
}

fn not_found() -> Value {
    json!({ "message": "The product that was requested doesn't exist. Verify the product and try again." })
}

fn no_route() -> Value {
    json!({ "message": "Request does not match any route." })
}

#[tokio::test]
async fn get_serves_exactly_the_catalog_json() {
    let sandbox = sandbox(200).await;
    let token = token(&sandbox).await;
    let (status, body) = get(&product_url(&sandbox, "AB-97%2F6"), &token).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(body["sku"], "AB-97/6");
    assert_eq!(Some(body), sandbox.product("AB-97/6"));
    assert_eq!(
        get(&product_url(&sandbox, "nope"), &token).await,
        (StatusCode::NOT_FOUND, not_found())
    );
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

#[tokio::test]
async fn post_creates_with_a_fresh_id_and_put_merges() {
    let sandbox = sandbox(20).await;
    let token = token(&sandbox).await;
    let create = json!({
        "product": {
            "sku": "NEW-1", "name": "Nouveau", "price": "12.50", "type_id": "virtual",
            "custom_attributes": [
                { "attribute_code": "color", "value": "49" },
                { "attribute_code": "category_ids", "value": ["3", "5"] },
            ],
        },
        "saveOptions": true,
    });
    let url = format!("{}/V1/products", sandbox.base_url());
    let (status, created) = send_json(Method::POST, &url, &token, &create).await;
    assert_eq!(status, StatusCode::OK, "{created}");
    assert_eq!(created["id"], 21);
    assert_eq!(created["price"], 12.5);
    assert_eq!(created["status"], 1);
    assert_eq!(created["type_id"], "virtual");
    assert_eq!(Some(created.clone()), sandbox.product("NEW-1"));

    let update = json!({ "product": {
        "sku": "IGNORED", "id": 5, "price": 15,
        "custom_attributes": [{ "attribute_code": "color", "value": "50" }],
    }});
    let (status, updated) =
        send_json(Method::PUT, &product_url(&sandbox, "NEW-1"), &token, &update).await;
    assert_eq!(status, StatusCode::OK, "{updated}");
    assert_eq!(updated["id"], 21);
    assert_eq!(updated["sku"], "NEW-1");
    assert_eq!(updated["name"], "Nouveau");
    assert_eq!(updated["price"], 15);
    assert_eq!(updated["created_at"], created["created_at"]);
    assert_eq!(
        updated["custom_attributes"],
        json!([{ "attribute_code": "color", "value": "50" }, { "attribute_code": "category_ids", "value": ["3", "5"] }])
    );

    let upsert = json!({ "product": { "name": "Put new", "price": 1 } });
    let (_, put_new) =
        send_json(Method::PUT, &product_url(&sandbox, "PUT-NEW"), &token, &upsert).await;
    assert_eq!((put_new["id"].clone(), put_new["sku"].clone()), (json!(22), json!("PUT-NEW")));

    let generated = sandbox.products()[0].clone();
    let sku = generated["sku"].as_str().unwrap();
    let (_, renamed) = send_json(
        Method::PUT,
        &product_url(&sandbox, &encode(sku)),
        &token,
        &json!({ "product": { "name": "Renamed" } }),
    )
    .await;
    assert_eq!(renamed["id"], generated["id"]);
    assert_eq!(renamed["extension_attributes"], generated["extension_attributes"]);
    assert_ne!(renamed["updated_at"], generated["updated_at"]);
    assert_eq!(sandbox.stats().products, 22);
}

#[tokio::test]
async fn delete_answers_true_and_ids_are_never_reused() {
    let sandbox = sandbox(5).await;
    let token = token(&sandbox).await;
    let last = sandbox.products().last().unwrap()["sku"].as_str().unwrap().to_owned();
    let response = client()
        .delete(product_url(&sandbox, &encode(&last)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.text().await.unwrap(), "true");
    assert_eq!(get(&product_url(&sandbox, &encode(&last)), &token).await.0, StatusCode::NOT_FOUND);
    let again = client()
        .delete(product_url(&sandbox, &encode(&last)))
        .bearer_auth(&token)
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::NOT_FOUND);

    let create = json!({ "product": { "sku": "AFTER", "name": "After", "price": 3 } });
    let (_, created) =
        send_json(Method::POST, &format!("{}/V1/products", sandbox.base_url()), &token, &create)
            .await;
    assert_eq!(created["id"], 6);
}

#[tokio::test]
async fn invalid_writes_are_refused_with_magento_messages() {
    let sandbox = sandbox(5).await;
    let token = token(&sandbox).await;
    let create = format!("{}/V1/products", sandbox.base_url());
    let required = |field: &str| json!({ "message": "%fieldName is a required field.", "parameters": { "fieldName": field } });

    let (status, body) =
        send_json(Method::POST, &create, &token, &json!({ "product": { "sku": "X" } })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({ "message": "One or more input exceptions have occurred.", "errors": [required("name"), required("price")] })
    );

    let (_, body) = send_json(
        Method::POST,
        &create,
        &token,
        &json!({ "product": { "sku": "X", "name": "N" } }),
    )
    .await;
    assert_eq!(body, required("price"));

    let (status, body) = send_json(
        Method::POST,
        &create,
        &token,
        &json!({ "product": { "sku": "X", "name": "N", "price": -1 } }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameters"], json!({ "fieldName": "price" }));

    let long = "S".repeat(65);
    let (status, body) = send_json(
        Method::POST,
        &create,
        &token,
        &json!({ "product": { "sku": long, "name": "N", "price": 1 } }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(
        body,
        json!({ "message": "The sku attribute can't be longer than %1 characters.", "parameters": [64] })
    );

    let (status, body) = send_json(
        Method::PUT,
        &product_url(&sandbox, "%20%20"),
        &token,
        &json!({ "product": { "name": "N", "price": 1 } }),
    )
    .await;
    assert_eq!((status, body), (StatusCode::BAD_REQUEST, required("sku")));
    let (status, _) = send_json(
        Method::POST,
        &create,
        &token,
        &json!({ "product": { "name": "N", "price": 1 } }),
    )
    .await;
    assert_eq!(status, StatusCode::BAD_REQUEST);

    let (status, body) =
        send_json(Method::POST, &create, &token, &json!({ "saveOptions": true })).await;
    assert_eq!(status, StatusCode::BAD_REQUEST);
    assert_eq!(body["parameters"], json!({ "fieldName": "product" }));

    let response = client()
        .post(&create)
        .bearer_auth(&token)
        .header("Content-Type", "application/json")
        .body("{\"product\":")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    let body: Value = response.json().await.unwrap();
    assert!(body["message"].as_str().unwrap().starts_with("Decoding error"));
    assert_eq!(sandbox.stats().products, 5, "nothing was saved");
}
