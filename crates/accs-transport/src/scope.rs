//! Where requests go: the API [`Flavor`] and the [`StoreScope`].

use std::fmt;
use std::str::FromStr;

use url::Url;

use crate::Error;

/// Which shape of the Commerce REST API a base URL serves.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// Adobe Commerce as a Cloud Service: `<base>/V1/...`, store view in a `Store` header.
    Saas,
    /// Adobe Commerce on cloud or Magento 2: `<base>/rest[/<store>]/V1/...`.
    Paas,
}

impl Flavor {
    /// The flavour a base URL implies: hosts under `api.commerce.adobe.com` are SaaS,
    /// everything else PaaS. Override it when the guess is wrong (a proxy, a sandbox).
    pub fn detect(base: &Url) -> Flavor {
        match base.host_str() {
            Some(host) if host.to_ascii_lowercase().ends_with(".api.commerce.adobe.com") => {
                Flavor::Saas
            }
            _ => Flavor::Paas,
        }
    }
}

impl FromStr for Flavor {
    type Err = Error;

    /// Parses `saas` or `paas`, in any case.
    fn from_str(text: &str) -> Result<Self, Error> {
        match text.trim().to_ascii_lowercase().as_str() {
            "saas" => Ok(Flavor::Saas),
            "paas" => Ok(Flavor::Paas),
            other => Err(Error::Config(format!("unknown flavour {other:?}: use saas or paas"))),
        }
    }
}

impl fmt::Display for Flavor {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Flavor::Saas => "saas",
            Flavor::Paas => "paas",
        })
    }
}

/// The store view a request reads or writes.
///
/// Scope matters on writes: with no store an update lands in the default store view only,
/// `all` writes every scope, a view code writes that view, and the server answers 200 either
/// way. So the scope is always explicit: a `Store` header on SaaS, a path segment on PaaS.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StoreScope(String);

impl StoreScope {
    /// A store view code: letters, digits and `_`, starting with a letter (Magento's rule), or
    /// `all`.
    pub fn new(code: impl Into<String>) -> Result<Self, Error> {
        let code = code.into();
        let valid = code.chars().next().is_some_and(|first| first.is_ascii_alphabetic())
            && code.chars().all(|c| c.is_ascii_alphanumeric() || c == '_');
        if valid {
            Ok(StoreScope(code))
        } else {
            Err(Error::InvalidInput(format!(
                "invalid store code {code:?}: use letters, digits and _, starting with a letter"
            )))
        }
    }

    /// Every store view at once (`all`).
    pub fn all() -> Self {
        StoreScope("all".to_owned())
    }

    /// The default store view (`default`).
    pub fn default_view() -> Self {
        StoreScope("default".to_owned())
    }

    /// The code as sent.
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl FromStr for StoreScope {
    type Err = Error;

    fn from_str(code: &str) -> Result<Self, Error> {
        StoreScope::new(code.trim())
    }
}

impl fmt::Display for StoreScope {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flavour_is_detected_from_the_host() {
        let saas = Url::parse("https://na1-sandbox.api.commerce.adobe.com/AbCdEf0123456789abcdef")
            .unwrap();
        assert_eq!(Flavor::detect(&saas), Flavor::Saas);
        let paas = Url::parse("https://shop.example.com").unwrap();
        assert_eq!(Flavor::detect(&paas), Flavor::Paas);
        assert_eq!("SaaS".parse::<Flavor>().unwrap(), Flavor::Saas);
        assert!("cloud".parse::<Flavor>().unwrap_err().to_string().contains("cloud"));
    }

    #[test]
    fn store_codes_are_checked() {
        assert_eq!(StoreScope::new("de_store2").unwrap().as_str(), "de_store2");
        assert_eq!(StoreScope::all().as_str(), "all");
        for bad in ["", "1abc", "a/b", "a b", "ä"] {
            assert!(StoreScope::new(bad).is_err(), "{bad:?}");
        }
    }
}
