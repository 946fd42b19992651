//! The bounded record of requests the sandbox answered.

use std::collections::VecDeque;
use std::sync::Mutex;

use crate::InjectedFault;

/// How many requests [`RequestLog`] keeps; older ones are forgotten.
pub(crate) const REQUEST_LOG_CAPACITY: usize = 10_000;

/// One request as the sandbox saw it, from [`Sandbox::request_log`](crate::Sandbox::request_log).
#[derive(Debug, Clone, PartialEq, Eq)]
#[non_exhaustive]
pub struct LoggedRequest {
    /// The HTTP method, such as `GET`.
    pub method: String,
    /// The path exactly as received, still percent-encoded, such as `/rest/V1/products/A%2F1`.
    pub path: String,
    /// The query string exactly as received, without the `?`; `None` when there was none.
    pub query: Option<String>,
    /// The SKU decoded from the path of a `/V1/products/{sku}` route, PHP-style (`+` is a space).
    pub sku: Option<String>,
    /// The store scope: the `Store` header on SaaS paths, the path segment after `/rest` on
    /// PaaS paths; `None` when absent (the default store view).
    pub store: Option<String>,
    /// The status answered. A dropped connection records the `200` it started with.
    pub status: u16,
    /// The fault injected into this request, if any.
    pub fault: Option<InjectedFault>,
}

/// A ring of the last [`REQUEST_LOG_CAPACITY`] requests.
#[derive(Debug, Default)]
pub(crate) struct RequestLog {
    entries: Mutex<VecDeque<LoggedRequest>>,
}

impl RequestLog {
    /// Records a request, forgetting the oldest one when full.
    pub(crate) fn push(&self, entry: LoggedRequest) {
        let mut entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        if entries.len() == REQUEST_LOG_CAPACITY {
            entries.pop_front();
        }
        entries.push_back(entry);
    }

    /// The recorded requests, oldest first.
    pub(crate) fn snapshot(&self) -> Vec<LoggedRequest> {
        let entries = self.entries.lock().unwrap_or_else(|poisoned| poisoned.into_inner());
        entries.iter().cloned().collect()
    }
}
