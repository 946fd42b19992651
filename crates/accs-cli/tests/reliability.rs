//! The reliability promises of the `accs` command (issue 7): an import checks the whole file
//! before writing, reports each refused product with the server's message and writes the
//! rest; no output, at any verbosity, shows the client secret or a token.

#![allow(clippy::unwrap_used)]

mod common;

use accs_sandbox::{FaultConfig, Sandbox};
use serde_json::{Value, json};

use common::{Run, accs, sandbox, tenant_env, workdir};

/// Writes `products` as an NDJSON file `name` in `dir`, one line each, then `extra` as is.
fn write_ndjson(dir: &std::path::Path, name: &str, products: &[Value], extra: &str) {
    let mut text: String = products.iter().map(|product| format!("{product}\n")).collect();
    text.push_str(extra);
    std::fs::write(dir.join(name), text).unwrap();
}

/// The catalog write requests the sandbox received (token requests to IMS are no writes).
fn writes(sandbox: &Sandbox) -> Vec<accs_sandbox::LoggedRequest> {
    let log = sandbox.request_log().into_iter().filter(|request| request.path != "/ims/token/v3");
    log.filter(|request| matches!(request.method.as_str(), "PUT" | "POST" | "DELETE")).collect()
}

fn new_product(sku: &str) -> Value {
    json!({"sku": sku, "name": format!("Imported {sku}"), "price": 12.5})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_with_a_bad_line_anywhere_writes_nothing() {
    let sandbox = sandbox(20, FaultConfig::none()).await;
    let env = tenant_env(&sandbox);
    let before = sandbox.products();
    let good: Vec<Value> = (1..=3).map(|n| new_product(&format!("NEW-{n}"))).collect();

    for (extra, line) in [
        ("{\"sku\": \"NEW-4\", \"name\":\n", "line 4: not valid JSON"),
        ("{\"name\": \"no sku\"}\n", "line 4: no \"sku\""),
        ("{\"sku\": \"NEW-2\"}\n", "line 4: sku \"NEW-2\" already appears on line 2"),
        ("[{\"sku\": \"NEW-4\"}]\n", "line 4: not a JSON object"),
    ] {
        let dir = workdir();
        write_ndjson(dir.path(), "in.ndjson", &good, extra);
        let run = accs(&["products", "import", "--file", "in.ndjson"], &env, dir.path()).await;

        run.expect_code(2);
        assert!(run.stderr.contains(line), "{line:?} not in {}", run.stderr);
        assert!(run.stdout.is_empty(), "{}", run.stdout);
    }
    // Not one request reached the catalog: nothing was written, nothing even read.
    assert_eq!(sandbox.stats().requests, 0);
    assert!(writes(&sandbox).is_empty());
    assert_eq!(sandbox.products(), before);
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn refused_products_are_reported_with_the_servers_message_and_the_rest_written() {
    let sandbox = sandbox(20, FaultConfig::none()).await;
    let env = tenant_env(&sandbox);
    let existing: Vec<String> =
        sandbox.products()[..2].iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect();
    let long_sku = "L".repeat(70);
    let refused = [
        (
            json!({"sku": "NEG-1", "name": "Negative", "price": -5}),
            "The \"price\" value can't be negative. Enter a number 0 or greater and try again.",
        ),
        (json!({"sku": "NOPRICE-1", "name": "No price"}), "price is a required field."),
        (
            json!({"sku": long_sku, "name": "Long", "price": 1}),
            "The sku attribute can't be longer than 64 characters.",
        ),
    ];
    let mut lines = vec![new_product("NEW-1"), new_product("NEW-2")];
    lines.extend(existing.iter().map(|sku| json!({"sku": sku, "name": format!("Renamed {sku}")})));
    lines.extend(refused.iter().map(|(product, _)| product.clone()));
    let dir = workdir();
    write_ndjson(dir.path(), "in.ndjson", &lines, "");

    let args = ["products", "import", "--file", "in.ndjson", "--concurrency", "3"];
    let run = accs(&args, &env, dir.path()).await;

    run.expect_code(1);
    for (product, message) in &refused {
        let sku = product["sku"].as_str().unwrap();
        let line = run.stderr.lines().find(|line| line.contains(&format!("{sku:?}")));
        let line = line.unwrap_or_else(|| panic!("{sku} not reported:\n{}", run.stderr));
        assert!(line.contains("not imported") && line.contains(message), "{line}");
        assert!(line.contains("HTTP 400"), "{line}");
        assert_eq!(sandbox.product(sku), None, "{sku} was written");
    }
    assert!(!run.stderr.contains("%fieldName") && !run.stderr.contains("%1"), "{}", run.stderr);
    assert!(run.stderr.contains("imported 4 of 7 products"), "{}", run.stderr);
    assert!(run.stderr.contains("3 refused"), "{}", run.stderr);

    for sku in ["NEW-1", "NEW-2"] {
        assert_eq!(sandbox.product(sku).unwrap()["name"], format!("Imported {sku}"));
    }
    for sku in &existing {
        assert_eq!(sandbox.product(sku).unwrap()["name"], format!("Renamed {sku}"));
    }
    // One PUT per line, each to its own product, none repeated.
    let mut put: Vec<String> = writes(&sandbox).into_iter().map(|r| r.sku.unwrap()).collect();
    let mut expected: Vec<String> =
        lines.iter().map(|p| p["sku"].as_str().unwrap().to_owned()).collect();
    put.sort();
    expected.sort();
    assert_eq!(put, expected);
    assert_eq!(sandbox.stats().products, 22);
}

/// The first string shaped like a sandbox token (`eyJ` then base64url with two dots) in `text`.
fn token_shaped(text: &str) -> Option<&str> {
    text.match_indices("eyJ").find_map(|(at, _)| {
        let rest = &text[at..];
        let token_char = |c: char| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.');
        let end = rest.find(|c: char| !token_char(c)).unwrap_or(rest.len());
        let candidate = &rest[..end];
        (candidate.len() >= 40 && candidate.matches('.').count() >= 2).then_some(candidate)
    })
}

/// Panics unless neither stream of `run` shows a secret or anything token-shaped.
fn assert_nothing_secret(what: &str, run: &Run, secrets: &[&str]) {
    for (stream, text) in [("stdout", &run.stdout), ("stderr", &run.stderr)] {
        for secret in secrets {
            assert!(!text.contains(secret), "{what}: a secret is on {stream}");
        }
        assert_eq!(token_shaped(text), None, "{what}: a token is on {stream}");
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_output_at_trace_shows_the_client_secret_or_a_token() {
    const WRONG_SECRET: &str = "p8e-WRONG-secret-0123456789abcdef0123";
    let faults = FaultConfig {
        http_503_html: 0.1,
        revoke_tokens_after: Some(2),
        seed: 5,
        ..FaultConfig::none()
    };
    let sandbox = sandbox(600, faults).await;
    let env = tenant_env(&sandbox);
    let secrets = [sandbox.client_secret(), WRONG_SECRET];
    let sku = sandbox.products()[0]["sku"].as_str().unwrap().to_owned();
    let dir = workdir();

    // The detector finds a real token: the one output meant to show it.
    let shown = accs(&["token", "--show-token"], &env, dir.path()).await;
    shown.expect_code(0);
    assert!(token_shaped(&shown.stdout).is_some(), "{}", shown.stdout);

    // An export through a revocation: a 401, a refresh and a replay, all logged at TRACE.
    let export = accs(&["-vvv", "products", "export", "--page-size", "100"], &env, dir.path());
    let export = export.await;
    export.expect_code(0);
    assert_eq!(common::ndjson(&export.stdout).len(), 600);
    assert!(export.stderr.contains("TRACE"), "not at trace:\n{}", export.stderr);
    assert!(export.stderr.contains("token rejected"), "no 401 recovery:\n{}", export.stderr);
    assert!(sandbox.stats().unauthorized >= 1);
    assert_nothing_secret("export", &export, &secrets);

    write_ndjson(dir.path(), "in.ndjson", &[json!({"sku": "NEG", "name": "x", "price": -1})], "");
    for args in [
        &["-vvv", "token"][..],
        &["-vvv", "products", "get", &sku],
        &["-vvv", "products", "get", "no-such-sku"],
        &["-vvv", "products", "import", "--file", "in.ndjson"],
    ] {
        let run = accs(args, &env, dir.path()).await;
        assert!(matches!(run.code, Some(0 | 1)), "{args:?}: {run:?}");
        assert_nothing_secret(&args.join(" "), &run, &secrets);
    }

    // A refused IMS exchange: the wrong secret, reported without either secret.
    let mut wrong = env.clone();
    for (name, value) in &mut wrong {
        if name == "IMS_CLIENT_SECRET" {
            *value = WRONG_SECRET.to_owned();
        }
    }
    let refused = accs(&["-vvv", "products", "get", &sku], &wrong, dir.path()).await;
    refused.expect_code(1);
    assert!(refused.stderr.contains("invalid_client"), "{}", refused.stderr);
    assert_nothing_secret("refused exchange", &refused, &secrets);
}
