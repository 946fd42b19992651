//! `accs`: Adobe Commerce as a Cloud Service from the command line.

mod cli;
mod commands;
mod failure;
mod setup;

use std::io::IsTerminal;
use std::process::ExitCode;

use clap::Parser;
use tracing_subscriber::EnvFilter;

use crate::cli::{Cli, Command, ProductsCommand};
use crate::failure::Failure;

fn main() -> ExitCode {
    let cli = Cli::parse();
    init_tracing(cli.verbose);

    let runtime = match tokio::runtime::Builder::new_multi_thread().enable_all().build() {
        Ok(runtime) => runtime,
        Err(err) => {
            eprintln!("error: cannot start the async runtime: {err}");
            return ExitCode::from(1);
        }
    };
    match runtime.block_on(run(cli)) {
        Ok(code) => code,
        Err(Failure::OutputClosed) => Failure::OutputClosed.exit_code(),
        Err(failure) => {
            eprintln!("error: {failure}");
            failure.exit_code()
        }
    }
}

async fn run(cli: Cli) -> Result<ExitCode, Failure> {
    if let Command::Sandbox(args) = &cli.command {
        return commands::sandbox::run(args).await;
    }
    setup::load_dotenv()?;
    let target = setup::target(cli.sandbox, cli.store.as_deref()).await?;
    match cli.command {
        Command::Token { show_token } => commands::token::run(&target, show_token).await,
        Command::Products(command) => match command {
            ProductsCommand::Get { sku } => commands::products::get(&target, &sku).await,
            ProductsCommand::List { filters, sort, page_size, page } => {
                commands::products::list(&target, &filters, &sort, page_size, page).await
            }
            ProductsCommand::Delete { sku } => commands::products::delete(&target, &sku).await,
            ProductsCommand::Export { out, format, filters, page_size, concurrency } => {
                let options =
                    commands::export::Options { out, format, filters, page_size, concurrency };
                commands::export::run(&target, options).await
            }
            ProductsCommand::Import { file, concurrency } => {
                commands::import::run(&target, &file, concurrency).await
            }
        },
        Command::Sandbox(_) => Ok(ExitCode::SUCCESS),
    }
}

/// Logs to stderr: warnings by default, more with each -v; RUST_LOG, when set, decides.
/// Colours only on a terminal, so captured logs stay plain text.
fn init_tracing(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    let filter = EnvFilter::try_from_default_env().unwrap_or_else(|_| EnvFilter::new(level));
    tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .with_ansi(std::io::stderr().is_terminal())
        .init();
}
