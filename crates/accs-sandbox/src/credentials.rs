//! The OAuth server-to-server credential the sandbox's IMS accepts.

use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

/// Mixed into the seed so that credentials do not share a random stream with the catalog.
const CREDENTIALS_STREAM: u64 = 0x6372_6564_656e_7469;

/// A client id, secret and organisation id shaped like the Developer Console's.
#[derive(Clone)]
pub(crate) struct Credentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: String,
    pub(crate) org_id: String,
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Credentials")
            .field("client_id", &self.client_id)
            .field("client_secret", &"<redacted>")
            .field("org_id", &self.org_id)
            .finish()
    }
}

impl Credentials {
    /// The credential of the sandbox started with `seed`: same seed, same credential.
    pub(crate) fn from_seed(seed: u64) -> Self {
        let mut rng = StdRng::seed_from_u64(seed ^ CREDENTIALS_STREAM);
        let client_id = random_chars(&mut rng, b"0123456789abcdef", 32);
        let secret_alphabet = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
        let client_secret = format!("p8e-{}", random_chars(&mut rng, secret_alphabet, 32));
        let org_id = format!("{}@AdobeOrg", random_chars(&mut rng, b"0123456789ABCDEF", 24));
        Self { client_id, client_secret, org_id }
    }
}

/// `len` characters drawn from `alphabet`.
pub(crate) fn random_chars(rng: &mut impl Rng, alphabet: &[u8], len: usize) -> String {
    (0..len).map(|_| char::from(alphabet[rng.gen_range(0..alphabet.len())])).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_gives_same_credentials_and_they_look_real() {
        let a = Credentials::from_seed(42);
        let b = Credentials::from_seed(42);
        assert_eq!(a.client_id, b.client_id);
        assert_eq!(a.client_secret, b.client_secret);
        assert_ne!(a.client_id, Credentials::from_seed(43).client_id);
        assert_eq!(a.client_id.len(), 32);
        assert!(a.client_secret.starts_with("p8e-"));
        assert!(a.org_id.ends_with("@AdobeOrg"));
        assert!(!format!("{a:?}").contains(&a.client_secret));
    }
}
