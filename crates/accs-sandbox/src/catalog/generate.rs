//! The deterministic catalog generator: the same seed and id always give the same product.
//!
//! Each product draws from its own random stream, seeded from the catalog seed and its id, so
//! products can be made in parallel and churn can make more later with the same look.

use std::cell::RefCell;

use rand::Rng;

use super::document::*;
use super::fields::{CoreFields, Scalar};
use super::product::Product;
use super::product_rng::ProductRng;
use super::sections::*;
use super::words::*;
use crate::timestamp::format_unix;

/// Every this many ids, a product gets a SKU with characters that need encoding in a path.
pub(crate) const SPECIAL_SKU_EVERY: u64 = 97;

/// 2019-01-01 00:00:00 UTC, the earliest `created_at`.
const FIRST_CREATED_AT: u64 = 1_546_300_800;

/// Random streams per product, so that the type and SKU can be known without the rest.
const TYPE_STREAM: u64 = 1;
const BODY_STREAM: u64 = 2;
const SKU_STREAM: u64 = 3;

/// Generates the products with ids `1..=count`, using every core.
pub(crate) fn generate_products(seed: u64, count: usize) -> Vec<Product> {
    let threads = std::thread::available_parallelism().map_or(1, usize::from).min(8);
    let chunk = count.div_ceil(threads).max(1);
    let ranges: Vec<(u64, u64)> = (0..count)
        .step_by(chunk)
        .map(|start| (start as u64 + 1, (start + chunk).min(count) as u64))
        .collect();
    std::thread::scope(|scope| {
        let workers: Vec<_> = ranges
            .iter()
            .map(|&(first, last)| {
                scope.spawn(move || {
                    (first..=last)
                        .map(|id| generate_product(seed, id, &generated_sku(seed, id), None))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        workers
            .into_iter()
            .flat_map(|worker| {
                worker.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic))
            })
            .collect()
    })
}

/// The `type_id` of product `id`.
fn product_type(seed: u64, id: u64) -> &'static str {
    match ProductRng::new(seed, id, TYPE_STREAM).gen_range(0..100) {
        0..78 => "simple",
        78..86 => "configurable",
        86..92 => "virtual",
        92..96 => "bundle",
        _ => "downloadable",
    }
}

/// The SKU the generator gives product `id`: a plain one like `MS-12`, or every
/// [`SPECIAL_SKU_EVERY`]th id one with characters that need care in a URL path.
pub(crate) fn generated_sku(seed: u64, id: u64) -> String {
    if id.is_multiple_of(SPECIAL_SKU_EVERY) {
        return match (id / SPECIAL_SKU_EVERY) % 8 {
            0 => format!("BAH-SB+{id}"),
            1 => format!("AB-{id}/6"),
            2 => format!("ABCD ({id}-B)"),
            3 => format!("A#{id}"),
            4 => format!("50%OFF-{id}"),
            5 => format!("A?B{id}"),
            6 => format!("Ä-{id}"),
            _ => format!("sku with spaces {id}"),
        };
    }
    let prefixes = match product_type(seed, id) {
        "simple" => SIMPLE_PREFIXES,
        "configurable" => CONFIGURABLE_PREFIXES,
        "virtual" => &["VRT"],
        "bundle" => &["BND"],
        _ => &["DL"],
    };
    format!("{}-{id}", prefixes[ProductRng::new(seed, id, SKU_STREAM).gen_range(0..prefixes.len())])
}

/// Builds product `id` with the given SKU; `now` replaces both timestamps when given (products
/// created while the sandbox runs).
pub(crate) fn generate_product(seed: u64, id: u64, sku: &str, now: Option<&str>) -> Product {
    let rng = &mut ProductRng::new(seed, id, BODY_STREAM);
    let type_id = product_type(seed, id);
    let physical = matches!(type_id, "simple" | "configurable" | "bundle");

    let name = product_name(rng, id);
    let price = match type_id {
        "configurable" | "bundle" => None,
        _ if rng.gen_ratio(1, 50) => None,
        _ => Some(f64::from(rng.gen_range(99..99_999u32)) / 100.0),
    };
    let weight =
        (physical && rng.gen_ratio(85, 100)).then(|| f64::from(rng.gen_range(1..200u32)) / 10.0);
    let created = FIRST_CREATED_AT + rng.gen_range(0..6 * 365 * 86_400);
    let (created_at, updated_at) = match now {
        Some(now) => (now.to_owned(), now.to_owned()),
        None => (format_unix(created), format_unix(created + rng.gen_range(0..365 * 86_400))),
    };
    let status = if rng.gen_ratio(9, 10) { 1 } else { 2 };
    let visibility = match rng.gen_range(0..100) {
        0..70 => 4,
        70..85 => 1,
        85..92 => 2,
        _ => 3,
    };
    let attribute_set_id = [4, 9, 10, 11, 12, 15, 16][rng.gen_range(0..7)];
    let categories: Vec<String> =
        (0..rng.gen_range(1..=3)).map(|_| rng.gen_range(2..41u32).to_string()).collect();

    let document = ProductDocument {
        id,
        sku,
        name: name.as_deref(),
        attribute_set_id,
        price,
        status,
        visibility,
        type_id,
        created_at: &created_at,
        updated_at: &updated_at,
        weight,
        extension_attributes: extension_attributes(rng, id, type_id, &categories),
        product_links: product_links(rng, seed, id, sku),
        options: custom_options(rng, id, sku),
        media_gallery_entries: media_gallery(rng, id, sku, name.as_deref()),
        tier_prices: tier_prices(rng, price),
        custom_attributes: custom_attributes(rng, id, name.as_deref(), price, categories),
    };
    let json = render(&document);

    let mut core = CoreFields::default();
    if let Some(name) = &name {
        core.set("name", Scalar::text(name));
    }
    if let Some(price) = price {
        core.set("price", Scalar::number(price));
    }
    if let Some(weight) = weight {
        core.set("weight", Scalar::number(weight));
    }
    core.set("status", Scalar::integer(status.into()));
    core.set("visibility", Scalar::integer(visibility.into()));
    core.set("type_id", Scalar::text(type_id));
    core.set("attribute_set_id", Scalar::integer(attribute_set_id.into()));
    core.set("created_at", Scalar::text(&created_at));
    core.set("updated_at", Scalar::text(&updated_at));
    Product { id, sku: sku.into(), json: json.into(), core }
}

/// Renders into a reused buffer, then copies into an allocation of the exact size: products
/// live as long as the catalog, so slack capacity would be memory wasted per product.
fn render(document: &ProductDocument<'_>) -> Vec<u8> {
    thread_local! {
        static BUFFER: RefCell<Vec<u8>> = RefCell::new(Vec::with_capacity(8 * 1024));
    }
    BUFFER.with_borrow_mut(|buffer| {
        buffer.clear();
        serde_json::to_writer(&mut *buffer, document)
            .expect("product documents have only string keys");
        buffer.as_slice().to_vec()
    })
}

fn product_name(rng: &mut ProductRng, id: u64) -> Option<String> {
    let pick = |rng: &mut ProductRng, words: &[&'static str]| words[rng.gen_range(0..words.len())];
    let name = match rng.gen_range(0..1000) {
        0..3 => return None,
        3..100 => format!("{} {}", pick(rng, CJK_NAMES), pick(rng, NOUNS)),
        100..160 => format!("{} {} {}", pick(rng, ADJECTIVES), pick(rng, NOUNS), pick(rng, EMOJI)),
        160..500 => {
            format!("{} {} - {}", pick(rng, ADJECTIVES), pick(rng, NOUNS), pick(rng, COLOURS))
        }
        _ => format!("{} {}", pick(rng, ADJECTIVES), pick(rng, NOUNS)),
    };
    // Real catalogs repeat names; the id keeps the rare collision apart.
    Some(if rng.gen_ratio(1, 4) { format!("{name} #{id}") } else { name })
}

#[cfg(test)]
#[path = "generate_tests.rs"]
mod tests;
