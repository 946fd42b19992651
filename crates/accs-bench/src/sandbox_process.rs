//! A sandbox in a process of its own, so that the operating system, not one runtime, shares
//! the CPU between the server and the client being measured.

use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};

use serde::Deserialize;

use crate::BenchError;

/// How to reach a sandbox: the JSON line `accs sandbox` prints first.
#[derive(Debug, Clone, Deserialize)]
pub struct Endpoint {
    /// The ACCS base URL, `http://127.0.0.1:<port>/<tenant>`.
    pub api_endpoint: String,
    /// The IMS token URL.
    pub ims_token_url: String,
    /// The OAuth client id, also sent as `x-api-key`.
    pub client_id: String,
    /// The OAuth client secret.
    pub client_secret: String,
    /// The IMS organisation, sent as `x-gw-ims-org-id`.
    pub org_id: String,
}

impl Endpoint {
    /// The variables `accs` reads to reach this sandbox as it would a real tenant.
    pub fn environment(&self) -> [(&'static str, &str); 6] {
        [
            ("API_ENDPOINT", &self.api_endpoint),
            ("IMS_TOKEN_URL", &self.ims_token_url),
            ("IMS_CLIENT_ID", &self.client_id),
            ("IMS_CLIENT_SECRET", &self.client_secret),
            ("IMS_ORG_ID", &self.org_id),
            ("ACCS_FLAVOR", "saas"),
        ]
    }
}

/// A running `accs sandbox --port 0 --products N`; killed when dropped.
#[derive(Debug)]
pub struct SandboxProcess {
    child: Child,
    endpoint: Endpoint,
    products: usize,
}

impl SandboxProcess {
    /// Starts `accs_binary sandbox` with `products` products and waits for its first line,
    /// which comes once the catalog is generated and the port bound.
    pub fn start(accs_binary: &Path, products: usize) -> Result<SandboxProcess, BenchError> {
        let mut child = Command::new(accs_binary)
            .args(["sandbox", "--port", "0", "--products", &products.to_string()])
            .stdin(Stdio::null())
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|err| BenchError::new(format!("starting {}: {err}", accs_binary.display())))?;

        let first_line = child.stdout.take().map(|stdout| {
            let mut line = String::new();
            BufReader::new(stdout).read_line(&mut line).map(|_| line)
        });
        let endpoint = match first_line {
            Some(Ok(line)) => serde_json::from_str::<Endpoint>(&line).map_err(|err| {
                BenchError::new(format!("the sandbox's first line {line:?} is not its JSON: {err}"))
            }),
            Some(Err(err)) => Err(BenchError::new(format!("reading the sandbox's stdout: {err}"))),
            None => Err(BenchError::new("the sandbox has no stdout")),
        };
        match endpoint {
            Ok(endpoint) => Ok(SandboxProcess { child, endpoint, products }),
            Err(err) => {
                let _ = child.kill();
                let _ = child.wait();
                Err(err)
            }
        }
    }

    /// How to reach it.
    pub fn endpoint(&self) -> &Endpoint {
        &self.endpoint
    }

    /// The number of products it was started with.
    pub fn products(&self) -> usize {
        self.products
    }

    /// The process id, to read its resource use from `/proc`.
    pub fn pid(&self) -> u32 {
        self.child.id()
    }
}

impl Drop for SandboxProcess {
    fn drop(&mut self) {
        // The sandbox holds nothing that needs a clean stop, and `Child` can only send SIGKILL.
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}
