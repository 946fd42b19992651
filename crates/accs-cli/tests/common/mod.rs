//! Running the `accs` binary against a sandbox in the test process, as a user's shell would.

// Test helpers: each test binary uses a subset, and failing loudly is their job.
#![allow(dead_code, unreachable_pub, clippy::unwrap_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

use accs_sandbox::{FaultConfig, Sandbox, SandboxConfig};

/// Every variable the command reads; removed from each run so the caller's shell cannot leak in.
const CONFIG_VARIABLES: [&str; 10] = [
    "API_ENDPOINT",
    "IMS_CLIENT_ID",
    "IMS_CLIENT_SECRET",
    "IMS_ORG_ID",
    "IMS_TOKEN_URL",
    "IMS_SCOPES",
    "ACCS_ACCESS_TOKEN",
    "ACCS_STORE",
    "ACCS_FLAVOR",
    "RUST_LOG",
];

/// What one run of `accs` did.
#[derive(Debug)]
pub struct Run {
    /// The exit status; `None` when killed by a signal.
    pub code: Option<i32>,
    pub stdout: String,
    pub stderr: String,
}

impl Run {
    /// Panics with both streams unless the command exited with `code`.
    pub fn expect_code(&self, code: i32) -> &Self {
        assert_eq!(
            self.code,
            Some(code),
            "exit status; stdout:\n{}\nstderr:\n{}",
            self.stdout,
            self.stderr
        );
        self
    }

    /// Standard output parsed as one JSON document.
    pub fn json(&self) -> serde_json::Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|err| panic!("stdout is not JSON ({err}):\n{}", self.stdout))
    }
}

/// A sandbox with `products` products and `faults`.
pub async fn sandbox(products: usize, faults: FaultConfig) -> Sandbox {
    Sandbox::start(SandboxConfig { products, faults, ..SandboxConfig::default() }).await.unwrap()
}

/// The variables a user would set to point the command at `sandbox` as at a real tenant.
pub fn tenant_env(sandbox: &Sandbox) -> Vec<(String, String)> {
    [
        ("API_ENDPOINT", sandbox.base_url()),
        ("IMS_TOKEN_URL", sandbox.ims_token_url()),
        ("IMS_CLIENT_ID", sandbox.client_id()),
        ("IMS_CLIENT_SECRET", sandbox.client_secret()),
        ("IMS_ORG_ID", sandbox.org_id()),
        ("ACCS_FLAVOR", "saas"),
    ]
    .into_iter()
    .map(|(name, value)| (name.to_owned(), value.to_owned()))
    .collect()
}

/// A fresh working directory, so that no `.env` of the caller's is read.
pub fn workdir() -> tempfile::TempDir {
    tempfile::tempdir().unwrap()
}

/// Runs `accs args...` in `dir` with exactly the configuration `env`, off the async runtime so
/// that a sandbox in this process keeps serving.
pub async fn accs(args: &[&str], env: &[(String, String)], dir: &Path) -> Run {
    let mut command = Command::new(binary());
    command.args(args).current_dir(dir);
    for name in CONFIG_VARIABLES {
        command.env_remove(name);
    }
    command.envs(env.iter().map(|(name, value)| (name, value)));
    let output = tokio::task::spawn_blocking(move || command.output()).await.unwrap().unwrap();
    Run {
        code: output.status.code(),
        stdout: String::from_utf8(output.stdout).unwrap(),
        stderr: String::from_utf8(output.stderr).unwrap(),
    }
}

/// The `accs` binary Cargo built for these tests.
pub fn binary() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_accs"))
}

/// The lines of an NDJSON text, each parsed.
pub fn ndjson(text: &str) -> Vec<serde_json::Value> {
    text.lines()
        .filter(|line| !line.trim().is_empty())
        .map(|line| serde_json::from_str(line).unwrap())
        .collect()
}
