//! The command line, as clap reads it.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Adobe Commerce as a Cloud Service from the command line: tokens, products, bulk export and
/// import, and an embedded sandbox.
///
/// Configuration comes from the environment and from a `.env` file in the working directory:
/// API_ENDPOINT, IMS_CLIENT_ID, IMS_CLIENT_SECRET, IMS_ORG_ID, IMS_TOKEN_URL, IMS_SCOPES,
/// ACCS_ACCESS_TOKEN, ACCS_STORE, ACCS_FLAVOR (saas|paas). With --sandbox none is needed.
#[derive(Debug, Parser)]
#[command(name = "accs", version, propagate_version = true)]
pub(crate) struct Cli {
    /// Start an embedded sandbox (ACCS and IMS in-process) and run the command against it.
    #[arg(long, global = true)]
    pub(crate) sandbox: bool,

    /// The store view code to read and write (overrides ACCS_STORE).
    #[arg(long, global = true, value_name = "CODE")]
    pub(crate) store: Option<String>,

    /// More logging on stderr: -v info, -vv debug, -vvv trace. RUST_LOG overrides.
    #[arg(short, long, global = true, action = clap::ArgAction::Count)]
    pub(crate) verbose: u8,

    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Debug, Subcommand)]
pub(crate) enum Command {
    /// Mint an access token and print its type and expiry as JSON (the token is withheld).
    Token {
        /// Print the raw token alone instead.
        #[arg(long)]
        show_token: bool,
    },
    /// Read and write products.
    #[command(subcommand)]
    Products(ProductsCommand),
    /// Run the sandbox in the foreground until interrupted. The first line on stdout is a JSON
    /// object with api_endpoint, ims_token_url, client_id, client_secret and org_id.
    Sandbox(SandboxArgs),
}

#[derive(Debug, Subcommand)]
pub(crate) enum ProductsCommand {
    /// Print one product's JSON as the server sent it.
    Get {
        /// The product's SKU, as it is (no encoding needed).
        sku: String,
    },
    /// Print one page of products as JSON.
    List {
        #[command(flatten)]
        filters: FilterArgs,
        /// Sort by FIELD[:asc|desc]; repeat for several keys.
        #[arg(long, value_name = "FIELD[:asc|desc]")]
        sort: Vec<String>,
        /// Products per page, 1 to 300.
        #[arg(long, default_value_t = 20)]
        page_size: u32,
        /// The page to print, from 1.
        #[arg(long, default_value_t = 1)]
        page: u32,
    },
    /// Write every matching product exactly once, as NDJSON (default) or CSV.
    Export {
        /// The file to write; standard output when absent. Written in full or not at all.
        #[arg(long, value_name = "PATH")]
        out: Option<PathBuf>,
        /// The output format.
        #[arg(long, value_enum, default_value_t = Format::Ndjson)]
        format: Format,
        #[command(flatten)]
        filters: FilterArgs,
        /// Products per request, 1 to 300.
        #[arg(long, default_value_t = 300)]
        page_size: u32,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
    /// Upsert every product of an NDJSON file by SKU. The whole file is checked first.
    Import {
        /// The NDJSON file: one product object per line.
        #[arg(long, value_name = "PATH")]
        file: PathBuf,
        /// Requests in flight at once.
        #[arg(long, default_value_t = 4)]
        concurrency: usize,
    },
    /// Delete one product.
    Delete {
        /// The product's SKU.
        sku: String,
    },
}

#[derive(Debug, Args)]
pub(crate) struct FilterArgs {
    /// A filter FIELD:CONDITION:VALUE (VALUE is everything after the second colon); each
    /// --filter is its own group, and groups are AND-ed.
    #[arg(long = "filter", value_name = "FIELD:CONDITION:VALUE")]
    pub(crate) filters: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, ValueEnum)]
pub(crate) enum Format {
    /// One JSON object per line, equal to what the server sent.
    Ndjson,
    /// The common columns: sku, id, name, type_id, status, visibility, price,
    /// attribute_set_id, created_at, updated_at.
    Csv,
}

#[derive(Debug, Args)]
pub(crate) struct SandboxArgs {
    /// The port to listen on (127.0.0.1); 0 picks a free one.
    #[arg(long, default_value_t = 0)]
    pub(crate) port: u16,
    /// How many products to generate.
    #[arg(long, default_value_t = 10_000)]
    pub(crate) products: usize,
    /// The seed of the generated catalog and of fault draws.
    #[arg(long, default_value_t = 42)]
    pub(crate) seed: u64,
    /// A fault profile: none, flaky, throttled, churn or chaos.
    #[arg(long, default_value = "none")]
    pub(crate) faults: String,
    /// Also write the variables that point `accs` at this sandbox to PATH in `.env` form
    /// (API_ENDPOINT, IMS_*, ACCS_FLAVOR), so `accs` run in that directory uses it. An existing
    /// file is never overwritten; the file is removed when the sandbox stops.
    #[arg(long, value_name = "PATH")]
    pub(crate) env_file: Option<PathBuf>,
}
