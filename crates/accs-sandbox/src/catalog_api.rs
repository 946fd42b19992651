//! The catalog endpoints: faults first, then routing, authorization and the operation.

use std::sync::Arc;

use axum::body::{Body, to_bytes};
use axum::http::request::Parts;
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde_json::json;
use tracing::{info, trace, warn};

use crate::catalog::ProductInput;
use crate::fault_injection::RequestFaults;
use crate::responses::{ApiError, json_bytes};
use crate::routes::{Route, RoutedRequest};
use crate::search::{Search, SearchCriteria};
use crate::state::SharedState;
use crate::stats::Counters;
use crate::timestamp;

/// The largest product body accepted.
const MAX_BODY_BYTES: usize = 16 * 1024 * 1024;

/// Serves one catalog request. Returns the answer and the routed request, for the log.
pub(crate) async fn handle(
    state: &Arc<SharedState>,
    parts: &Parts,
    body: Body,
) -> (Response, RoutedRequest, RequestFaults) {
    Counters::bump(&state.counters.requests);
    let store_header = parts.headers.get("store").and_then(|value| value.to_str().ok());
    let routed = RoutedRequest::parse(&parts.method, parts.uri.path(), store_header, &state.tenant);

    let faults = state.faults().draw(routed.route == Route::ListProducts);
    if faults.revoke_tokens {
        state.tokens.revoke_all();
        info!("fault: every token issued so far was revoked");
    }
    if let Some(latency) = faults.latency {
        tokio::time::sleep(latency).await;
    }
    if let (Some(fault), Some(response)) = (faults.fault, faults.response()) {
        state.counters.count_fault(fault);
        trace!(?fault, path = parts.uri.path(), "fault injected");
        return (response, routed, faults);
    }

    let response = match serve(state, parts, &routed, body, &faults).await {
        Ok(response) => response,
        Err(error) => error.into_response(),
    };
    (response, routed, faults)
}

async fn serve(
    state: &SharedState,
    parts: &Parts,
    routed: &RoutedRequest,
    body: Body,
    faults: &RequestFaults,
) -> Result<Response, ApiError> {
    if routed.route == Route::Unmatched {
        return Err(ApiError::no_route());
    }
    authorize(state, &parts.headers)?;

    // FIXME: the store scope is recorded in the request log but every scope reads and writes the
    // same products, so a write to the wrong store view is not visible in later reads.
    match &routed.route {
        Route::ListProducts => {
            if let Some((churn, seed)) = faults.churn {
                state.catalog_mut().churn(churn, seed);
            }
            let search = Search::new(SearchCriteria::from_query(parts.uri.query())?)?;
            let body = search.render(&state.catalog());
            Ok(json_bytes(StatusCode::OK, body))
        }
        Route::GetProduct(sku) => {
            let json = state.catalog().get(sku).map(|product| product.json.clone());
            json.map(|json| json_bytes(StatusCode::OK, json))
                .ok_or_else(ApiError::product_not_found)
        }
        Route::CreateProduct => {
            let input = read_product(&parts.headers, body).await?;
            let sku = input.sku().unwrap_or_default().to_owned();
            save(state, &sku, input)
        }
        Route::SaveProduct(sku) => {
            let input = read_product(&parts.headers, body).await?;
            save(state, sku, input)
        }
        Route::DeleteProduct(sku) => {
            if state.catalog_mut().delete(sku) {
                Ok(json_bytes(StatusCode::OK, "true"))
            } else {
                Err(ApiError::product_not_found())
            }
        }
        Route::Unmatched => Err(ApiError::no_route()),
    }
}

/// Accepts a request bearing a valid, unexpired, unrevoked token.
// FIXME: PaaS integration access tokens (static bearers) are not accepted; only tokens from the
// sandbox's IMS are, on PaaS paths too.
fn authorize(state: &SharedState, headers: &HeaderMap) -> Result<(), ApiError> {
    let token = headers
        .get(header::AUTHORIZATION)
        .and_then(|value| value.to_str().ok())
        .and_then(|value| value.split_once(' '))
        .filter(|(scheme, _)| scheme.eq_ignore_ascii_case("bearer"))
        .map(|(_, token)| token.trim());
    let verdict = match token {
        Some(token) => state.tokens.check(token).map_err(|refusal| format!("{refusal:?}")),
        None => Err("Missing".to_owned()),
    };
    verdict.map_err(|refusal| {
        Counters::bump(&state.counters.unauthorized);
        trace!(refusal = %refusal, "token refused");
        ApiError::unauthorized()
    })
}

async fn read_product(headers: &HeaderMap, body: Body) -> Result<ProductInput, ApiError> {
    let content_type = headers.get(header::CONTENT_TYPE).and_then(|value| value.to_str().ok());
    if let Some(content_type) = content_type
        && !content_type.to_ascii_lowercase().contains("json")
    {
        let media_type = content_type.split(';').next().unwrap_or_default().trim();
        return Err(ApiError::with_parameters(
            StatusCode::BAD_REQUEST,
            "Server cannot understand Content-Type HTTP header media type %1",
            json!([media_type]),
        ));
    }
    let bytes = to_bytes(body, MAX_BODY_BYTES).await.map_err(|error| {
        warn!(%error, "product body could not be read");
        ApiError::malformed_body()
    })?;
    ProductInput::parse(&bytes)
}

fn save(state: &SharedState, sku: &str, input: ProductInput) -> Result<Response, ApiError> {
    let now = timestamp::now();
    let mut catalog = state.catalog_mut();
    let product = catalog.save(sku, input, &now)?;
    Ok(json_bytes(StatusCode::OK, product.json.clone()))
}
