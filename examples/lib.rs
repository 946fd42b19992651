//! Runnable examples for the accs crates. Each starts an embedded sandbox, so none needs an
//! Adobe tenant or any configuration:
//!
//! - `cargo run -p accs-examples --example quickstart`: a token, a filtered list, one product;
//! - `cargo run -p accs-examples --example custom_token_provider`: your own token source
//!   behind the shared cache;
//! - `cargo run -p accs-examples --example bulk_export`: the whole catalog through the stream.
