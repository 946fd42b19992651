//! The one entry point of every HTTP request: IMS or catalog, then the request log.

use std::sync::Arc;

use axum::extract::{Request, State};
use axum::response::Response;

use crate::ims::{self, IMS_TOKEN_PATH};
use crate::state::SharedState;
use crate::{LoggedRequest, catalog_api};

/// Routes by the raw path: the catalog paths carry SKUs that axum's router must not decode.
pub(crate) async fn dispatch(State(state): State<Arc<SharedState>>, request: Request) -> Response {
    let method = request.method().to_string();
    let path = request.uri().path().to_owned();
    let query = request.uri().query().map(str::to_owned);

    if path == IMS_TOKEN_PATH {
        let response = ims::token(&state, request).await;
        let status = response.status().as_u16();
        let entry =
            LoggedRequest { method, path, query, sku: None, store: None, status, fault: None };
        state.log.push(entry);
        return response;
    }

    let (parts, body) = request.into_parts();
    let (response, routed, faults) = catalog_api::handle(&state, &parts, body).await;
    state.log.push(LoggedRequest {
        method,
        path,
        query,
        sku: routed.sku().map(str::to_owned),
        store: routed.store,
        status: response.status().as_u16(),
        fault: faults.fault,
    });
    response
}
