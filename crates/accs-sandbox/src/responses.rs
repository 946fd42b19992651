//! Magento-shaped answers: JSON bodies with message templates, and the common refusals.

use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use serde_json::{Value, json};

/// The content type of every JSON answer, as Magento sends it.
pub(crate) const JSON_CONTENT_TYPE: &str = "application/json; charset=utf-8";

/// A JSON answer with the given status and pre-rendered body.
pub(crate) fn json_bytes(status: StatusCode, body: impl Into<Bytes>) -> Response {
    let mut response = (status, body.into()).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    response
}

/// A JSON answer rendering `body`.
pub(crate) fn json_value(status: StatusCode, body: &Value) -> Response {
    json_bytes(status, body.to_string())
}

/// A Magento error answer: a status and `{"message": <template>, "parameters": ...}`.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct ApiError {
    pub(crate) status: StatusCode,
    pub(crate) body: Value,
}

impl ApiError {
    /// An error with a message template and no parameters.
    pub(crate) fn new(status: StatusCode, message: &str) -> Self {
        Self { status, body: json!({ "message": message }) }
    }

    /// An error with a message template and its parameters (an array or an object).
    pub(crate) fn with_parameters(status: StatusCode, message: &str, parameters: Value) -> Self {
        Self { status, body: json!({ "message": message, "parameters": parameters }) }
    }

    /// `404 Request does not match any route.`
    pub(crate) fn no_route() -> Self {
        Self::new(StatusCode::NOT_FOUND, "Request does not match any route.")
    }

    /// `404` for a SKU that no product has.
    pub(crate) fn product_not_found() -> Self {
        Self::new(
            StatusCode::NOT_FOUND,
            "The product that was requested doesn't exist. Verify the product and try again.",
        )
    }

    /// `401` for a missing, unknown, expired or revoked token.
    pub(crate) fn unauthorized() -> Self {
        Self::with_parameters(
            StatusCode::UNAUTHORIZED,
            "The consumer isn't authorized to access %resources.",
            json!({ "resources": "Magento_Catalog::products" }),
        )
    }

    /// `400 "%fieldName" is required. Enter and try again.`
    pub(crate) fn required(field: &str) -> Self {
        Self::with_parameters(
            StatusCode::BAD_REQUEST,
            "\"%fieldName\" is required. Enter and try again.",
            json!({ "fieldName": field }),
        )
    }

    /// `400` for a value of the wrong type, naming the value and the expected type.
    pub(crate) fn invalid_type(value: &str, expected: &str) -> Self {
        Self::with_parameters(
            StatusCode::BAD_REQUEST,
            "The \"%1\" value's type is invalid. The \"%2\" type was expected. Verify and try again.",
            json!([value, expected]),
        )
    }

    /// `400` for a body that is not JSON.
    pub(crate) fn malformed_body() -> Self {
        Self::new(
            StatusCode::BAD_REQUEST,
            "Decoding error: Unable to unserialize value. Error: Syntax error",
        )
    }

    /// Several validation failures: one error answers with its own message, more answer under
    /// `One or more input exceptions have occurred.` with each in `errors`.
    pub(crate) fn input_errors(mut errors: Vec<Value>) -> Self {
        if errors.len() == 1 {
            let only = errors.remove(0);
            return Self { status: StatusCode::BAD_REQUEST, body: only };
        }
        Self {
            status: StatusCode::BAD_REQUEST,
            body: json!({ "message": "One or more input exceptions have occurred.", "errors": errors }),
        }
    }

    /// One entry of [`ApiError::input_errors`]: `%fieldName is a required field.`
    pub(crate) fn required_field_entry(field: &str) -> Value {
        json!({ "message": "%fieldName is a required field.", "parameters": { "fieldName": field } })
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        json_value(self.status, &self.body)
    }
}
