//! How the command fails: one line on stderr and an exit status that says whose fault it was.

use std::fmt;
use std::process::ExitCode;

/// A failure of the command, with the exit status it maps to.
#[derive(Debug)]
pub(crate) enum Failure {
    /// Bad arguments, configuration or input file: exit status 2.
    Usage(String),
    /// The service refused or failed, or output could not be written: exit status 1.
    Service(String),
    /// Whoever read standard output stopped reading (`accs ... | head`): not a failure, so
    /// nothing is printed and the exit status is 0.
    OutputClosed,
}

impl Failure {
    pub(crate) fn exit_code(&self) -> ExitCode {
        match self {
            Failure::Usage(_) => ExitCode::from(2),
            Failure::Service(_) => ExitCode::from(1),
            Failure::OutputClosed => ExitCode::SUCCESS,
        }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Failure::Usage(message) | Failure::Service(message) => f.write_str(message),
            Failure::OutputClosed => f.write_str("standard output was closed"),
        }
    }
}

impl From<accs_transport::Error> for Failure {
    fn from(err: accs_transport::Error) -> Self {
        let route_miss = err.is_route_miss();
        match err {
            accs_transport::Error::Config(_) | accs_transport::Error::InvalidInput(_) => {
                Failure::Usage(err.to_string())
            }
            other if route_miss => Failure::Service(format!(
                "{other}; check API_ENDPOINT and ACCS_FLAVOR (saas: <base>/V1/..., paas: \
                 <base>/rest/V1/...)"
            )),
            other => Failure::Service(other.to_string()),
        }
    }
}

impl From<accs_auth::AuthError> for Failure {
    fn from(err: accs_auth::AuthError) -> Self {
        match err {
            accs_auth::AuthError::Config(_) => Failure::Usage(err.to_string()),
            other => Failure::Service(other.to_string()),
        }
    }
}

impl From<accs_catalog::CatalogError> for Failure {
    fn from(err: accs_catalog::CatalogError) -> Self {
        use accs_catalog::CatalogError;
        match err {
            CatalogError::Transport(inner) => inner.into(),
            CatalogError::InvalidCriteria { .. } | CatalogError::InvalidSku { .. } => {
                Failure::Usage(err.to_string())
            }
            other => Failure::Service(other.to_string()),
        }
    }
}

impl From<accs_sandbox::SandboxError> for Failure {
    fn from(err: accs_sandbox::SandboxError) -> Self {
        Failure::Usage(format!("sandbox: {err}"))
    }
}

/// An I/O failure on `what` (a file, standard output); see [`write_failure`].
pub(crate) fn io_failure(what: &str, err: std::io::Error) -> Failure {
    write_failure(what, Some(err.kind()), err)
}

/// A failure writing to `what`, whose I/O cause, if any, is of `kind`; a closed pipe is
/// [`Failure::OutputClosed`]. For writers (serde_json, csv) that wrap the I/O error.
pub(crate) fn write_failure(
    what: &str,
    kind: Option<std::io::ErrorKind>,
    err: impl fmt::Display,
) -> Failure {
    if kind == Some(std::io::ErrorKind::BrokenPipe) {
        return Failure::OutputClosed;
    }
    Failure::Service(format!("{what}: {err}"))
}
