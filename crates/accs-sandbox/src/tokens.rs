//! Access tokens the sandbox's IMS issued, their expiry and their revocation.

use std::collections::HashMap;
use std::sync::Mutex;
use std::time::Duration;

use tokio::time::Instant;

use crate::credentials::random_chars;

/// Characters of a token: base64url, like the JWTs IMS hands out.
const TOKEN_ALPHABET: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";

/// Every token issued, with when it expires and whether it was revoked.
#[derive(Debug)]
pub(crate) struct TokenStore {
    lifetime: Duration,
    tokens: Mutex<HashMap<String, Issued>>,
}

#[derive(Debug, Clone, Copy)]
struct Issued {
    expires_at: Instant,
    revoked: bool,
}

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
        Self { lifetime, tokens: Mutex::new(HashMap::new()) }
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
        let issued = Issued { expires_at: now + self.lifetime, revoked: false };
        let mut tokens = self.lock();
        // Long runs mint many tokens: forget the ones that can no longer be used.
        if tokens.len() >= 4096 {
            tokens.retain(|_, issued| issued.expires_at > now && !issued.revoked);
        }
        tokens.insert(token.clone(), issued);
        token
    }

    /// Whether `token` may be used now.
    pub(crate) fn check(&self, token: &str) -> Result<(), TokenRefusal> {
        let tokens = self.lock();
        let issued = tokens.get(token).ok_or(TokenRefusal::Unknown)?;
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
        for issued in self.lock().values_mut() {
            issued.revoked = true;
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, HashMap<String, Issued>> {
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
