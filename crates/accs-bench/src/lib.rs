//! Benchmarks of the accs crates, run by `cargo xtask bench`; see `docs/PERFORMANCE.md` for
//! the latest figures.
//!
//! Two kinds of benchmark live here:
//!
//! - a criterion micro benchmark, `benches/token.rs`: `token()` on a warm
//!   `CachedTokenProvider`, the call every request makes;
//! - the end-to-end harness, the `accs-bench` binary, which measures against a sandbox in a
//!   process of its own (`accs sandbox`): export throughput against a plain `reqwest`
//!   baseline issuing the same requests, the peak memory of `accs products export`, the
//!   overhead of one `get` against the baseline, and what the sandbox itself can serve.
//!
//! Each comparison runs ours and the baseline alternately in the same run, against the same
//! sandbox, and compares medians, so that a busy machine slows both alike.
//!
//! # The baseline
//!
//! [`PlainClient`] is what a program would write with `reqwest` and `serde_json::Value` and
//! one token fetched up front. Its export reads the same pages as the catalog stream:
//!
//! ```
//! # #[tokio::main(flavor = "current_thread")]
//! # async fn main() -> Result<(), Box<dyn std::error::Error>> {
//! use accs_bench::{Endpoint, PlainClient};
//! use accs_sandbox::{Sandbox, SandboxConfig};
//!
//! let sandbox = Sandbox::start(SandboxConfig { products: 700, ..SandboxConfig::default() }).await?;
//! let endpoint = Endpoint {
//!     api_endpoint: sandbox.base_url().to_owned(),
//!     ims_token_url: sandbox.ims_token_url().to_owned(),
//!     client_id: sandbox.client_id().to_owned(),
//!     client_secret: sandbox.client_secret().to_owned(),
//!     org_id: sandbox.org_id().to_owned(),
//! };
//! let baseline = PlainClient::connect(&endpoint).await?;
//! assert_eq!(baseline.export(300, 4).await?, 700);
//! # sandbox.shutdown().await;
//! # Ok(())
//! # }
//! ```

mod baseline;
mod error;
mod export_memory;
mod export_throughput;
mod machine;
mod median;
mod ours;
mod peak_rss;
mod report;
mod request_overhead;
mod sandbox_capacity;
mod sandbox_process;
mod token_hot_path;

pub use baseline::PlainClient;
pub use error::BenchError;
pub use export_memory::{GROWTH_TARGET_PERCENT, PEAK_RSS_TARGET_MIB, export_memory};
pub use export_throughput::{THROUGHPUT_RATIO_TARGET, export_throughput};
pub use machine::machine_context;
pub use median::median;
pub use ours::catalog;
pub use peak_rss::{PeakRss, run_measuring_peak_rss};
pub use report::{Metric, Report, Target};
pub use request_overhead::{OVERHEAD_RATIO_TARGET, request_overhead};
pub use sandbox_capacity::sandbox_capacity;
pub use sandbox_process::{Endpoint, SandboxProcess};
pub use token_hot_path::{TOKEN_ESTIMATES, TOKEN_TARGET_NS, token_hot_path};
