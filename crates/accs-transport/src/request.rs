//! [`Request`]: one call through the pipeline of headers, token, retries and error mapping.

use std::fmt;
use std::sync::atomic::Ordering;
use std::time::{Duration, SystemTime};

use accs_auth::{AccessToken, parse_retry_after, redact};
use reqwest::header::{self, HeaderMap, HeaderValue};
use reqwest::{Method, StatusCode};
use secrecy::ExposeSecret;
use serde::Serialize;
use serde::de::DeserializeOwned;
use tokio::time::Instant;
use tracing::{Instrument, debug, field, info_span, warn};

use crate::path::endpoint_url;
use crate::response::{Body, classify_status, excerpt, read_body};
use crate::{Client, Error, Flavor, StoreScope};

/// One request, built from a [`Client`] and sent with [`send`](Request::send) or
/// [`send_value`](Request::send_value).
pub struct Request {
    client: Client,
    method: Method,
    segments: Vec<String>,
    query: Vec<(String, String)>,
    body: Option<Result<bytes::Bytes, String>>,
    store: Option<StoreScope>,
    template: Option<&'static str>,
}

impl Request {
    pub(crate) fn new(client: Client, method: Method, segments: &[&str]) -> Self {
        let store = client.store.clone();
        Request {
            client,
            method,
            segments: segments.iter().map(|segment| (*segment).to_owned()).collect(),
            query: Vec::new(),
            body: None,
            store,
            template: None,
        }
    }

    /// Adds a query parameter. Keys and values are form-encoded once when sent, so pass them
    /// as they are (`%` stays `%` here and reaches the server as `%25`).
    pub fn query(mut self, key: impl Into<String>, value: impl Into<String>) -> Self {
        self.query.push((key.into(), value.into()));
        self
    }

    /// Adds query parameters; see [`query`](Request::query).
    pub fn query_pairs<I, K, V>(mut self, pairs: I) -> Self
    where
        I: IntoIterator<Item = (K, V)>,
        K: Into<String>,
        V: Into<String>,
    {
        self.query.extend(pairs.into_iter().map(|(key, value)| (key.into(), value.into())));
        self
    }

    /// Sets a JSON body. A value that cannot be serialised fails at [`send`](Request::send).
    pub fn json<T: Serialize + ?Sized>(mut self, body: &T) -> Self {
        self.body =
            Some(serde_json::to_vec(body).map(bytes::Bytes::from).map_err(|err| err.to_string()));
        self
    }

    /// Sets the store scope of this request only, over the client's.
    pub fn store(mut self, store: StoreScope) -> Self {
        self.store = Some(store);
        self
    }

    /// Names the endpoint in logs, such as `/V1/products/{sku}`. Defaults to the path with
    /// each segment after the first replaced by `{}`, so identifiers do not become log fields.
    pub fn path_template(mut self, template: &'static str) -> Self {
        self.template = Some(template);
        self
    }

    /// Sends the request and decodes the JSON answer as `T`.
    ///
    /// A 2xx with an empty body is [`Error::EmptyBody`]; a non-JSON body is
    /// [`Error::NonJson`]; JSON of another shape is [`Error::Decode`].
    pub async fn send<T: DeserializeOwned>(self) -> Result<T, Error> {
        let (body, token) = self.execute().await?;
        decode(&body, &token)
    }

    /// Sends the request and returns the JSON answer as it came.
    pub async fn send_value(self) -> Result<serde_json::Value, Error> {
        self.send().await
    }

    /// Sends the request and returns the raw body of the successful answer.
    pub async fn send_bytes(self) -> Result<bytes::Bytes, Error> {
        Ok(self.execute().await?.0.bytes)
    }

    /// The successful answer and the token it was sent with.
    async fn execute(self) -> Result<(Body, AccessToken), Error> {
        let template = match self.template {
            Some(template) => template.to_owned(),
            None => default_template(&self.segments),
        };
        let span = info_span!("accs_request", method = %self.method, path = %template,
                              attempt = field::Empty);
        self.run().instrument(span).await
    }

    async fn run(mut self) -> Result<(Body, AccessToken), Error> {
        let shared = &self.client.shared;
        let segments: Vec<&str> = self.segments.iter().map(String::as_str).collect();
        let mut url = endpoint_url(&shared.base, shared.flavor, self.store.as_ref(), &segments)?;
        if !self.query.is_empty() {
            url.query_pairs_mut().extend_pairs(self.query.iter());
        }
        let body = match self.body.take() {
            Some(Ok(bytes)) => Some(bytes),
            Some(Err(reason)) => return Err(Error::InvalidInput(format!("JSON body: {reason}"))),
            None => None,
        };
        let headers = self.fixed_headers(body.is_some());
        let idempotent = is_idempotent(&self.method);
        let safe = matches!(self.method, Method::GET | Method::HEAD | Method::OPTIONS);
        let policy = &shared.retry;
        let mut backoff = policy.backoff();
        let started = Instant::now();
        let mut refreshed = false;
        let mut attempt: u32 = 0;

        loop {
            attempt += 1;
            tracing::Span::current().record("attempt", attempt);
            let token = shared.tokens.token().await?;
            let mut request = shared
                .http
                .request(self.method.clone(), url.clone())
                .headers(headers.clone())
                .header(header::AUTHORIZATION, bearer(&token)?);
            if let Some(body) = &body {
                request = request.body(body.clone());
            }

            shared.counters.requests.fetch_add(1, Ordering::Relaxed);
            let sent_at = Instant::now();
            let outcome = self.exchange(request, idempotent, safe).await;
            let elapsed_ms = sent_at.elapsed().as_millis() as u64;

            let failure = match outcome {
                Exchange::Answer { status, body } => {
                    debug!(status = status.as_u16(), elapsed_ms, "request completed");
                    if status.is_success() {
                        return Ok((body, token));
                    }
                    if status == StatusCode::UNAUTHORIZED && !refreshed {
                        debug!("token rejected; refreshing it and replaying once");
                        shared.tokens.invalidate(&token);
                        shared.counters.token_refreshes.fetch_add(1, Ordering::Relaxed);
                        refreshed = true;
                        attempt -= 1;
                        continue;
                    }
                    // An error page may echo the request: its text must not carry the token.
                    let body = body.without(token.secret().expose_secret());
                    Failure::from_status(status, &body, idempotent, &self.method)
                }
                Exchange::Failed { error, retryable } => {
                    debug!(error = %error, elapsed_ms, "request failed");
                    Failure { error, retryable, retry_after: None }
                }
            };

            let Failure { error, retryable, retry_after } = failure;
            if !retryable || attempt >= policy.max_attempts() {
                return Err(error);
            }
            if let Some(wait) = retry_after
                && wait > policy.max_retry_after()
            {
                // The error keeps its own status: a 503 asking for an hour is a 503, and a
                // 429's error already carries the wait.
                warn!(wait_s = wait.as_secs(), "server asked to wait longer than allowed");
                return Err(error);
            }
            let wait = match retry_after.or_else(|| backoff.next_wait()) {
                Some(wait) => wait,
                None => return Err(error),
            };
            if started.elapsed() + wait > policy.max_elapsed() {
                warn!(elapsed_ms = started.elapsed().as_millis() as u64, "retry time used up");
                return Err(error);
            }
            warn!(reason = %error, attempt, wait_ms = wait.as_millis() as u64, "retrying");
            shared.counters.retries.fetch_add(1, Ordering::Relaxed);
            tokio::time::sleep(wait).await;
        }
    }

    /// One HTTP exchange. `safe` methods change nothing, so their outcome is never unknown;
    /// `idempotent` ones may be repeated after a failure once sent.
    async fn exchange(
        &self,
        request: reqwest::RequestBuilder,
        idempotent: bool,
        safe: bool,
    ) -> Exchange {
        let response = match request.send().await {
            Ok(response) => response,
            Err(err) => return Exchange::from_send_error(&err, idempotent, safe),
        };
        let status = response.status();
        let limit = self.client.shared.max_response_bytes;
        match read_body(response, limit).await {
            Ok(body) => Exchange::Answer { status, body },
            Err(error) => {
                let retryable = idempotent && !matches!(error, Error::BodyTooLarge { .. });
                let error = match error {
                    Error::Timeout { .. } => Error::Timeout { outcome_unknown: !safe },
                    Error::Interrupted { status, reason, .. } => {
                        Error::Interrupted { status, reason, outcome_unknown: !safe }
                    }
                    other => other,
                };
                Exchange::Failed { error, retryable }
            }
        }
    }

    fn fixed_headers(&self, has_body: bool) -> HeaderMap {
        let shared = &self.client.shared;
        let mut headers = HeaderMap::new();
        headers.insert(header::ACCEPT, HeaderValue::from_static("application/json"));
        if has_body {
            headers.insert(header::CONTENT_TYPE, HeaderValue::from_static("application/json"));
        }
        let optional = [("x-api-key", &shared.api_key), ("x-gw-ims-org-id", &shared.org_id)];
        for (name, value) in optional {
            if let Some(value) = value.as_deref().and_then(|v| HeaderValue::from_str(v).ok()) {
                headers.insert(name, value);
            }
        }
        if shared.flavor == Flavor::Saas
            && let Some(store) = &self.store
            && let Ok(value) = HeaderValue::from_str(store.as_str())
        {
            headers.insert("store", value);
        }
        headers
    }
}

impl fmt::Debug for Request {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("Request")
            .field("method", &self.method)
            .field("segments", &self.segments)
            .field("query", &self.query)
            .field("store", &self.store)
            .finish_non_exhaustive()
    }
}

enum Exchange {
    Answer { status: StatusCode, body: Body },
    Failed { error: Error, retryable: bool },
}

impl Exchange {
    fn from_send_error(err: &reqwest::Error, idempotent: bool, safe: bool) -> Exchange {
        let reason = crate::response::describe(err);
        if err.is_connect() {
            // Nothing reached the server: safe to retry whatever the method.
            Exchange::Failed { error: Error::Connect { reason }, retryable: true }
        } else if err.is_timeout() {
            Exchange::Failed {
                error: Error::Timeout { outcome_unknown: !safe },
                retryable: idempotent,
            }
        } else {
            Exchange::Failed {
                error: Error::Interrupted { status: None, reason, outcome_unknown: !safe },
                retryable: idempotent,
            }
        }
    }
}

struct Failure {
    error: Error,
    retryable: bool,
    retry_after: Option<Duration>,
}

impl Failure {
    fn from_status(status: StatusCode, body: &Body, idempotent: bool, method: &Method) -> Failure {
        let error = classify_status(status, body);
        let code = status.as_u16();
        let retry_after = body
            .retry_after
            .as_deref()
            .and_then(|value| parse_retry_after(value, SystemTime::now()));
        // A 429 was not processed, so even a POST may be sent again.
        let retryable = code == 429 || (idempotent && matches!(code, 408 | 500 | 502 | 503 | 504));
        if code != 429 && retryable {
            debug!(%method, status = code, "transient status");
        }
        Failure { error, retryable, retry_after }
    }
}

fn is_idempotent(method: &Method) -> bool {
    matches!(*method, Method::GET | Method::HEAD | Method::PUT | Method::DELETE | Method::OPTIONS)
}

fn bearer(token: &AccessToken) -> Result<HeaderValue, Error> {
    let mut value = HeaderValue::from_str(&format!("Bearer {}", token.secret().expose_secret()))
        .map_err(|_| Error::InvalidInput("the access token is not a valid header value".into()))?;
    value.set_sensitive(true);
    Ok(value)
}

fn default_template(segments: &[String]) -> String {
    let mut template = String::from("/V1");
    for (index, segment) in segments.iter().enumerate() {
        template.push('/');
        template.push_str(if index == 0 { segment } else { "{}" });
    }
    template
}

/// Decodes a successful answer; the error quoting a body that cannot be decoded leaves out
/// the `token` the request was sent with, which an echoing server may have put there.
fn decode<T: DeserializeOwned>(body: &Body, token: &AccessToken) -> Result<T, Error> {
    if body.bytes.is_empty() {
        return Err(Error::EmptyBody { status: body.status });
    }
    serde_json::from_slice(&body.bytes).map_err(|err| {
        let secret = token.secret().expose_secret();
        let shown = body.without(secret);
        if shown.looks_like_json() {
            // serde quotes the string values it could not use.
            let reason = redact(err.to_string().as_bytes(), secret).into_owned();
            Error::Decode {
                status: body.status,
                what: short_type_name::<T>(),
                reason: String::from_utf8_lossy(&reason).into_owned(),
                excerpt: excerpt(&shown.bytes),
            }
        } else {
            Error::NonJson {
                status: body.status,
                content_type: body.content_type.clone(),
                excerpt: excerpt(&shown.bytes),
            }
        }
    })
}

fn short_type_name<T>() -> String {
    let full = std::any::type_name::<T>();
    let base = full.split('<').next().unwrap_or(full);
    let short = base.rsplit("::").next().unwrap_or(base);
    if full.contains('<') { format!("{short}<..>") } else { short.to_owned() }
}
