//! The one error type of the sandbox.

use std::io;

/// What can go wrong while configuring or starting a [`Sandbox`](crate::Sandbox).
#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum SandboxError {
    /// The listening socket could not be bound to `127.0.0.1:<port>`.
    #[error("cannot bind the sandbox to 127.0.0.1:{port}")]
    Bind {
        /// The port that was asked for (`0` means any free port).
        port: u16,
        /// Why the operating system refused.
        #[source]
        source: io::Error,
    },

    /// [`FaultConfig::profile`](crate::FaultConfig::profile) was given a name it does not know.
    #[error("unknown fault profile {name:?}, expected one of {}", valid.join(", "))]
    UnknownFaultProfile {
        /// The name that was asked for.
        name: String,
        /// The profile names that exist.
        valid: &'static [&'static str],
    },

    /// A configuration value is out of its range, such as a fault rate above 1.0.
    #[error("invalid sandbox configuration: {reason}")]
    InvalidConfig {
        /// What is wrong, naming the field.
        reason: String,
    },

    /// The background task that generates the catalog did not finish.
    #[error("catalog generation failed")]
    Generation(#[source] tokio::task::JoinError),
}
