//! Retry bounds and backoff schedules.
//!
//! The `backoff` crate computes the exponential schedule with jitter. It is unmaintained
//! (RUSTSEC-2025-0012), so this is the only file that names it: swapping it touches nothing
//! else.

use std::fmt;
use std::time::Duration;

use backoff::backoff::Backoff as _;

/// A schedule of waits between attempts, asked once per retry.
pub trait Backoff: Send + fmt::Debug {
    /// The wait before the next attempt, or `None` to stop retrying.
    fn next_wait(&mut self) -> Option<Duration>;
}

/// How a request is retried.
///
/// Which failures are retried is decided by the request pipeline (connect errors always;
/// timeouts, dropped connections, 408, 500, 502, 503 and 504 for idempotent methods; 429 for
/// every method);
/// this type bounds how often and how long.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    max_attempts: u32,
    initial_backoff: Duration,
    max_backoff: Duration,
    max_elapsed: Duration,
    max_retry_after: Duration,
}

impl Default for RetryPolicy {
    fn default() -> Self {
        RetryPolicy {
            max_attempts: 5,
            initial_backoff: Duration::from_millis(200),
            max_backoff: Duration::from_secs(10),
            max_elapsed: Duration::from_secs(120),
            max_retry_after: Duration::from_secs(60),
        }
    }
}

impl RetryPolicy {
    /// No retries at all: one attempt (a rejected token is still refreshed once).
    pub fn none() -> Self {
        RetryPolicy { max_attempts: 1, ..RetryPolicy::default() }
    }

    /// How many attempts a request may make, the first included. Defaults to 5; at least 1.
    pub fn with_max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The first backoff wait, which grows by half again each retry, with ±50% jitter.
    /// Defaults to 200 ms.
    pub fn with_initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest backoff wait. Defaults to 10 s.
    pub fn with_max_backoff(mut self, wait: Duration) -> Self {
        self.max_backoff = wait;
        self
    }

    /// The longest time a request may spend retrying, waits included. Defaults to 120 s.
    pub fn with_max_elapsed(mut self, limit: Duration) -> Self {
        self.max_elapsed = limit;
        self
    }

    /// The longest `Retry-After` honoured. A server asking for longer ends the request at once
    /// with the error of its answer: for a 429, a rate-limited error carrying the wait.
    /// Defaults to 60 s.
    pub fn with_max_retry_after(mut self, limit: Duration) -> Self {
        self.max_retry_after = limit;
        self
    }

    /// How many attempts a request may make.
    pub fn max_attempts(&self) -> u32 {
        self.max_attempts
    }

    /// The longest time a request may spend retrying.
    pub fn max_elapsed(&self) -> Duration {
        self.max_elapsed
    }

    /// The longest `Retry-After` honoured.
    pub fn max_retry_after(&self) -> Duration {
        self.max_retry_after
    }

    /// A fresh backoff schedule for one request.
    pub fn backoff(&self) -> Box<dyn Backoff> {
        let schedule = backoff::ExponentialBackoffBuilder::new()
            .with_initial_interval(self.initial_backoff)
            .with_max_interval(self.max_backoff)
            .with_multiplier(1.5)
            .with_randomization_factor(0.5)
            .with_max_elapsed_time(None)
            .build();
        Box::new(Exponential(schedule))
    }
}

struct Exponential(backoff::ExponentialBackoff);

impl Backoff for Exponential {
    fn next_wait(&mut self) -> Option<Duration> {
        self.0.next_backoff()
    }
}

impl fmt::Debug for Exponential {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Exponential").field("current", &self.0.current_interval).finish()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn waits_grow_with_jitter_and_stay_under_the_cap() {
        let policy = RetryPolicy::default()
            .with_initial_backoff(Duration::from_millis(100))
            .with_max_backoff(Duration::from_millis(400));
        let mut schedule = policy.backoff();
        let waits: Vec<Duration> = (0..8).map(|_| schedule.next_wait().unwrap()).collect();
        assert!(waits[0] >= Duration::from_millis(50) && waits[0] <= Duration::from_millis(150));
        assert!(waits.iter().all(|wait| *wait <= Duration::from_millis(600)), "{waits:?}");
        assert!(waits[7] >= Duration::from_millis(200), "{waits:?}");
    }

    #[test]
    fn attempts_are_at_least_one() {
        assert_eq!(RetryPolicy::default().with_max_attempts(0).max_attempts(), 1);
        assert_eq!(RetryPolicy::none().max_attempts(), 1);
    }
}
