//! How a sandbox is set up before it starts.

use std::time::Duration;

use crate::{FaultConfig, SandboxError};

/// The tenant id used when none is configured: 22 alphanumerics, the shape of a real one.
pub const DEFAULT_TENANT: &str = "Sandbox0Tenant00000001";

/// Everything a [`Sandbox`](crate::Sandbox) needs to start.
///
/// Build it with struct update syntax over [`SandboxConfig::default`]:
///
/// ```
/// use accs_sandbox::SandboxConfig;
///
/// let config = SandboxConfig { products: 500, seed: 7, ..SandboxConfig::default() };
/// assert_eq!(config.port, 0);
/// ```
#[derive(Debug, Clone)]
pub struct SandboxConfig {
    /// How many products the generated catalog holds, with ids `1..=products`.
    ///
    /// Defaults to `10_000`.
    pub products: usize,
    /// Seed of the generated catalog and of the credentials. Two sandboxes with the same seed
    /// serve the same catalog byte for byte.
    ///
    /// Defaults to `42`.
    pub seed: u64,
    /// How long an IMS access token stays valid, at least 1 s; IMS reports it as `expires_in`
    /// in whole seconds, rounded down. Expiry follows `tokio::time`, so paused-time tests can advance it.
    ///
    /// Defaults to 86 399 seconds, what Adobe IMS answers.
    pub token_lifetime: Duration,
    /// TCP port to listen on, on `127.0.0.1` only.
    ///
    /// Defaults to `0`: any free port, see [`Sandbox::base_url`](crate::Sandbox::base_url).
    pub port: u16,
    /// The ACCS tenant id, the first path segment of the SaaS base URL. Letters and digits.
    ///
    /// Defaults to [`DEFAULT_TENANT`].
    pub tenant: String,
    /// Faults injected into catalog requests; can be changed later with
    /// [`Sandbox::set_faults`](crate::Sandbox::set_faults).
    ///
    /// Defaults to [`FaultConfig::none`].
    pub faults: FaultConfig,
}

impl Default for SandboxConfig {
    fn default() -> Self {
        Self {
            products: 10_000,
            seed: 42,
            token_lifetime: Duration::from_secs(86_399),
            port: 0,
            tenant: DEFAULT_TENANT.to_owned(),
            faults: FaultConfig::none(),
        }
    }
}

impl SandboxConfig {
    /// Refuses values the sandbox cannot serve, so that a typo fails at start and not later.
    pub(crate) fn validate(&self) -> Result<(), SandboxError> {
        // `rest` and `ims` start the PaaS and IMS paths, so a tenant cannot be named so.
        let tenant_ok = !self.tenant.is_empty()
            && self.tenant.chars().all(|c| c.is_ascii_alphanumeric())
            && !matches!(self.tenant.as_str(), "rest" | "ims");
        if !tenant_ok {
            return Err(SandboxError::InvalidConfig {
                reason: format!(
                    "tenant {:?} must be ASCII alphanumerics other than `rest` and `ims`",
                    self.tenant
                ),
            });
        }
        // IMS counts `expires_in` in whole seconds, and clients refuse `0`.
        if self.token_lifetime < Duration::from_secs(1) {
            return Err(SandboxError::InvalidConfig {
                reason: format!(
                    "token_lifetime must be at least 1 s, got {:?}",
                    self.token_lifetime
                ),
            });
        }
        self.faults.validate()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_token_lifetime_under_a_second_is_refused() {
        let config = SandboxConfig {
            token_lifetime: Duration::from_millis(999),
            ..SandboxConfig::default()
        };
        let message = config.validate().unwrap_err().to_string();
        assert!(message.contains("token_lifetime"), "{message}");
        let config = SandboxConfig { token_lifetime: Duration::MAX, ..SandboxConfig::default() };
        assert!(config.validate().is_ok());
    }
}
