//! The token hot path: the figure the criterion bench `benches/token.rs` measured.

use std::path::Path;

use serde_json::Value;

use crate::report::{Metric, Target};

/// The median a warm `token()` call must stay under, in nanoseconds.
pub const TOKEN_TARGET_NS: f64 = 200.0;

/// Where criterion keeps the latest estimates of the bench, under its output directory.
pub const TOKEN_ESTIMATES: &str = "token/cached_warm/new/estimates.json";

/// The median ns per warm `token()` call from criterion's estimates in `criterion_dir`.
pub fn token_hot_path(criterion_dir: &Path) -> Metric {
    let key = "token_warm_median_ns";
    let name = "token() on a warm cache, median";
    let target = Some(Target::Below(TOKEN_TARGET_NS));
    let path = criterion_dir.join(TOKEN_ESTIMATES);
    let median = std::fs::read_to_string(&path)
        .map_err(|err| {
            format!("reading {}: {err} (run `cargo bench -p accs-bench`)", path.display())
        })
        .and_then(|text| serde_json::from_str::<Value>(&text).map_err(|err| err.to_string()))
        .and_then(|estimates| {
            estimates["median"]["point_estimate"]
                .as_f64()
                .ok_or_else(|| format!("{} has no median.point_estimate", path.display()))
        });
    match median {
        Ok(ns) => Metric::measured(key, name, ns, "ns", target).with_detail(
            "criterion, CachedTokenProvider over a 24 h token, via Arc<dyn TokenProvider>",
        ),
        Err(reason) => Metric::failed(key, name, "ns", target, &reason),
    }
}
