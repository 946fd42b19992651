//! IMS settings: defaults, validation and the environment variables Adobe's guide names.

use secrecy::SecretString;
use url::Url;

use crate::AuthError;

/// Adobe IMS's production token endpoint for OAuth server-to-server credentials.
pub const DEFAULT_TOKEN_URL: &str = "https://ims-na1.adobelogin.com/ims/token/v3";

/// The scopes Adobe Commerce as a Cloud Service needs; without `commerce.accs` it refuses.
pub const DEFAULT_SCOPES: &[&str] = &[
    "openid",
    "AdobeID",
    "email",
    "profile",
    "additional_info.roles",
    "additional_info.projectedProductContext",
    "commerce.accs",
];

/// The variable holding the OAuth client id (the API key).
pub const ENV_CLIENT_ID: &str = "IMS_CLIENT_ID";
/// The variable holding the OAuth client secret.
pub const ENV_CLIENT_SECRET: &str = "IMS_CLIENT_SECRET";
/// The variable holding the IMS organisation id (`...@AdobeOrg`).
pub const ENV_ORG_ID: &str = "IMS_ORG_ID";
/// The variable overriding the token URL; optional.
pub const ENV_TOKEN_URL: &str = "IMS_TOKEN_URL";
/// The variable overriding the scopes as a comma list; optional.
pub const ENV_SCOPES: &str = "IMS_SCOPES";

/// The credentials and endpoint of one OAuth server-to-server integration.
///
/// Read them with [`ImsCredentials::from_env`], or build them in code with
/// [`ImsCredentials::new`] and the `with_` setters. `Debug` shows the client id and org id,
/// never the secret.
#[derive(Debug, Clone)]
pub struct ImsCredentials {
    pub(crate) client_id: String,
    pub(crate) client_secret: SecretString,
    pub(crate) org_id: Option<String>,
    pub(crate) token_url: Url,
    pub(crate) scopes: Vec<String>,
}

impl ImsCredentials {
    /// Credentials for `client_id` and `client_secret`, with the default token URL
    /// ([`DEFAULT_TOKEN_URL`]), the default scopes ([`DEFAULT_SCOPES`]) and no org id.
    ///
    /// Fails when either value is empty.
    pub fn new(
        client_id: impl Into<String>,
        client_secret: impl Into<SecretString>,
    ) -> Result<Self, AuthError> {
        let client_id = client_id.into();
        if client_id.trim().is_empty() {
            return Err(AuthError::Config("the IMS client id is empty".to_owned()));
        }
        let client_secret = client_secret.into();
        if secrecy::ExposeSecret::expose_secret(&client_secret).is_empty() {
            return Err(AuthError::Config("the IMS client secret is empty".to_owned()));
        }
        let token_url = Url::parse(DEFAULT_TOKEN_URL)
            .map_err(|err| AuthError::Config(format!("default token URL: {err}")))?;
        Ok(ImsCredentials {
            client_id,
            client_secret,
            org_id: None,
            token_url,
            scopes: DEFAULT_SCOPES.iter().map(|scope| (*scope).to_owned()).collect(),
        })
    }

    /// Reads `IMS_CLIENT_ID`, `IMS_CLIENT_SECRET`, `IMS_ORG_ID` and, when set, `IMS_TOKEN_URL`
    /// and `IMS_SCOPES` (a comma list) from the process environment.
    ///
    /// A missing or empty variable is an error that names it. Reading a `.env` file is left to
    /// the program.
    pub fn from_env() -> Result<Self, AuthError> {
        Self::from_lookup(|name| std::env::var(name).ok())
    }

    /// Like [`from_env`](Self::from_env), with variables looked up through `lookup`.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Self, AuthError> {
        let required = |name: &str| match lookup(name) {
            Some(value) if !value.trim().is_empty() => Ok(value.trim().to_owned()),
            Some(_) => Err(AuthError::Config(format!("{name} is set but empty"))),
            None => Err(AuthError::Config(format!("{name} is not set"))),
        };
        let optional = |name: &str| match lookup(name) {
            Some(value) if value.trim().is_empty() => {
                Err(AuthError::Config(format!("{name} is set but empty")))
            }
            other => Ok(other.map(|value| value.trim().to_owned())),
        };

        let client_id = required(ENV_CLIENT_ID)?;
        let client_secret = SecretString::from(required(ENV_CLIENT_SECRET)?);
        let mut credentials =
            ImsCredentials::new(client_id, client_secret)?.with_org_id(required(ENV_ORG_ID)?);
        if let Some(url) = optional(ENV_TOKEN_URL)? {
            credentials = credentials
                .with_token_url(&url)
                .map_err(|err| AuthError::Config(format!("{ENV_TOKEN_URL}: {err}")))?;
        }
        if let Some(scopes) = optional(ENV_SCOPES)? {
            credentials = credentials
                .with_scopes(scopes.split(','))
                .map_err(|err| AuthError::Config(format!("{ENV_SCOPES}: {err}")))?;
        }
        Ok(credentials)
    }

    /// Sets the IMS organisation id, sent by API clients as `x-gw-ims-org-id`. Defaults to none.
    pub fn with_org_id(mut self, org_id: impl Into<String>) -> Self {
        self.org_id = Some(org_id.into());
        self
    }

    /// Sets the token URL. Defaults to [`DEFAULT_TOKEN_URL`].
    ///
    /// Plain `http://` is refused unless the host is loopback (a local test server): the
    /// client secret travels in the request body.
    pub fn with_token_url(mut self, url: &str) -> Result<Self, AuthError> {
        self.token_url = parse_token_url(url)?;
        Ok(self)
    }

    /// Sets the scopes. Defaults to [`DEFAULT_SCOPES`]. Blank entries are dropped; none left
    /// is an error.
    pub fn with_scopes<I, S>(mut self, scopes: I) -> Result<Self, AuthError>
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let scopes: Vec<String> = scopes
            .into_iter()
            .map(|scope| scope.as_ref().trim().to_owned())
            .filter(|scope| !scope.is_empty())
            .collect();
        if scopes.is_empty() {
            return Err(AuthError::Config("the scope list is empty".to_owned()));
        }
        self.scopes = scopes;
        Ok(self)
    }

    /// The OAuth client id, also sent as `x-api-key` by API clients.
    pub fn client_id(&self) -> &str {
        &self.client_id
    }

    /// The IMS organisation id, when known.
    pub fn org_id(&self) -> Option<&str> {
        self.org_id.as_deref()
    }

    /// The token URL.
    pub fn token_url(&self) -> &Url {
        &self.token_url
    }

    /// The scopes asked for.
    pub fn scopes(&self) -> &[String] {
        &self.scopes
    }
}

/// Parses `url` and refuses plain `http://` unless its host is loopback.
pub fn parse_token_url(url: &str) -> Result<Url, AuthError> {
    let parsed =
        Url::parse(url).map_err(|err| AuthError::Config(format!("invalid URL {url:?}: {err}")))?;
    check_secure_url(&parsed)?;
    Ok(parsed)
}

/// Refuses a URL that would send credentials in clear text: only `https`, or `http` to a
/// loopback host (`localhost`, `127.0.0.0/8`, `[::1]`), are allowed.
pub fn check_secure_url(url: &Url) -> Result<(), AuthError> {
    match url.scheme() {
        "https" => Ok(()),
        "http" if is_loopback(url) => Ok(()),
        "http" => Err(AuthError::Config(format!(
            "refusing plain http to {}: use https (http is allowed only for loopback hosts)",
            url.host_str().unwrap_or("?")
        ))),
        other => Err(AuthError::Config(format!("unsupported URL scheme {other:?} in {url}"))),
    }
}

fn is_loopback(url: &Url) -> bool {
    match url.host() {
        Some(url::Host::Domain(domain)) => domain.eq_ignore_ascii_case("localhost"),
        Some(url::Host::Ipv4(ip)) => ip.is_loopback(),
        Some(url::Host::Ipv6(ip)) => ip.is_loopback(),
        None => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::collections::HashMap;

    fn lookup(vars: &[(&str, &str)]) -> impl Fn(&str) -> Option<String> {
        let map: HashMap<String, String> =
            vars.iter().map(|(k, v)| ((*k).to_owned(), (*v).to_owned())).collect();
        move |name| map.get(name).cloned()
    }

    const FULL: &[(&str, &str)] =
        &[("IMS_CLIENT_ID", "id"), ("IMS_CLIENT_SECRET", "s3cr3t"), ("IMS_ORG_ID", "O@AdobeOrg")];

    #[test]
    fn environment_with_required_variables_gives_defaults() {
        let credentials = ImsCredentials::from_lookup(lookup(FULL)).unwrap();
        assert_eq!(credentials.client_id(), "id");
        assert_eq!(credentials.org_id(), Some("O@AdobeOrg"));
        assert_eq!(credentials.token_url().as_str(), DEFAULT_TOKEN_URL);
        assert!(credentials.scopes().iter().any(|scope| scope == "commerce.accs"));
        assert!(!format!("{credentials:?}").contains("s3cr3t"));
    }

    #[test]
    fn missing_or_empty_variable_is_named() {
        for name in ["IMS_CLIENT_ID", "IMS_CLIENT_SECRET", "IMS_ORG_ID"] {
            let without: Vec<_> = FULL.iter().copied().filter(|(k, _)| *k != name).collect();
            let err = ImsCredentials::from_lookup(lookup(&without)).unwrap_err();
            assert!(err.to_string().contains(name), "{err}");

            let mut empty = without.clone();
            empty.push((name, "  "));
            let err = ImsCredentials::from_lookup(lookup(&empty)).unwrap_err();
            assert!(err.to_string().contains(name) && err.to_string().contains("empty"), "{err}");
        }
        let mut vars = FULL.to_vec();
        vars.push(("IMS_SCOPES", ""));
        let err = ImsCredentials::from_lookup(lookup(&vars)).unwrap_err();
        assert!(err.to_string().contains("IMS_SCOPES"), "{err}");
    }

    #[test]
    fn scopes_and_url_come_from_the_environment() {
        let mut vars = FULL.to_vec();
        vars.push(("IMS_SCOPES", "openid, commerce.accs,,"));
        vars.push(("IMS_TOKEN_URL", "http://127.0.0.1:9/ims/token/v3"));
        let credentials = ImsCredentials::from_lookup(lookup(&vars)).unwrap();
        assert_eq!(credentials.scopes(), ["openid", "commerce.accs"]);
        assert_eq!(credentials.token_url().as_str(), "http://127.0.0.1:9/ims/token/v3");
    }

    #[test]
    fn plain_http_is_refused_unless_loopback() {
        for ok in ["https://ims.example.com/t", "http://localhost:1/t", "http://127.0.0.2/t"] {
            assert!(parse_token_url(ok).is_ok(), "{ok}");
        }
        assert!(parse_token_url("http://[::1]:8080/t").is_ok());
        for bad in ["http://ims.example.com/t", "http://10.0.0.1/t", "ftp://x/t", "not a url"] {
            assert!(matches!(parse_token_url(bad), Err(AuthError::Config(_))), "{bad}");
        }
    }
}
