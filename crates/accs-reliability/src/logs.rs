//! [`LogCapture`]: every `tracing` event at TRACE, formatted as a user would see it, in memory.

use std::io;
use std::sync::{Arc, Mutex, OnceLock, PoisonError};

use tracing::Subscriber;
use tracing_subscriber::EnvFilter;
use tracing_subscriber::fmt::MakeWriter;

/// An in-memory sink for `tracing`'s formatted output, at TRACE for every target.
///
/// Install [`subscriber`](LogCapture::subscriber) with `tracing::subscriber::set_default` for
/// code running on the current thread, or use [`global`](LogCapture::global) when a
/// multi-threaded runtime runs the code (its worker threads do not see a thread's default).
/// Clones share one buffer.
#[derive(Clone, Default)]
pub struct LogCapture {
    buffer: Arc<Mutex<Vec<u8>>>,
}

/// The writer [`LogCapture`] hands to the formatter for each event.
#[derive(Debug)]
pub struct CaptureWriter {
    buffer: Arc<Mutex<Vec<u8>>>,
}

impl LogCapture {
    /// An empty capture.
    pub fn new() -> Self {
        Self::default()
    }

    /// The capture installed as the process's global subscriber, set up on first use.
    ///
    /// Returns `None` when another global subscriber was installed first, so nothing would
    /// reach this capture.
    pub fn global() -> Option<&'static LogCapture> {
        static GLOBAL: OnceLock<Option<LogCapture>> = OnceLock::new();
        GLOBAL
            .get_or_init(|| {
                let capture = LogCapture::new();
                tracing::subscriber::set_global_default(capture.subscriber()).ok()?;
                Some(capture)
            })
            .as_ref()
    }

    /// A subscriber writing every event and span field at TRACE into this capture, without
    /// colours.
    ///
    /// Only `httpmock` is left out: a mock server's own logs repeat the requests it received,
    /// credentials included, which no client under test can prevent.
    pub fn subscriber(&self) -> impl Subscriber + Send + Sync + 'static {
        tracing_subscriber::fmt()
            .with_env_filter(EnvFilter::new("trace,httpmock=off"))
            .with_ansi(false)
            .with_target(true)
            .with_writer(self.clone())
            .finish()
    }

    /// Everything captured so far.
    pub fn text(&self) -> String {
        let buffer = self.buffer.lock().unwrap_or_else(PoisonError::into_inner);
        String::from_utf8_lossy(&buffer).into_owned()
    }
}

impl std::fmt::Debug for LogCapture {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let bytes = self.buffer.lock().unwrap_or_else(PoisonError::into_inner).len();
        f.debug_struct("LogCapture").field("bytes", &bytes).finish()
    }
}

impl<'a> MakeWriter<'a> for LogCapture {
    type Writer = CaptureWriter;

    fn make_writer(&'a self) -> Self::Writer {
        CaptureWriter { buffer: Arc::clone(&self.buffer) }
    }
}

impl io::Write for CaptureWriter {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.buffer.lock().unwrap_or_else(PoisonError::into_inner).extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn events_and_their_span_fields_are_captured_at_trace() {
        let capture = LogCapture::new();
        tracing::subscriber::with_default(capture.subscriber(), || {
            let span = tracing::info_span!("outer", attempt = 3);
            let _entered = span.enter();
            tracing::trace!(status = 503, "deep detail");
        });
        let text = capture.text();
        assert!(text.contains("deep detail"), "{text}");
        assert!(text.contains("attempt=3"), "{text}");
        assert!(text.contains("status=503"), "{text}");
    }
}
