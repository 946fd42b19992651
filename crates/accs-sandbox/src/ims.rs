//! The IMS token endpoint, `POST /ims/token/v3`, for OAuth server-to-server credentials.

use std::collections::HashMap;

use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::http::{HeaderMap, Method, StatusCode, header};
use axum::response::Response;
use serde_json::json;
use tracing::{debug, trace};

use crate::php_url::query_pairs;
use crate::responses::json_value;
use crate::state::SharedState;
use crate::stats::Counters;

/// The path of the token endpoint.
pub(crate) const IMS_TOKEN_PATH: &str = "/ims/token/v3";

/// The scope ACCS needs in a token.
pub const REQUIRED_SCOPE: &str = "commerce.accs";

/// The largest form body accepted.
const MAX_FORM_BYTES: usize = 64 * 1024;

/// An OAuth2 error answer.
#[derive(Debug)]
struct OAuthError {
    status: StatusCode,
    error: &'static str,
    description: String,
}

impl OAuthError {
    fn new(error: &'static str, description: impl Into<String>) -> Self {
        Self { status: StatusCode::BAD_REQUEST, error, description: description.into() }
    }
}

/// Answers a token request: a new token, or an OAuth2 error.
pub(crate) async fn token(state: &SharedState, request: Request) -> Response {
    Counters::bump(&state.counters.token_requests);
    match mint(state, request).await {
        Ok(token) => {
            Counters::bump(&state.counters.tokens_minted);
            debug!(lifetime_s = state.tokens.lifetime().as_secs(), "token minted");
            let body = json!({
                "access_token": token,
                "token_type": "bearer",
                "expires_in": state.tokens.lifetime().as_secs(),
            });
            json_value(StatusCode::OK, &body)
        }
        Err(refusal) => {
            trace!(error = refusal.error, description = %refusal.description, "token refused");
            let body = json!({ "error": refusal.error, "error_description": refusal.description });
            json_value(refusal.status, &body)
        }
    }
}

async fn mint(state: &SharedState, request: Request) -> Result<String, OAuthError> {
    let (parts, body) = request.into_parts();
    if parts.method != Method::POST {
        let mut refusal = OAuthError::new("invalid_request", "the token endpoint takes POST only");
        refusal.status = StatusCode::METHOD_NOT_ALLOWED;
        return Err(refusal);
    }
    if let Some(query) = parts.uri.query()
        && query_pairs(query).any(|(key, _)| key == "client_id" || key == "client_secret")
    {
        return Err(OAuthError::new(
            "invalid_request",
            "client credentials must be sent in the request body, not in the query string",
        ));
    }
    let form = read_form(&parts.headers, body).await?;
    let field = |name: &'static str| {
        form.get(name)
            .filter(|value| !value.is_empty())
            .ok_or_else(|| OAuthError::new("invalid_request", format!("missing {name} parameter")))
    };

    if field("grant_type")? != "client_credentials" {
        return Err(OAuthError::new("unsupported_grant_type", "unsupported grant_type"));
    }
    if *field("client_id")? != state.credentials.client_id {
        return Err(OAuthError::new("invalid_client", "invalid client_id parameter"));
    }
    if *field("client_secret")? != state.credentials.client_secret {
        return Err(OAuthError::new("invalid_client", "invalid client_secret parameter"));
    }
    let scope = field("scope")?;
    if !scope.split(',').any(|scope| scope.trim() == REQUIRED_SCOPE) {
        return Err(OAuthError::new(
            "invalid_scope",
            format!("invalid scope, {REQUIRED_SCOPE} is required"),
        ));
    }
    Ok(state.tokens.mint())
}

/// The fields of an `application/x-www-form-urlencoded` body; the first of a repeated key wins.
async fn read_form(headers: &HeaderMap, body: Body) -> Result<HashMap<String, String>, OAuthError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
    let is_form = content_type.is_some_and(|value| {
        value.split(';').next().is_some_and(|mime| {
            mime.trim().eq_ignore_ascii_case("application/x-www-form-urlencoded")
        })
    });
    if !is_form {
        return Err(OAuthError::new(
            "invalid_request",
            "the body must be application/x-www-form-urlencoded",
        ));
    }
    let bytes = to_bytes(body, MAX_FORM_BYTES)
        .await
        .map_err(|_| OAuthError::new("invalid_request", "the request body could not be read"))?;
    let text = String::from_utf8_lossy(&bytes);
    let mut form = HashMap::new();
    for (key, value) in query_pairs(&text) {
        form.entry(key).or_insert(value);
    }
    Ok(form)
}
