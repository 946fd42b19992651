//! The `accs` command end to end: configured only through the variables a real tenant needs,
//! against a sandbox in this process, over real HTTP.

mod common;

use accs_sandbox::FaultConfig;
use serde_json::Value;

use common::{accs, ndjson, sandbox, tenant_env, workdir};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_writes_every_product_exactly_as_the_server_sent_it() {
    let sandbox = sandbox(1_500, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);

    let run = accs(&["products", "export", "--out", "catalog.ndjson"], &env, dir.path()).await;

    run.expect_code(0);
    assert!(run.stdout.is_empty(), "an export to a file prints nothing on stdout: {}", run.stdout);
    assert!(run.stderr.contains("exported 1500 products"), "summary: {}", run.stderr);
    let text = std::fs::read_to_string(dir.path().join("catalog.ndjson")).unwrap();
    assert_eq!(ndjson(&text), sandbox.products());
    assert!(!dir.path().join("catalog.ndjson.partial").exists());
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn export_applies_filters_and_writes_csv_columns() {
    let sandbox = sandbox(600, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);
    let simple: Vec<Value> =
        sandbox.products().into_iter().filter(|p| p["type_id"] == "simple").collect();

    let args = ["products", "export", "--format", "csv", "--filter", "type_id:eq:simple"];
    let run = accs(&args, &env, dir.path()).await;

    run.expect_code(0);
    let mut reader = csv::Reader::from_reader(run.stdout.as_bytes());
    let header: Vec<String> = reader.headers().unwrap().iter().map(str::to_owned).collect();
    assert_eq!(header[..3], ["sku", "id", "name"]);
    let rows: Vec<csv::StringRecord> = reader.records().map(Result::unwrap).collect();
    assert_eq!(rows.len(), simple.len());
    for (row, product) in rows.iter().zip(&simple) {
        // SKUs with commas, quotes or spaces survive CSV quoting.
        assert_eq!(&row[0], product["sku"].as_str().unwrap());
        assert_eq!(&row[1], product["id"].to_string());
        assert_eq!(&row[2], product["name"].as_str().unwrap_or(""));
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn token_prints_its_type_and_expiry_and_withholds_the_token() {
    let sandbox = sandbox(10, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);

    let run = accs(&["token"], &env, dir.path()).await;
    run.expect_code(0);
    let json = run.json();
    assert_eq!(json["token_type"], "bearer");
    let expires_in = json["expires_in"].as_u64().unwrap();
    assert!((86_000..=86_399).contains(&expires_in), "{expires_in}");
    assert!(json["expires_at"].as_str().unwrap().ends_with('Z'), "{json}");
    assert_eq!(json.as_object().unwrap().len(), 3, "{json}");

    let shown = accs(&["token", "--show-token"], &env, dir.path()).await;
    shown.expect_code(0);
    let token = shown.stdout.trim_end();
    assert_eq!(shown.stdout.lines().count(), 1);
    assert!(!run.stdout.contains(token) && !run.stderr.contains(token));

    // The printed token is a working bearer: the fixed-token configuration accepts it.
    let fixed = vec![
        ("API_ENDPOINT".to_owned(), sandbox.base_url().to_owned()),
        ("ACCS_ACCESS_TOKEN".to_owned(), token.to_owned()),
        ("ACCS_FLAVOR".to_owned(), "saas".to_owned()),
    ];
    let sku = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();
    accs(&["products", "get", &sku], &fixed, dir.path()).await.expect_code(0);
    assert_eq!(sandbox.stats().tokens_minted, 2, "one token per `accs token` run");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn get_reaches_skus_with_special_characters() {
    let sandbox = sandbox(1_000, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);
    let special: Vec<String> = sandbox
        .products()
        .iter()
        .filter_map(|product| product["sku"].as_str())
        .filter(|sku| sku.contains(['/', '+', '%', '#', '?', ' ', '(']))
        .map(str::to_owned)
        .collect();
    for needle in ['/', '+', '%', '#', '?', ' '] {
        assert!(special.iter().any(|sku| sku.contains(needle)), "the catalog has a {needle} sku");
    }

    for sku in &special {
        let run = accs(&["products", "get", sku], &env, dir.path()).await;
        run.expect_code(0);
        assert_eq!(Some(run.json()), sandbox.product(sku), "sku {sku:?}");
    }
    let reached: Vec<String> =
        sandbox.request_log().into_iter().filter_map(|request| request.sku).collect();
    assert_eq!(reached, special, "each get reached exactly its own product");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn list_prints_one_sorted_filtered_page() {
    let sandbox = sandbox(400, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);
    let simple = sandbox.products().into_iter().filter(|p| p["type_id"] == "simple").count();

    let args = [
        "products",
        "list",
        "--filter",
        "type_id:eq:simple",
        "--filter",
        "price:notnull",
        "--sort",
        "price:desc",
        "--page-size",
        "5",
        "--page",
        "2",
    ];
    let run = accs(&args, &env, dir.path()).await;

    run.expect_code(0);
    let page = run.json();
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 5);
    assert!(page["total_count"].as_u64().unwrap() <= simple as u64);
    let prices: Vec<f64> = items.iter().map(|item| item["price"].as_f64().unwrap()).collect();
    assert!(prices.windows(2).all(|pair| pair[0] >= pair[1]), "{prices:?}");
    assert!(items.iter().all(|item| item["type_id"] == "simple"));
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn delete_removes_the_product_and_a_second_delete_fails() {
    let sandbox = sandbox(50, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);
    let sku = sandbox.products()[7]["sku"].as_str().unwrap().to_owned();

    let run = accs(&["products", "delete", &sku], &env, dir.path()).await;
    run.expect_code(0);
    assert_eq!(run.json()["deleted"], sku.as_str());
    assert_eq!(sandbox.product(&sku), None);

    let again = accs(&["products", "delete", &sku], &env, dir.path()).await;
    again.expect_code(1);
    assert_eq!(again.stderr.lines().count(), 1, "{}", again.stderr);
    assert!(again.stderr.contains("not found"), "{}", again.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn import_upserts_an_exported_file_keeping_unknown_fields() {
    let sandbox = sandbox(30, FaultConfig::none()).await;
    let dir = workdir();
    let env = tenant_env(&sandbox);
    let mut products = sandbox.products();
    products.truncate(5);
    for product in &mut products {
        product["name"] = Value::from(format!("Renamed {}", product["sku"].as_str().unwrap()));
    }
    let text: String = products.iter().map(|product| format!("{product}\n")).collect();
    std::fs::write(dir.path().join("in.ndjson"), text).unwrap();

    let run = accs(&["products", "import", "--file", "in.ndjson"], &env, dir.path()).await;

    run.expect_code(0);
    assert!(run.stderr.contains("imported 5 of 5 products"), "{}", run.stderr);
    for product in &products {
        let saved = sandbox.product(product["sku"].as_str().unwrap()).unwrap();
        assert_eq!(saved["name"], product["name"]);
        assert_eq!(saved["custom_attributes"], product["custom_attributes"]);
        assert_eq!(saved["media_gallery_entries"], product["media_gallery_entries"]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn store_flag_and_paas_configuration_are_visible_on_the_wire() {
    let sandbox = sandbox(20, FaultConfig::none()).await;
    let dir = workdir();
    let sku = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();

    let saas = tenant_env(&sandbox);
    accs(&["--store", "default", "products", "get", &sku], &saas, dir.path()).await.expect_code(0);

    let paas = vec![
        ("API_ENDPOINT".to_owned(), sandbox.paas_base_url()),
        ("ACCS_ACCESS_TOKEN".to_owned(), sandbox.issue_token()),
        ("ACCS_FLAVOR".to_owned(), "paas".to_owned()),
        ("ACCS_STORE".to_owned(), "all".to_owned()),
    ];
    accs(&["products", "get", &sku], &paas, dir.path()).await.expect_code(0);

    let gets: Vec<(String, Option<String>)> = sandbox
        .request_log()
        .into_iter()
        .filter(|request| request.sku.is_some())
        .map(|request| (request.path, request.store))
        .collect();
    let tenant = sandbox.tenant();
    assert_eq!(
        gets,
        [
            (format!("/{tenant}/V1/products/{sku}"), Some("default".to_owned())),
            (format!("/rest/all/V1/products/{sku}"), Some("all".to_owned())),
        ]
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_dotenv_file_configures_the_command_and_the_environment_wins() {
    let sandbox = sandbox(10, FaultConfig::none()).await;
    let dir = workdir();
    let dotenv: String =
        tenant_env(&sandbox).iter().map(|(name, value)| format!("{name}={value}\n")).collect();
    std::fs::write(dir.path().join(".env"), dotenv).unwrap();

    accs(&["token"], &[], dir.path()).await.expect_code(0);

    let overridden = vec![("IMS_CLIENT_SECRET".to_owned(), "p8e-wrong".to_owned())];
    let run = accs(&["token"], &overridden, dir.path()).await;
    run.expect_code(1);
    assert!(run.stderr.contains("invalid_client"), "{}", run.stderr);
    assert!(!run.stderr.contains("p8e-wrong") && !run.stderr.contains(sandbox.client_secret()));
}
