//! `accs sandbox`: the sandbox in the foreground.

use std::io::Write;
use std::process::ExitCode;

use accs_sandbox::{FaultConfig, Sandbox, SandboxConfig};
use serde_json::json;

use crate::cli::SandboxArgs;
use crate::failure::{Failure, io_failure};

/// Starts the sandbox, prints how to reach it as one JSON line, and serves until Ctrl-C.
pub(crate) async fn run(args: &SandboxArgs) -> Result<ExitCode, Failure> {
    let config = SandboxConfig {
        port: args.port,
        products: args.products,
        seed: args.seed,
        faults: FaultConfig::profile(&args.faults)?,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start(config).await?;
    let line = json!({
        "api_endpoint": sandbox.base_url(),
        "ims_token_url": sandbox.ims_token_url(),
        "client_id": sandbox.client_id(),
        "client_secret": sandbox.client_secret(),
        "org_id": sandbox.org_id(),
    });
    let mut stdout = std::io::stdout().lock();
    writeln!(stdout, "{line}")
        .and_then(|()| stdout.flush())
        .map_err(|e| io_failure("stdout", e))?;
    drop(stdout);
    eprintln!("sandbox serving {} products; press Ctrl-C to stop", args.products);

    tokio::signal::ctrl_c()
        .await
        .map_err(|err| Failure::Service(format!("waiting for Ctrl-C: {err}")))?;
    sandbox.shutdown().await;
    Ok(ExitCode::SUCCESS)
}
