//! Access tokens the sandbox's IMS issued, their expiry and their revocation.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::credentials::random_chars;

/// Characters of a token: base64url, like the JWTs IMS hands out.
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Below this many tokens, none is forgotten.
const PRUNE_FLOOR: usize = 4096;

/// Every token issued, with when it expires and whether it was revoked.
#[derive(Debug)]
pub(crate) struct TokenStore {
    lifetime: Duration,
    tokens: Mutex<Tokens>,
}

#[derive(Debug)]
struct Tokens {
    issued: HashMap<String, Issued>,
    /// The size at which unusable tokens are next forgotten: twice what survived the last
    /// pruning, so that many valid tokens do not make every mint scan them all.
    prune_at: usize,
}

#[derive(Debug, Clone, Copy)]
struct Issued {
    expires_at: Instant,
    revoked: bool,
}

/// A century: the expiry of a token whose lifetime overflows an instant.
const NEVER: Duration = Duration::from_secs(100 * 365 * 24 * 3600);

/// Why a bearer token was refused; only used for tracing.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum TokenRefusal {
    Unknown,
    Expired,
    Revoked,
}

impl TokenStore {
    /// A store whose tokens live for `lifetime`.
    pub(crate) fn new(lifetime: Duration) -> Self {
        let tokens = Tokens { issued: HashMap::new(), prune_at: PRUNE_FLOOR };
        Self { lifetime, tokens: Mutex::new(tokens) }
    }

    /// How long new tokens live.
    pub(crate) fn lifetime(&self) -> Duration {
        self.lifetime
    }

    /// Issues a new random opaque token.
    pub(crate) fn mint(&self) -> String {
        let mut rng = rand::thread_rng();
        let token = format!(
            "eyJ{}.{}.{}",
            random_chars(&mut rng, TOKEN_ALPHABET, 33),
            random_chars(&mut rng, TOKEN_ALPHABET, 180),
            random_chars(&mut rng, TOKEN_ALPHABET, 86),
        );
        let now = Instant::now();
        // A lifetime past what an instant can hold means "never", as far as a run can tell.
        let expires_at = now.checked_add(self.lifetime).unwrap_or_else(|| now + NEVER);
        let issued = Issued { expires_at, revoked: false };
        let mut tokens = self.lock();
        // Long runs mint many tokens: forget the ones that can no longer be used.
        if tokens.issued.len() >= tokens.prune_at {
            tokens.issued.retain(|_, issued| issued.expires_at > now && !issued.revoked);
            tokens.prune_at = (2 * tokens.issued.len()).max(PRUNE_FLOOR);
        }
        tokens.issued.insert(token.clone(), issued);
        token
    }

    /// Whether `token` may be used now.
    pub(crate) fn check(&self, token: &str) -> Result<(), TokenRefusal> {
        let tokens = self.lock();
        let issued = tokens.issued.get(token).ok_or(TokenRefusal::Unknown)?;
        if issued.revoked {
            Err(TokenRefusal::Revoked)
        } else if Instant::now() >= issued.expires_at {
            Err(TokenRefusal::Expired)
        } else {
            Ok(())
        }
    }

    /// Revokes every token issued so far.
    pub(crate) fn revoke_all(&self) {
        for issued in self.lock().issued.values_mut() {
            issued.revoked = true;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, Tokens> {
        self.tokens.lock().unwrap_or_else(|poisoned| poisoned.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn minted_tokens_are_valid_until_revoked() {
        let store = TokenStore::new(Duration::from_secs(60));
        let first = store.mint();
        assert_eq!(store.check(&first), Ok(()));
        assert_eq!(store.check("nope"), Err(TokenRefusal::Unknown));
        store.revoke_all();
        assert_eq!(store.check(&first), Err(TokenRefusal::Revoked));
        let second = store.mint();
        assert_eq!(store.check(&second), Ok(()));
    }

    #[test]
    fn a_lifetime_beyond_any_instant_never_expires_instead_of_panicking() {
        let store = TokenStore::new(Duration::MAX);
        let token = store.mint();
        assert_eq!(store.check(&token), Ok(()));
    }

    #[test]
    fn many_valid_tokens_are_kept_and_unusable_ones_forgotten() {
        let store = TokenStore::new(Duration::from_secs(60));
        let first = store.mint();
        store.revoke_all();
        let kept: Vec<String> = (0..PRUNE_FLOOR + 10).map(|_| store.mint()).collect();
        assert!(kept.iter().all(|token| store.check(token).is_ok()));
        assert_eq!(store.check(&first), Err(TokenRefusal::Unknown), "the revoked one was pruned");
        // The pruning at 4 096 kept 4 095: the next waits until twice that, not every mint.
        assert_eq!(store.lock().issued.len(), PRUNE_FLOOR + 10);
        assert_eq!(store.lock().prune_at, 2 * (PRUNE_FLOOR - 1));
    }

    #[tokio::test(start_paused = true)]
    async fn tokens_expire_after_their_lifetime() {
        let store = TokenStore::new(Duration::from_secs(60));
        let token = store.mint();
        tokio::time::advance(Duration::from_secs(59)).await;
        assert_eq!(store.check(&token), Ok(()));
        tokio::time::advance(Duration::from_secs(1)).await;
        assert_eq!(store.check(&token), Err(TokenRefusal::Expired));
    }
}
