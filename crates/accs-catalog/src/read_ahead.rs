//! Reading ahead: a future run on a task of its own, so it goes on while its caller is busy.

use std::future::Future;
use std::pin::Pin;
use std::task::{Context, Poll};

use futures::future::Either;
use tokio::task::JoinHandle;

use crate::CatalogError;

/// Runs `future` on a Tokio task when there is a runtime, else where it is awaited.
///
/// A catalog stream yields one id range's products while the next ranges are fetched. Awaited
/// in place, those ranges would only move when the stream is polled for more than the current
/// range holds, so their answers would wait unread and unparsed; on a task they are read and
/// parsed at once, on any worker thread. Dropping the returned future aborts the task.
pub(crate) fn read_ahead<T, F>(future: F) -> impl Future<Output = Result<T, CatalogError>> + Send
where
    T: Send + 'static,
    F: Future<Output = Result<T, CatalogError>> + Send + 'static,
{
    match tokio::runtime::Handle::try_current() {
        Ok(runtime) => Either::Left(AbortOnDrop(runtime.spawn(future))),
        Err(_) => Either::Right(future),
    }
}

/// A task handle that aborts its task when dropped, and reads a failed task as an error.
struct AbortOnDrop<T>(JoinHandle<Result<T, CatalogError>>);

impl<T> Future for AbortOnDrop<T> {
    type Output = Result<T, CatalogError>;

    fn poll(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<Self::Output> {
        Pin::new(&mut self.0).poll(cx).map(|joined| {
            joined.unwrap_or_else(|err| {
                Err(CatalogError::unexpected(format!("a read-ahead task ended early: {err}")))
            })
        })
    }
}

impl<T> Drop for AbortOnDrop<T> {
    fn drop(&mut self) {
        self.0.abort();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_a_runtime_the_future_runs_where_it_is_awaited() {
        let mut future = std::pin::pin!(read_ahead(async { Ok::<_, CatalogError>(7) }));
        let mut context = Context::from_waker(std::task::Waker::noop());
        match future.as_mut().poll(&mut context) {
            Poll::Ready(answer) => assert_eq!(answer.unwrap(), 7),
            Poll::Pending => panic!("a ready future, polled in place, is ready"),
        }
    }

    #[tokio::test]
    async fn on_a_runtime_it_runs_on_its_own_and_stops_when_dropped() {
        let (started_tx, started_rx) = tokio::sync::oneshot::channel::<()>();
        let (_never_tx, never_rx) = tokio::sync::oneshot::channel::<()>();
        let (dropped_tx, dropped_rx) = tokio::sync::oneshot::channel::<()>();
        let pending = read_ahead(async move {
            // Reports its own end: aborting the task drops this guard.
            let _guard = Guard(Some(dropped_tx));
            let _ = started_tx.send(());
            let _ = never_rx.await;
            Ok::<_, CatalogError>(())
        });
        // Never polled, yet started: it runs on a task of its own.
        started_rx.await.unwrap();
        drop(pending);
        let ended = tokio::time::timeout(std::time::Duration::from_secs(10), dropped_rx).await;
        assert!(matches!(ended, Ok(Err(_))), "the task was aborted, dropping its guard");
    }

    struct Guard(Option<tokio::sync::oneshot::Sender<()>>);

    impl Drop for Guard {
        fn drop(&mut self) {
            // Dropping the sender unsent is the signal.
            self.0.take();
        }
    }
}
