//! Single-product routes over HTTP: get, create, update, delete and their validation.

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
