//! Counters of what the sandbox served, for tests and benchmarks.

use std::sync::atomic::{AtomicU64, Ordering};

use crate::InjectedFault;

/// A snapshot of the sandbox's counters, taken by [`Sandbox::stats`](crate::Sandbox::stats).
///
/// Every counter starts at zero when the sandbox starts and only grows.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
#[non_exhaustive]
pub struct SandboxStats {
    /// Catalog requests received (everything but IMS), including the ones that got a fault.
    pub requests: u64,
    /// Requests to the IMS token endpoint, successful or not.
    pub token_requests: u64,
    /// Access tokens issued.
    pub tokens_minted: u64,
    /// Catalog requests answered `401` for a missing, unknown, expired or revoked token.
    pub unauthorized: u64,
    /// Injected `503` answers.
    pub http_503: u64,
    /// Injected `500` answers.
    pub http_500: u64,
    /// Injected `429` answers, both `Retry-After` forms.
    pub http_429: u64,
    /// Responses whose body was broken off.
    pub dropped: u64,
    /// Products in the catalog when the snapshot was taken.
    pub products: u64,
}

/// The live counters behind [`SandboxStats`], shared by every request.
#[derive(Debug, Default)]
pub(crate) struct Counters {
    pub(crate) requests: AtomicU64,
    pub(crate) token_requests: AtomicU64,
    pub(crate) tokens_minted: AtomicU64,
    pub(crate) unauthorized: AtomicU64,
    http_503: AtomicU64,
    http_500: AtomicU64,
    http_429: AtomicU64,
    dropped: AtomicU64,
}

impl Counters {
    /// Adds one to `counter`.
    pub(crate) fn bump(counter: &AtomicU64) -> u64 {
        counter.fetch_add(1, Ordering::Relaxed) + 1
    }

    /// Counts an injected fault under its kind.
    pub(crate) fn count_fault(&self, fault: InjectedFault) {
        let counter = match fault {
            InjectedFault::Http503Html => &self.http_503,
            InjectedFault::Http500 => &self.http_500,
            InjectedFault::Http429Seconds | InjectedFault::Http429Date => &self.http_429,
            InjectedFault::DroppedConnection => &self.dropped,
        };
        Self::bump(counter);
    }

    /// Reads every counter; `products` comes from the catalog.
    pub(crate) fn snapshot(&self, products: usize) -> SandboxStats {
        let read = |counter: &AtomicU64| counter.load(Ordering::Relaxed);
        SandboxStats {
            requests: read(&self.requests),
            token_requests: read(&self.token_requests),
            tokens_minted: read(&self.tokens_minted),
            unauthorized: read(&self.unauthorized),
            http_503: read(&self.http_503),
            http_500: read(&self.http_500),
            http_429: read(&self.http_429),
            dropped: read(&self.dropped),
            products: products as u64,
        }
    }
}
