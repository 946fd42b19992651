//! Drawing faults for each catalog request and rendering the faulty answers.

use std::sync::OnceLock;
use std::time::{Duration, SystemTime};

use axum::body::Body;
use axum::http::{HeaderValue, StatusCode, header};
use axum::response::{IntoResponse, Response};
use bytes::Bytes;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

use crate::responses::{JSON_CONTENT_TYPE, json_bytes};
use crate::{Churn, FaultConfig, InjectedFault};

/// Mixed into the seed so that fault draws do not repeat the catalog's random stream.
const FAULT_STREAM: u64 = 0x6661_756c_7473_2121;

/// Bytes of body a dropped connection sends before breaking off; above hyper's write buffer.
const DROPPED_PARTIAL_BYTES: usize = 1024 * 1024;

/// The fault configuration in force and its random stream.
#[derive(Debug)]
pub(crate) struct FaultState {
    sandbox_seed: u64,
    config: FaultConfig,
    rng: StdRng,
    /// Catalog requests since the configuration was set, for `revoke_tokens_after`.
    requests: u64,
    revoked: bool,
}

/// What happens to one catalog request.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct RequestFaults {
    pub(crate) fault: Option<InjectedFault>,
    pub(crate) latency: Option<Duration>,
    /// Revoke every token issued so far before serving this request.
    pub(crate) revoke_tokens: bool,
    /// Churn to apply, with the seed of its random choices, when this is a list request.
    pub(crate) churn: Option<(Churn, u64)>,
    report_id: u64,
}

impl FaultState {
    /// The state for a sandbox seeded with `sandbox_seed`.
    pub(crate) fn new(sandbox_seed: u64, config: FaultConfig) -> Self {
        let rng = StdRng::seed_from_u64(sandbox_seed ^ config.seed.rotate_left(17) ^ FAULT_STREAM);
        Self { sandbox_seed, config, rng, requests: 0, revoked: false }
    }

    /// Replaces the configuration, restarting its random stream and its request count.
    pub(crate) fn reconfigure(&mut self, config: FaultConfig) {
        *self = Self::new(self.sandbox_seed, config);
    }

    /// Decides the faults of the next catalog request. The draws happen in request order, so a
    /// seed reproduces a run whose requests arrive in the same order.
    pub(crate) fn draw(&mut self, is_list: bool) -> RequestFaults {
        self.requests += 1;
        let mut faults = RequestFaults::default();

        let roll: f64 = self.rng.r#gen();
        let mut threshold = 0.0;
        for (fault, rate) in self.config.rates() {
            threshold += rate;
            if roll < threshold {
                faults.fault = Some(fault);
                break;
            }
        }
        if let Some((min, max)) = self.config.latency {
            // `set_faults` applies an inverted range as given: read it either way round.
            let (low, high) = if min <= max { (min, max) } else { (max, min) };
            faults.latency = Some(self.rng.gen_range(low..=high));
        }
        if faults.fault == Some(InjectedFault::Http500) {
            faults.report_id = self.rng.r#gen();
        }
        if let Some(after) = self.config.revoke_tokens_after
            && !self.revoked
            && self.requests > after
        {
            self.revoked = true;
            faults.revoke_tokens = true;
        }
        if let Some(churn) = self.config.churn.filter(|_| is_list) {
            faults.churn = Some((churn, self.rng.r#gen()));
        }
        faults
    }
}

impl RequestFaults {
    /// The answer for the drawn fault; `None` when the request is to be served normally.
    pub(crate) fn response(&self) -> Option<Response> {
        Some(match self.fault? {
            InjectedFault::Http503Html => {
                html(StatusCode::SERVICE_UNAVAILABLE, BACKEND_FETCH_FAILED)
            }
            InjectedFault::Http500 => json_bytes(
                StatusCode::INTERNAL_SERVER_ERROR,
                format!(
                    "{{\"message\":\"Internal Error. Details are available in Magento log file. \
                     Report ID: webapi-{:013x}\"}}",
                    self.report_id >> 12
                ),
            ),
            InjectedFault::Http429Seconds => {
                let mut response = StatusCode::TOO_MANY_REQUESTS.into_response();
                response.headers_mut().insert(header::RETRY_AFTER, HeaderValue::from_static("1"));
                response
            }
            InjectedFault::Http429Date => {
                // HTTP-dates have whole seconds: two seconds ahead is one to two seconds away.
                let at = httpdate::fmt_http_date(SystemTime::now() + Duration::from_secs(2));
                let mut response = html(StatusCode::TOO_MANY_REQUESTS, TOO_MANY_REQUESTS);
                if let Ok(value) = HeaderValue::from_str(&at) {
                    response.headers_mut().insert(header::RETRY_AFTER, value);
                }
                response
            }
            InjectedFault::DroppedConnection => dropped_connection(),
        })
    }
}

/// A `200` that promises more body than it sends: headers and a truncated list go out, then
/// the stream ends early and the server closes the connection mid-body, so the client sees an
/// incomplete message.
///
/// The partial body is larger than hyper's write buffer on purpose: hyper must flush it to the
/// socket before it polls the body again and finds it short. A small chunk would still be in
/// the buffer when the connection is dropped, and the client would see no response at all.
fn dropped_connection() -> Response {
    static PARTIAL: OnceLock<Bytes> = OnceLock::new();
    let partial = PARTIAL.get_or_init(|| {
        let item = "{\"id\":0,\"sku\":\"TRUNCATED\",\"name\":\"Truncated by the sandbox\"},";
        let mut body = String::from("{\"items\":[");
        while body.len() < DROPPED_PARTIAL_BYTES {
            body.push_str(item);
        }
        Bytes::from(body)
    });
    let stream = Body::from(partial.clone()).into_data_stream();
    let mut response = Response::new(Body::from_stream(stream));
    let headers = response.headers_mut();
    headers.insert(header::CONTENT_TYPE, HeaderValue::from_static(JSON_CONTENT_TYPE));
    headers.insert(header::CONTENT_LENGTH, HeaderValue::from(2 * DROPPED_PARTIAL_BYTES));
    response
}

fn html(status: StatusCode, page: &'static str) -> Response {
    let mut response = (status, page).into_response();
    response
        .headers_mut()
        .insert(header::CONTENT_TYPE, HeaderValue::from_static("text/html; charset=utf-8"));
    response
}

const BACKEND_FETCH_FAILED: &str = "<!DOCTYPE html>
<html>
  <head>
    <title>503 Backend fetch failed</title>
  </head>
  <body>
    <h1>Error 503 Backend fetch failed</h1>
    <p>Backend fetch failed</p>
    <h3>Guru Meditation:</h3>
    <p>XID: 229771532</p>
    <hr>
    <p>Varnish cache server</p>
  </body>
</html>
";

const TOO_MANY_REQUESTS: &str = "<html>
<head><title>429 Too Many Requests</title></head>
<body>
<center><h1>429 Too Many Requests</h1></center>
</body>
</html>
";

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_seed_draws_the_same_faults() {
        let config = FaultConfig::profile("chaos").unwrap();
        let draws = |seed| {
            let mut state = FaultState::new(seed, config.clone());
            (0..200).map(|_| state.draw(true).fault).collect::<Vec<_>>()
        };
        assert_eq!(draws(1), draws(1));
        assert_ne!(draws(1), draws(2));
    }

    #[test]
    fn an_inverted_latency_range_is_read_either_way_round() {
        let (short, long) = (Duration::from_millis(5), Duration::from_millis(9));
        let config = FaultConfig { latency: Some((long, short)), ..FaultConfig::none() };
        let mut state = FaultState::new(3, config);
        for _ in 0..100 {
            let latency = state.draw(false).latency.unwrap();
            assert!((short..=long).contains(&latency), "{latency:?}");
        }
    }

    #[test]
    fn revocation_happens_once_after_the_configured_count() {
        let config = FaultConfig { revoke_tokens_after: Some(3), ..FaultConfig::none() };
        let mut state = FaultState::new(0, config);
        let revokes: Vec<bool> = (0..6).map(|_| state.draw(false).revoke_tokens).collect();
        assert_eq!(revokes, [false, false, false, true, false, false]);
    }

    #[test]
    fn rates_are_honoured_roughly() {
        let config = FaultConfig { http_503_html: 0.25, ..FaultConfig::none() };
        let mut state = FaultState::new(9, config);
        let hits = (0..4000).filter(|_| state.draw(false).fault.is_some()).count();
        assert!((800..1200).contains(&hits), "{hits}");
    }
}
