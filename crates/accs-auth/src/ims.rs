//! [`ImsTokenProvider`]: OAuth server-to-server (client_credentials) tokens from Adobe IMS.

use std::collections::hash_map::RandomState;
use std::fmt;
use std::time::{Duration, SystemTime};

use async_trait::async_trait;
use secrecy::ExposeSecret;
use serde::Deserialize;
use tracing::{info, instrument, warn};

use crate::redact::redact;
use crate::retry_after::parse_retry_after;
use crate::{AccessToken, AuthError, ImsCredentials, TokenProvider};

/// The longest lifetime taken at face value; IMS grants 24 hours.
const SUSPECT_LIFETIME: Duration = Duration::from_secs(7 * 24 * 3600);
/// What a suspect lifetime is cut to: the 24 hours IMS really grants.
const CAPPED_LIFETIME: Duration = Duration::from_secs(24 * 3600);

/// Mints tokens from Adobe IMS with the client_credentials grant, one request per call.
///
/// Wrap it in [`CachedTokenProvider`](crate::CachedTokenProvider): IMS throttles integrations
/// that mint too many tokens. The credentials go in the form body, never in the URL.
/// Transient failures (connection errors, timeouts, 5xx, 429) are retried up to
/// [`max_attempts`](ImsTokenProviderBuilder::max_attempts) times, honouring `Retry-After`;
/// refusals such as `invalid_client` or `invalid_scope` are returned at once as
/// [`AuthError::Refused`].
#[derive(Clone)]
pub struct ImsTokenProvider {
    credentials: ImsCredentials,
    http: reqwest::Client,
    max_attempts: u32,
    initial_backoff: Duration,
    max_wait: Duration,
}

/// Builds an [`ImsTokenProvider`].
#[derive(Debug)]
pub struct ImsTokenProviderBuilder {
    credentials: ImsCredentials,
    http: Option<reqwest::Client>,
    timeout: Duration,
    max_attempts: u32,
    initial_backoff: Duration,
    max_wait: Duration,
}

impl ImsTokenProvider {
    /// A builder for a provider using `credentials`.
    pub fn builder(credentials: ImsCredentials) -> ImsTokenProviderBuilder {
        ImsTokenProviderBuilder {
            credentials,
            http: None,
            timeout: Duration::from_secs(30),
            max_attempts: 4,
            initial_backoff: Duration::from_millis(250),
            max_wait: Duration::from_secs(30),
        }
    }

    /// A provider with default settings for the credentials in the environment
    /// (see [`ImsCredentials::from_env`]).
    pub fn from_env() -> Result<Self, AuthError> {
        Self::builder(ImsCredentials::from_env()?).build()
    }

    /// The credentials this provider uses (the secret stays redacted in `Debug`).
    pub fn credentials(&self) -> &ImsCredentials {
        &self.credentials
    }

    async fn request_once(&self) -> Attempt {
        let scope = self.credentials.scopes.join(",");
        let form = [
            ("grant_type", "client_credentials"),
            ("client_id", self.credentials.client_id.as_str()),
            ("client_secret", self.credentials.client_secret.expose_secret()),
            ("scope", scope.as_str()),
        ];
        let response = match self
            .http
            .post(self.credentials.token_url.clone())
            .header(reqwest::header::ACCEPT, "application/json")
            .form(&form)
            .send()
            .await
        {
            Ok(response) => response,
            Err(err) => return Attempt::Retry { status: None, reason: describe(&err), wait: None },
        };

        let status = response.status();
        let wait = response
            .headers()
            .get(reqwest::header::RETRY_AFTER)
            .and_then(|value| value.to_str().ok())
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        let body = match response.bytes().await {
            Ok(body) => body,
            Err(err) => {
                return Attempt::Retry {
                    status: Some(status.as_u16()),
                    reason: describe(&err),
                    wait: None,
                };
            }
        };

        if status.is_success() {
            return Attempt::Done(parse_token(status.as_u16(), &body));
        }
        if status.is_server_error() || status.as_u16() == 429 || status.as_u16() == 408 {
            return Attempt::Retry {
                status: Some(status.as_u16()),
                reason: format!("HTTP {status}"),
                wait,
            };
        }
        Attempt::Done(Err(refusal(status.as_u16(), &self.without_secret(&body))))
    }

    /// `body` without the client secret, raw or form-encoded: a refusal page may echo the
    /// form it refused, and its text ends up in the error.
    fn without_secret(&self, body: &[u8]) -> Vec<u8> {
        let secret = self.credentials.client_secret.expose_secret();
        let encoded: String = url::form_urlencoded::byte_serialize(secret.as_bytes()).collect();
        redact(&redact(body, secret), &encoded).into_owned()
    }

    fn backoff(&self, attempt: u32) -> Duration {
        let exponential = self.initial_backoff.saturating_mul(1 << attempt.min(16));
        // Up to a quarter more, so that many clients failing together do not retry in step.
        // Each `RandomState` is freshly keyed, which makes its hash of anything a random draw.
        let draw = std::hash::BuildHasher::hash_one(&RandomState::new(), attempt) % 1000;
        let jitter = exponential.mul_f64(draw as f64 / 4000.0);
        (exponential + jitter).min(self.max_wait)
    }
}

enum Attempt {
    Done(Result<AccessToken, AuthError>),
    Retry { status: Option<u16>, reason: String, wait: Option<Duration> },
}

#[async_trait]
impl TokenProvider for ImsTokenProvider {
    #[instrument(name = "ims_token", skip_all, fields(client_id = %self.credentials.client_id))]
    async fn token(&self) -> Result<AccessToken, AuthError> {
        let mut attempt = 0;
        loop {
            attempt += 1;
            let (status, reason, wait) = match self.request_once().await {
                Attempt::Done(result) => {
                    if let Ok(token) = &result {
                        info!(lifetime_s = token.lifetime().as_secs(), attempt, "minted IMS token");
                    }
                    return result;
                }
                Attempt::Retry { status, reason, wait } => (status, reason, wait),
            };

            let unavailable = |retry_after| AuthError::Unavailable {
                status,
                reason: reason.clone(),
                attempts: attempt,
                retry_after,
            };
            if attempt >= self.max_attempts {
                return Err(unavailable(wait));
            }
            if let Some(wait) = wait.filter(|wait| *wait > self.max_wait) {
                warn!(wait_s = wait.as_secs(), "IMS asked to wait longer than allowed; giving up");
                return Err(unavailable(Some(wait)));
            }
            let wait = wait.unwrap_or_else(|| self.backoff(attempt - 1));
            warn!(?status, %reason, attempt, wait_ms = wait.as_millis() as u64, "retrying IMS");
            tokio::time::sleep(wait).await;
        }
    }
}

impl fmt::Debug for ImsTokenProvider {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("ImsTokenProvider")
            .field("credentials", &self.credentials)
            .field("max_attempts", &self.max_attempts)
            .finish_non_exhaustive()
    }
}

impl ImsTokenProviderBuilder {
    /// Uses `client` for the token requests. Defaults to a client of this crate's own with the
    /// [`timeout`](Self::timeout).
    pub fn http_client(mut self, client: reqwest::Client) -> Self {
        self.http = Some(client);
        self
    }

    /// The time limit of one token request. Defaults to 30 s. Ignored with
    /// [`http_client`](Self::http_client).
    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// How many requests one [`token`](TokenProvider::token) call may make, first included.
    /// Defaults to 4; at least 1.
    pub fn max_attempts(mut self, attempts: u32) -> Self {
        self.max_attempts = attempts.max(1);
        self
    }

    /// The wait before the first retry, doubled each time, with jitter. Defaults to 250 ms.
    pub fn initial_backoff(mut self, wait: Duration) -> Self {
        self.initial_backoff = wait;
        self
    }

    /// The longest wait between attempts. A `Retry-After` asking for longer ends the call at
    /// once with [`AuthError::Unavailable`] carrying the server's wait. Defaults to 30 s.
    pub fn max_wait(mut self, wait: Duration) -> Self {
        self.max_wait = wait;
        self
    }

    /// Checks the settings and builds the provider.
    pub fn build(self) -> Result<ImsTokenProvider, AuthError> {
        crate::config::check_secure_url(&self.credentials.token_url)?;
        let http = match self.http {
            Some(client) => client,
            None => reqwest::Client::builder()
                .timeout(self.timeout)
                .connect_timeout(self.timeout.min(Duration::from_secs(10)))
                .user_agent(concat!(env!("CARGO_PKG_NAME"), "/", env!("CARGO_PKG_VERSION")))
                .build()
                .map_err(|err| AuthError::Config(format!("HTTP client: {err}")))?,
        };
        Ok(ImsTokenProvider {
            credentials: self.credentials,
            http,
            max_attempts: self.max_attempts,
            initial_backoff: self.initial_backoff,
            max_wait: self.max_wait,
        })
    }
}

#[derive(Deserialize)]
struct TokenBody {
    // Loosely typed on purpose: a type error message from serde could quote the token.
    access_token: Option<serde_json::Value>,
    token_type: Option<serde_json::Value>,
    expires_in: Option<serde_json::Value>,
}

#[derive(Deserialize)]
struct OAuthError {
    error: Option<String>,
    error_description: Option<String>,
}

fn parse_token(status: u16, body: &[u8]) -> Result<AccessToken, AuthError> {
    let invalid = |reason: String| AuthError::InvalidResponse { status, reason };
    // Not serde's message: for a body that is a bare string it quotes the string, which may be
    // the token.
    let parsed: TokenBody = serde_json::from_slice(body).map_err(|err| {
        invalid(format!(
            "not a JSON token body ({:?} error at line {} column {})",
            err.classify(),
            err.line(),
            err.column()
        ))
    })?;
    let secret = match parsed.access_token {
        Some(serde_json::Value::String(token)) if !token.is_empty() => token,
        _ => return Err(invalid("no access_token string".to_owned())),
    };
    let lifetime = match parsed.expires_in.as_ref().and_then(seconds) {
        Some(seconds) if seconds > 0.0 => Duration::from_secs_f64(seconds.min(1e9)),
        Some(_) => return Err(invalid("expires_in is not positive".to_owned())),
        None => return Err(invalid("no numeric expires_in".to_owned())),
    };
    let lifetime = if lifetime > SUSPECT_LIFETIME {
        warn!(
            expires_in_s = lifetime.as_secs(),
            capped_to_s = CAPPED_LIFETIME.as_secs(),
            "IMS expires_in is over 7 days, which is suspect (milliseconds?); capping it"
        );
        CAPPED_LIFETIME
    } else {
        lifetime
    };
    let token_type = match parsed.token_type {
        Some(serde_json::Value::String(kind)) if !kind.is_empty() => kind,
        _ => "bearer".to_owned(),
    };
    Ok(AccessToken::new(secret, token_type, lifetime))
}

/// `expires_in` in seconds, whether sent as a number or as a numeric string.
fn seconds(value: &serde_json::Value) -> Option<f64> {
    match value {
        serde_json::Value::Number(number) => number.as_f64(),
        serde_json::Value::String(text) => text.trim().parse().ok(),
        _ => None,
    }
}

fn refusal(status: u16, body: &[u8]) -> AuthError {
    match serde_json::from_slice::<OAuthError>(body) {
        Ok(OAuthError { error: Some(error), error_description }) => {
            AuthError::Refused { status, error, description: error_description }
        }
        _ => AuthError::Refused {
            status,
            error: format!("http_{status}"),
            description: Some(excerpt(body)),
        },
    }
}

/// The start of a body, for an error message: at most 200 characters on one line.
fn excerpt(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let line: String = text.split_whitespace().collect::<Vec<_>>().join(" ");
    match line.char_indices().nth(200) {
        Some((cut, _)) => format!("{}...", &line[..cut]),
        None => line,
    }
}

/// A transport error as text: reqwest's message with its causes, which hold no credentials
/// because those travel only in the body.
fn describe(err: &reqwest::Error) -> String {
    let mut text = if err.is_timeout() {
        "timed out".to_owned()
    } else if err.is_connect() {
        "could not connect".to_owned()
    } else {
        "request failed".to_owned()
    };
    let mut source = std::error::Error::source(err);
    while let Some(cause) = source {
        text.push_str(": ");
        text.push_str(&cause.to_string());
        source = cause.source();
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn expires_in_is_read_as_seconds_in_either_json_form() {
        let token = parse_token(200, br#"{"access_token":"a","expires_in":86399}"#).unwrap();
        assert_eq!(token.lifetime(), Duration::from_secs(86_399));
        let token = parse_token(200, br#"{"access_token":"a","expires_in":"3600"}"#).unwrap();
        assert_eq!(token.lifetime(), Duration::from_secs(3600));
        assert_eq!(token.token_type(), "bearer");
    }

    #[test]
    fn a_lifetime_over_seven_days_is_capped_to_a_day() {
        let body = br#"{"access_token":"a","token_type":"bearer","expires_in":86399000}"#;
        assert_eq!(parse_token(200, body).unwrap().lifetime(), CAPPED_LIFETIME);
    }

    #[test]
    fn unusable_success_bodies_are_errors_naming_the_problem() {
        for (body, what) in [
            (&b"<html>"[..], "not a JSON"),
            (br#"{"expires_in":10}"#, "access_token"),
            (br#"{"access_token":"a"}"#, "expires_in"),
            (br#"{"access_token":"a","expires_in":0}"#, "positive"),
        ] {
            let err = parse_token(200, body).unwrap_err();
            assert!(err.to_string().contains(what), "{err}");
        }
    }

    #[test]
    fn a_body_that_is_only_a_string_is_not_quoted_in_the_error() {
        for body in [
            &br#""eyJ-the-token""#[..],
            br#"["eyJ-the-token"]"#,
            br#"{"access_token":["eyJ-the-token"]}"#,
        ] {
            let err = parse_token(200, body).unwrap_err();
            let shown = format!("{err} {err:?}");
            assert!(!shown.contains("eyJ-the-token"), "{shown}");
        }
    }
}
