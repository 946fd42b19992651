//! Reading retries off the server's side: the request log grouped by logical request.

use accs_sandbox::LoggedRequest;

/// The path of the sandbox's IMS token endpoint, which is not a catalog request.
const IMS_TOKEN_PATH: &str = "/ims/token/v3";

/// Whether `request` went to the catalog API rather than to IMS.
pub fn is_catalog_request(request: &LoggedRequest) -> bool {
    request.path != IMS_TOKEN_PATH
}

/// The catalog requests of `log` grouped by logical request, in order of first appearance,
/// each group in the order its attempts arrived.
///
/// Attempts of one logical request carry the same method, raw path and raw query; a client
/// that builds each logical request differently (a keyset walk moves its `entity_id` bound on
/// every page) can thus be checked request by request: how many attempts each made, and that
/// exactly one of them succeeded.
pub fn by_logical_request(log: &[LoggedRequest]) -> Vec<Vec<&LoggedRequest>> {
    let mut groups: Vec<Vec<&LoggedRequest>> = Vec::new();
    let mut index: std::collections::HashMap<(&str, &str, Option<&str>), usize> =
        std::collections::HashMap::new();
    for request in log.iter().filter(|request| is_catalog_request(request)) {
        let key = (request.method.as_str(), request.path.as_str(), request.query.as_deref());
        match index.get(&key) {
            Some(&at) => groups[at].push(request),
            None => {
                index.insert(key, groups.len());
                groups.push(vec![request]);
            }
        }
    }
    groups
}
