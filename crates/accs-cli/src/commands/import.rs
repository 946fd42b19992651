//! `accs products import`: upsert every product of an NDJSON file, checked whole first.

use std::collections::HashMap;
use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use accs_catalog::{Product, Products};
use futures::StreamExt;

use crate::failure::Failure;
use crate::setup::Target;

/// Checks the whole file, then upserts each product; a refused product is reported and the
/// rest still go through (exit status 1 if any was refused).
pub(crate) async fn run(
    target: &Target,
    file: &Path,
    concurrency: usize,
) -> Result<ExitCode, Failure> {
    if concurrency == 0 {
        return Err(Failure::Usage("--concurrency must be at least 1".to_owned()));
    }
    let text = std::fs::read_to_string(file)
        .map_err(|err| Failure::Usage(format!("{}: {err}", file.display())))?;
    let products =
        parse(&text).map_err(|reason| Failure::Usage(format!("{}: {reason}", file.display())))?;

    let started = Instant::now();
    let catalog = Products::new(target.client.clone());
    let total = products.len();
    let mut refused = 0usize;
    let mut results = futures::stream::iter(products)
        .map(|product| {
            let catalog = catalog.clone();
            async move {
                let outcome = catalog.upsert(&product).await;
                (product.sku, outcome)
            }
        })
        .buffer_unordered(concurrency);
    while let Some((sku, outcome)) = results.next().await {
        if let Err(err) = outcome {
            refused += 1;
            eprintln!("error: product {sku:?} not imported: {err}");
        }
    }

    eprintln!(
        "imported {} of {total} products in {:.2} s; {refused} refused",
        total - refused,
        started.elapsed().as_secs_f64()
    );
    if refused > 0 { Ok(ExitCode::from(1)) } else { Ok(ExitCode::SUCCESS) }
}

/// Every product of the file, or the first bad line's number and what is wrong with it.
fn parse(text: &str) -> Result<Vec<Product>, String> {
    let mut products = Vec::new();
    let mut first_line_of: HashMap<String, usize> = HashMap::new();
    for (index, line) in text.lines().enumerate() {
        let number = index + 1;
        if line.trim().is_empty() {
            continue;
        }
        let value: serde_json::Value = serde_json::from_str(line)
            .map_err(|err| format!("line {number}: not valid JSON ({err})"))?;
        if !value.is_object() {
            return Err(format!("line {number}: not a JSON object"));
        }
        match value.get("sku") {
            Some(serde_json::Value::String(sku)) if !sku.trim().is_empty() => {}
            Some(serde_json::Value::String(_)) => {
                return Err(format!("line {number}: \"sku\" is empty"));
            }
            Some(_) => return Err(format!("line {number}: \"sku\" is not a string")),
            None => return Err(format!("line {number}: no \"sku\"")),
        }
        let product = Product::from_value(value)
            .map_err(|err| format!("line {number}: not a product ({err})"))?;
        if let Some(first) = first_line_of.insert(product.sku.clone(), number) {
            return Err(format!(
                "line {number}: sku {:?} already appears on line {first}",
                product.sku
            ));
        }
        products.push(product);
    }
    Ok(products)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_bad_line_is_named_by_its_number() {
        let cases = [
            ("{\"sku\":\"A\"}\n{\"sku\":\n", "line 2: not valid JSON"),
            ("\n\n[1]\n", "line 3: not a JSON object"),
            ("{\"name\":\"x\"}", "line 1: no \"sku\""),
            ("{\"sku\":\"  \"}", "line 1: \"sku\" is empty"),
            ("{\"sku\":5}", "line 1: \"sku\" is not a string"),
            ("{\"sku\":\"A\"}\n{\"sku\":\"A\"}", "line 2: sku \"A\" already appears on line 1"),
        ];
        for (text, expected) in cases {
            let err = parse(text).unwrap_err();
            assert!(err.starts_with(expected), "{err}");
        }
    }

    #[test]
    fn blank_lines_are_skipped_and_products_kept_whole() {
        let products = parse("{\"sku\":\"A\",\"x_new\":1}\n\n{\"sku\":\"B\"}\n").unwrap();
        assert_eq!(products.len(), 2);
        assert_eq!(products[0].to_value().unwrap()["x_new"], 1);
    }
}
