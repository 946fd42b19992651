//! Which faults the sandbox injects into catalog requests, and the named profiles.

use std::time::Duration;

use crate::SandboxError;

/// The profile names [`FaultConfig::profile`] knows.
pub const FAULT_PROFILES: &[&str] = &["none", "flaky", "throttled", "churn", "chaos"];

/// Faults injected into catalog requests (never into IMS).
///
/// Each catalog request makes one draw from a seeded random generator and gets at most one of
/// the HTTP faults: the rates are probabilities between `0.0` and `1.0` that must add up to at
/// most `1.0`. Given the same seeds and the same order of requests, the same requests fail.
#[derive(Debug, Clone, PartialEq)]
pub struct FaultConfig {
    /// Seed of the fault draws, mixed with [`SandboxConfig::seed`](crate::SandboxConfig::seed).
    ///
    /// Defaults to `0` in [`FaultConfig::none`] and in every profile.
    pub seed: u64,
    /// Rate of `503` answers with a `text/html` Varnish "Backend fetch failed" page.
    ///
    /// Defaults to `0.0`.
    pub http_503_html: f64,
    /// Rate of `500` answers with Magento's "Internal Error ... Report ID" JSON body.
    ///
    /// Defaults to `0.0`.
    pub http_500: f64,
    /// Rate of `429` answers with `Retry-After: 1` (delta-seconds) and an empty body.
    ///
    /// Defaults to `0.0`.
    pub http_429_seconds: f64,
    /// Rate of `429` answers with `Retry-After` as an HTTP-date 1 to 2 seconds ahead and an
    /// HTML body.
    ///
    /// Defaults to `0.0`.
    pub http_429_date: f64,
    /// Rate of responses that send status `200` and headers, then break off the body and
    /// close the connection.
    ///
    /// Defaults to `0.0`.
    pub drop_connection: f64,
    /// Delay before each catalog answer, drawn uniformly between the two bounds.
    ///
    /// Defaults to `None`: no added delay.
    pub latency: Option<(Duration, Duration)>,
    /// After this many catalog requests, every token issued so far is revoked, once: the next
    /// request answers `401` and a freshly minted token works again.
    ///
    /// Defaults to `None`: tokens are only revoked by
    /// [`Sandbox::revoke_tokens`](crate::Sandbox::revoke_tokens).
    pub revoke_tokens_after: Option<u64>,
    /// Products inserted and deleted on every list request, before it is answered.
    ///
    /// Defaults to `None`: the catalog only changes through writes.
    pub churn: Option<Churn>,
}

/// Catalog changes made by each list request when churn is on, as if other writers were busy.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Churn {
    /// New products (fresh ids above every id used so far, new SKUs) added per list request.
    pub inserts_per_list: usize,
    /// Random existing products deleted per list request; their ids are never used again.
    pub deletes_per_list: usize,
}

/// Which fault a request got, as recorded in [`LoggedRequest::fault`](crate::LoggedRequest).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
#[non_exhaustive]
pub enum InjectedFault {
    /// `503` with an HTML body.
    Http503Html,
    /// `500` with Magento's internal error JSON.
    Http500,
    /// `429` with `Retry-After` in seconds.
    Http429Seconds,
    /// `429` with `Retry-After` as an HTTP-date.
    Http429Date,
    /// `200` whose body was broken off.
    DroppedConnection,
}

impl FaultConfig {
    /// No faults at all: every rate `0.0`, no latency, no revocation, no churn.
    pub fn none() -> Self {
        Self {
            seed: 0,
            http_503_html: 0.0,
            http_500: 0.0,
            http_429_seconds: 0.0,
            http_429_date: 0.0,
            drop_connection: 0.0,
            latency: None,
            revoke_tokens_after: None,
            churn: None,
        }
    }

    /// A named set of faults, for command lines and benchmarks:
    ///
    /// - `none`: [`FaultConfig::none`].
    /// - `flaky`: 10% `503` HTML, 2% `500`, 2% dropped connections.
    /// - `throttled`: 5% `429` with `Retry-After` seconds and 5% with an HTTP-date.
    /// - `churn`: every list request inserts 2 and deletes 2 products.
    /// - `chaos`: 10% `503` HTML, 1.5% `429` of each form, 2% dropped, 2% `500`, and every token
    ///   revoked once after 20 catalog requests.
    pub fn profile(name: &str) -> Result<Self, SandboxError> {
        let none = Self::none();
        let config = match name {
            "none" => none,
            "flaky" => Self { http_503_html: 0.10, http_500: 0.02, drop_connection: 0.02, ..none },
            "throttled" => Self { http_429_seconds: 0.05, http_429_date: 0.05, ..none },
            "churn" => {
                Self { churn: Some(Churn { inserts_per_list: 2, deletes_per_list: 2 }), ..none }
            }
            "chaos" => Self {
                http_503_html: 0.10,
                http_500: 0.02,
                http_429_seconds: 0.015,
                http_429_date: 0.015,
                drop_connection: 0.02,
                revoke_tokens_after: Some(20),
                ..none
            },
            _ => {
                return Err(SandboxError::UnknownFaultProfile {
                    name: name.to_owned(),
                    valid: FAULT_PROFILES,
                });
            }
        };
        Ok(config)
    }

    /// The rates in the order the fault draw tests them.
    pub(crate) fn rates(&self) -> [(InjectedFault, f64); 5] {
        [
            (InjectedFault::Http503Html, self.http_503_html),
            (InjectedFault::Http500, self.http_500),
            (InjectedFault::Http429Seconds, self.http_429_seconds),
            (InjectedFault::Http429Date, self.http_429_date),
            (InjectedFault::DroppedConnection, self.drop_connection),
        ]
    }

    /// Refuses rates outside `0.0..=1.0`, rates adding up to more than `1.0` and an inverted
    /// latency range.
    pub(crate) fn validate(&self) -> Result<(), SandboxError> {
        let invalid = |reason: String| Err(SandboxError::InvalidConfig { reason });
        for (fault, rate) in self.rates() {
            if !(0.0..=1.0).contains(&rate) {
                return invalid(format!("fault rate {rate} for {fault:?} is not within 0.0..=1.0"));
            }
        }
        let total: f64 = self.rates().iter().map(|(_, rate)| rate).sum();
        if total > 1.0 + 1e-9 {
            return invalid(format!("fault rates add up to {total}, more than 1.0"));
        }
        if let Some((min, max)) = self.latency
            && min > max
        {
            return invalid(format!("latency range {min:?}..{max:?} is inverted"));
        }
        Ok(())
    }
}

impl Default for FaultConfig {
    /// Same as [`FaultConfig::none`].
    fn default() -> Self {
        Self::none()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_listed_profile_exists_and_is_valid() {
        for name in FAULT_PROFILES {
            let config = FaultConfig::profile(name).expect("listed profile");
            config.validate().expect("valid profile");
        }
    }

    #[test]
    fn unknown_profile_names_the_valid_ones() {
        let err = FaultConfig::profile("flakey").unwrap_err();
        let message = err.to_string();
        assert!(message.contains("\"flakey\""), "{message}");
        assert!(message.contains("chaos"), "{message}");
    }

    #[test]
    fn rates_above_one_in_total_are_refused() {
        let config = FaultConfig { http_500: 0.6, http_503_html: 0.6, ..FaultConfig::none() };
        assert!(config.validate().is_err());
    }
}
