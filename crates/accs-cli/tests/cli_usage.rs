//! How `accs` treats bad arguments and missing configuration, and its two sandbox modes.

mod common;

use std::io::{BufRead, BufReader};
use std::process::{Command, Stdio};

use accs_sandbox::FaultConfig;
use serde_json::Value;

use common::{accs, binary, ndjson, sandbox, tenant_env, workdir};

/// Asserts a usage or configuration failure: exit status 2, one line on stderr naming `needle`,
/// no request sent.
async fn assert_usage_error(args: &[&str], env: &[(String, String)], needle: &str) {
    let dir = workdir();
    let run = accs(args, env, dir.path()).await;
    run.expect_code(2);
    assert!(run.stderr.contains(needle), "{args:?}: stderr lacks {needle:?}:\n{}", run.stderr);
    assert!(!run.stderr.contains("panicked"), "{}", run.stderr);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn missing_or_empty_configuration_names_the_variable() {
    assert_usage_error(&["products", "list"], &[], "API_ENDPOINT").await;

    let sandbox = sandbox(5, FaultConfig::none()).await;
    let mut env = tenant_env(&sandbox);
    env.retain(|(name, _)| name != "IMS_CLIENT_SECRET");
    assert_usage_error(&["token"], &env, "IMS_CLIENT_SECRET").await;

    let mut env = tenant_env(&sandbox);
    env.push(("ACCS_FLAVOR".to_owned(), "cloud".to_owned()));
    assert_usage_error(&["token"], &env, "cloud").await;

    let mut env = tenant_env(&sandbox);
    env.push(("API_ENDPOINT".to_owned(), "http://shop.example.com".to_owned()));
    assert_usage_error(&["products", "list"], &env, "http").await;
    assert_eq!(sandbox.stats().requests + sandbox.stats().token_requests, 0);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn bad_arguments_are_refused_before_any_request() {
    let sandbox = sandbox(5, FaultConfig::none()).await;
    let env = tenant_env(&sandbox);

    assert_usage_error(&["products", "list", "--page-size", "301"], &env, "300").await;
    assert_usage_error(&["products", "list", "--page", "0"], &env, "page").await;
    assert_usage_error(&["products", "list", "--filter", "sku"], &env, "sku").await;
    assert_usage_error(&["products", "list", "--filter", "sku:almost:x"], &env, "almost").await;
    assert_usage_error(&["products", "list", "--filter", "sku:in:"], &env, "at least one value")
        .await;
    assert_usage_error(&["products", "list", "--sort", "price:up"], &env, "up").await;
    assert_usage_error(&["products", "export", "--concurrency", "0"], &env, "concurrency").await;
    assert_usage_error(&["products", "get", " "], &env, "empty").await;
    assert_usage_error(&["products", "import", "--file", "absent.ndjson"], &env, "absent").await;
    assert_usage_error(&["products", "frobnicate"], &env, "frobnicate").await;
    assert_eq!(sandbox.stats().requests, 0, "no catalog request was sent");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_embedded_sandbox_needs_no_configuration() {
    let dir = workdir();
    let run =
        accs(&["--sandbox", "products", "export", "--out", "all.ndjson"], &[], dir.path()).await;

    run.expect_code(0);
    let products = ndjson(&std::fs::read_to_string(dir.path().join("all.ndjson")).unwrap());
    assert_eq!(products.len(), 10_000);
    let ids: Vec<i64> = products.iter().map(|product| product["id"].as_i64().unwrap()).collect();
    assert!(ids.windows(2).all(|pair| pair[0] < pair[1]), "each id once, in order");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_command_prints_how_to_reach_it_and_serves() {
    let mut child = Command::new(binary())
        .args(["sandbox", "--products", "120", "--seed", "7"])
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let line = tokio::task::spawn_blocking(move || {
        let mut line = String::new();
        BufReader::new(stdout).read_line(&mut line).map(|_| line)
    })
    .await
    .unwrap()
    .unwrap();
    let reach: Value = serde_json::from_str(&line).unwrap();
    let variables = [
        ("API_ENDPOINT", "api_endpoint"),
        ("IMS_TOKEN_URL", "ims_token_url"),
        ("IMS_CLIENT_ID", "client_id"),
        ("IMS_CLIENT_SECRET", "client_secret"),
        ("IMS_ORG_ID", "org_id"),
    ];
    let mut env: Vec<(String, String)> = variables
        .iter()
        .map(|(name, key)| ((*name).to_owned(), reach[*key].as_str().unwrap().to_owned()))
        .collect();
    env.push(("ACCS_FLAVOR".to_owned(), "saas".to_owned()));

    let dir = workdir();
    let run = accs(&["products", "export"], &env, dir.path()).await;
    child.kill().unwrap();
    child.wait().unwrap();

    run.expect_code(0);
    assert_eq!(ndjson(&run.stdout).len(), 120);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_reader_that_stops_early_is_not_a_failure() {
    let mut child = Command::new(binary())
        .args(["--sandbox", "products", "export", "--format", "csv"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let output = tokio::task::spawn_blocking(move || {
        // Read the header line, then close the pipe, as `| head -1` does.
        let mut header = String::new();
        BufReader::new(stdout).read_line(&mut header).unwrap();
        (header, child.wait_with_output().unwrap())
    })
    .await
    .unwrap();
    let (header, output) = output;

    assert!(header.starts_with("sku,id,name"), "{header}");
    assert_eq!(output.status.code(), Some(0));
    assert_eq!(String::from_utf8_lossy(&output.stderr), "", "nothing to report");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_sandbox_env_file_configures_accs_and_never_overwrites_a_file() {
    let dir = workdir();
    let env_file = dir.path().join(".env");
    let mut child = Command::new(binary())
        .args(["sandbox", "--products", "80", "--env-file"])
        .arg(&env_file)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let written = env_file.clone();
    tokio::task::spawn_blocking(move || {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(60);
        while std::fs::metadata(&written).map_or(true, |meta| meta.len() == 0) {
            assert!(std::time::Instant::now() < deadline, "the sandbox wrote no env file");
            std::thread::sleep(std::time::Duration::from_millis(50));
        }
    })
    .await
    .unwrap();
    let text = std::fs::read_to_string(&env_file).unwrap();
    assert!(text.contains("ACCS_FLAVOR=saas\n"), "{text}");

    // A second sandbox may not replace the first one's file.
    let refused = accs(&["sandbox", "--env-file", ".env"], &[], dir.path()).await;
    refused.expect_code(2);
    assert!(refused.stderr.contains("already exists"), "{}", refused.stderr);
    assert_eq!(std::fs::read_to_string(&env_file).unwrap(), text);

    // No variable set: the command reads the file in its working directory.
    let run = accs(&["products", "export"], &[], dir.path()).await;
    run.expect_code(0);
    assert_eq!(ndjson(&run.stdout).len(), 80);

    // SIGTERM stops it cleanly, and the file with its dead credentials goes with it.
    let terminated = Command::new("kill").arg(child.id().to_string()).status().unwrap();
    assert!(terminated.success());
    let status = tokio::task::spawn_blocking(move || child.wait()).await.unwrap().unwrap();
    assert_eq!(status.code(), Some(0));
    assert!(!env_file.exists());
}
