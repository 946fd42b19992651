//! Which catalog operation a raw request path names, on SaaS and PaaS paths alike.
//!
//! The path is split while still percent-encoded, then each segment is decoded once,
//! PHP-style, so that `%2F` inside a SKU never splits it and `+` reads as a space.

use axum::http::Method;

use crate::php_url::decode_component;

/// A catalog operation.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Route {
    ListProducts,
    CreateProduct,
    GetProduct(String),
    SaveProduct(String),
    DeleteProduct(String),
    /// Any path or method Magento has no route for.
    Unmatched,
}

/// A routed request: the operation and the store scope seen.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct RoutedRequest {
    pub(crate) route: Route,
    pub(crate) store: Option<String>,
}

impl RoutedRequest {
    /// Routes a request given its raw path, the `Store` header and the sandbox's tenant.
    ///
    /// `/<tenant>/V1/...` is the SaaS shape (store from the header), `/rest/V1/...` and
    /// `/rest/<store>/V1/...` the PaaS shape; `/<tenant>/rest/V1/...` matches nothing, like ACCS.
    pub(crate) fn parse(
        method: &Method,
        raw_path: &str,
        store_header: Option<&str>,
        tenant: &str,
    ) -> Self {
        let segments: Vec<&str> =
            raw_path.strip_prefix('/').unwrap_or(raw_path).split('/').collect();
        let (store, rest) = match segments.as_slice() {
            ["rest", "V1", rest @ ..] => (None, rest),
            ["rest", store, "V1", rest @ ..] => (Some(decode_component(store)), rest),
            [first, "V1", rest @ ..] if *first == tenant => (store_header.map(str::to_owned), rest),
            _ => return Self { route: Route::Unmatched, store: store_header.map(str::to_owned) },
        };
        Self { route: route(method, rest), store }
    }

    /// The decoded SKU of a `/V1/products/{sku}` route.
    pub(crate) fn sku(&self) -> Option<&str> {
        match &self.route {
            Route::GetProduct(sku) | Route::SaveProduct(sku) | Route::DeleteProduct(sku) => {
                Some(sku)
            }
            _ => None,
        }
    }
}

// FIXME: only the product routes exist; `/V1/async/products`, `/V1/async/bulk/products` and
// `/V1/bulk/{uuid}/status` answer `Request does not match any route.`, so bulk clients cannot
// be tested against the sandbox.
fn route(method: &Method, rest: &[&str]) -> Route {
    match (rest, method) {
        (["products"], &Method::GET) => Route::ListProducts,
        (["products"], &Method::POST) => Route::CreateProduct,
        (["products", sku], method) if !sku.is_empty() => {
            let sku = decode_component(sku);
            match *method {
                Method::GET => Route::GetProduct(sku),
                Method::PUT => Route::SaveProduct(sku),
                Method::DELETE => Route::DeleteProduct(sku),
                _ => Route::Unmatched,
            }
        }
        _ => Route::Unmatched,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const TENANT: &str = "Tenant";

    fn parse(method: Method, path: &str, store: Option<&str>) -> RoutedRequest {
        RoutedRequest::parse(&method, path, store, TENANT)
    }

    #[test]
    fn saas_paths_take_the_store_from_the_header() {
        let routed = parse(Method::GET, "/Tenant/V1/products", Some("all"));
        assert_eq!(routed, RoutedRequest { route: Route::ListProducts, store: Some("all".into()) });
        assert_eq!(parse(Method::GET, "/Other/V1/products", None).route, Route::Unmatched);
        assert_eq!(parse(Method::GET, "/Tenant/rest/V1/products", None).route, Route::Unmatched);
    }

    #[test]
    fn paas_paths_take_the_store_from_the_path() {
        assert_eq!(parse(Method::POST, "/rest/V1/products", Some("x")).store, None);
        let routed = parse(Method::PUT, "/rest/default/V1/products/A%2F1", None);
        assert_eq!(routed.route, Route::SaveProduct("A/1".into()));
        assert_eq!(routed.store.as_deref(), Some("default"));
    }

    #[test]
    fn sku_segments_are_decoded_once_php_style() {
        let sku = |path: &str| parse(Method::GET, path, None).sku().map(str::to_owned);
        assert_eq!(sku("/rest/V1/products/BAH-SB+7").as_deref(), Some("BAH-SB 7"));
        assert_eq!(sku("/rest/V1/products/BAH-SB%2B7").as_deref(), Some("BAH-SB+7"));
        assert_eq!(sku("/rest/V1/products/%2E").as_deref(), Some("."));
        assert_eq!(sku("/rest/V1/products/50%2525OFF").as_deref(), Some("50%25OFF"));
        assert_eq!(sku("/rest/V1/products/AB-1/6"), None);
    }

    #[test]
    fn wrong_methods_and_extra_segments_match_nothing() {
        assert_eq!(parse(Method::DELETE, "/rest/V1/products", None).route, Route::Unmatched);
        assert_eq!(parse(Method::POST, "/rest/V1/products/A", None).route, Route::Unmatched);
        assert_eq!(parse(Method::GET, "/rest/V1/products/", None).route, Route::Unmatched);
        assert_eq!(parse(Method::GET, "/rest/V1/categories", None).route, Route::Unmatched);
    }
}
