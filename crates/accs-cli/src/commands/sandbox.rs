//! `accs sandbox`: the sandbox in the foreground.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use accs_sandbox::{FaultConfig, Sandbox, SandboxConfig};
use serde_json::json;

use crate::cli::SandboxArgs;
use crate::failure::{Failure, io_failure};

/// Starts the sandbox, prints how to reach it as one JSON line (and writes it as a `.env`
/// file when asked), and serves until Ctrl-C or SIGTERM.
pub(crate) async fn run(args: &SandboxArgs) -> Result<ExitCode, Failure> {
    let config = SandboxConfig {
        port: args.port,
        products: args.products,
        seed: args.seed,
        faults: FaultConfig::profile(&args.faults)?,
        ..SandboxConfig::default()
    };
    let sandbox = Sandbox::start(config).await?;
    if let Some(path) = &args.env_file {
        write_env_file(path, &sandbox)?;
    }
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

    let stopped = stop_signal().await;
    sandbox.shutdown().await;
    if let Some(path) = &args.env_file {
        // It names credentials that no longer work.
        let _ = std::fs::remove_file(path);
    }
    stopped.map(|()| ExitCode::SUCCESS)
}

/// The variables of a real tenant, pointing at `sandbox`, in a new file at `path`.
fn write_env_file(path: &Path, sandbox: &Sandbox) -> Result<(), Failure> {
    let shown = path.display().to_string();
    let mut file = std::fs::OpenOptions::new().write(true).create_new(true).open(path).map_err(
        |err| match err.kind() {
            std::io::ErrorKind::AlreadyExists => Failure::Usage(format!(
                "{shown} already exists; the sandbox does not overwrite it (it may hold a real \
                 tenant's credentials): remove it or name another --env-file"
            )),
            _ => Failure::Usage(format!("{shown}: {err}")),
        },
    )?;
    let text = format!(
        "API_ENDPOINT={}\nIMS_TOKEN_URL={}\nIMS_CLIENT_ID={}\nIMS_CLIENT_SECRET={}\nIMS_ORG_ID={}\n\
         ACCS_FLAVOR=saas\n",
        sandbox.base_url(),
        sandbox.ims_token_url(),
        sandbox.client_id(),
        sandbox.client_secret(),
        sandbox.org_id(),
    );
    file.write_all(text.as_bytes()).map_err(|err| io_failure(&shown, err))
}

/// Waits for Ctrl-C, or on Unix for SIGTERM too (`kill`), so that the sandbox stops cleanly.
async fn stop_signal() -> Result<(), Failure> {
    let failed =
        |err: std::io::Error| Failure::Service(format!("waiting for a stop signal: {err}"));
    #[cfg(unix)]
    {
        let mut terminate =
            tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate())
                .map_err(failed)?;
        tokio::select! {
            interrupted = tokio::signal::ctrl_c() => interrupted.map_err(failed),
            _ = terminate.recv() => Ok(()),
        }
    }
    #[cfg(not(unix))]
    {
        tokio::signal::ctrl_c().await.map_err(failed)
    }
}
