//! The product catalog: products ordered by id, found by SKU, changed by writes and churn.

mod document;
mod fields;
mod generate;
mod product;
mod product_rng;
mod sections;
mod words;
mod write;

use std::collections::HashMap;
use std::ops::Range;

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

pub(crate) use fields::{FieldRef, FieldValue, ScalarRef, parse_number};
pub(crate) use product::Product;
pub(crate) use write::ProductInput;

use crate::Churn;

/// Every product, kept in a vector sorted by id: ids only grow, so inserts append, and a range
/// of ids is found, counted and paged by binary search.
#[derive(Debug)]
pub(crate) struct Catalog {
    seed: u64,
    products: Vec<Product>,
    /// Lowercased SKU to id: MySQL's default collation makes SKU lookups case-insensitive.
    by_sku: HashMap<String, u64>,
    next_id: u64,
}

impl Catalog {
    /// The generated catalog of `count` products with ids `1..=count`.
    pub(crate) fn generate(seed: u64, count: usize) -> Self {
        let products = generate::generate_products(seed, count);
        let by_sku = products.iter().map(|product| (sku_key(&product.sku), product.id)).collect();
        Self { seed, products, by_sku, next_id: count as u64 + 1 }
    }

    /// How many products there are.
    pub(crate) fn len(&self) -> usize {
        self.products.len()
    }

    /// Every product, by id.
    pub(crate) fn products(&self) -> &[Product] {
        &self.products
    }

    /// The positions in [`Catalog::products`] of the ids within `ids`.
    pub(crate) fn positions_of(&self, ids: &Range<u64>) -> Range<usize> {
        let start = self.products.partition_point(|product| product.id < ids.start);
        let end = self.products.partition_point(|product| product.id < ids.end);
        start..end.max(start)
    }

    /// The product with this SKU, compared case-insensitively.
    pub(crate) fn get(&self, sku: &str) -> Option<&Product> {
        let id = self.by_sku.get(&sku_key(sku))?;
        self.position(*id).map(|position| &self.products[position])
    }

    /// Deletes the product with this SKU; `false` when there is none.
    pub(crate) fn delete(&mut self, sku: &str) -> bool {
        let Some(id) = self.by_sku.remove(&sku_key(sku)) else {
            return false;
        };
        if let Some(position) = self.position(id) {
            self.products.remove(position);
        }
        true
    }

    /// Inserts `inserts` generated products and deletes `deletes` random ones, drawing from
    /// `seed`; used by the churn fault.
    pub(crate) fn churn(&mut self, churn: Churn, seed: u64) {
        let mut rng = StdRng::seed_from_u64(seed);
        let now = crate::timestamp::now();
        for _ in 0..churn.inserts_per_list {
            let id = self.take_id();
            let mut sku = generate::generated_sku(self.seed, id);
            while self.by_sku.contains_key(&sku_key(&sku)) {
                sku.push_str("-n");
            }
            let product = generate::generate_product(self.seed, id, &sku, Some(&now));
            self.push(product);
        }
        for _ in 0..churn.deletes_per_list.min(self.products.len()) {
            let victim = self.products.remove(rng.gen_range(0..self.products.len()));
            self.by_sku.remove(&sku_key(&victim.sku));
        }
    }

    fn position(&self, id: u64) -> Option<usize> {
        self.products.binary_search_by_key(&id, |product| product.id).ok()
    }

    /// A fresh id, above every id ever used.
    fn take_id(&mut self) -> u64 {
        let id = self.next_id;
        self.next_id += 1;
        id
    }

    /// Appends a product whose id came from [`Catalog::take_id`].
    fn push(&mut self, product: Product) {
        self.by_sku.insert(sku_key(&product.sku), product.id);
        self.products.push(product);
    }
}

fn sku_key(sku: &str) -> String {
    sku.to_lowercase()
}
