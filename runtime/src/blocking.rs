//! Calls without async, for programs that are not async (the `blocking`
//! feature): generated builders' `send_blocking` and `pages_blocking` run
//! their async counterparts on a runtime of the client's own.
//!
//! The runtime is one background worker thread, started on first use and
//! shared by every client, so connections stay pooled across calls, as with
//! `reqwest::blocking`. Calling from inside an async runtime would block one
//! of its threads; it fails instead, naming the async method to use.

use std::future::Future;
use std::sync::OnceLock;

use futures_util::{Stream, StreamExt};

use crate::Error;

fn runtime() -> Result<&'static tokio::runtime::Runtime, String> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("generator-runtime-blocking")
                .enable_all()
                .build()
                .map_err(|e| format!("cannot start the runtime for blocking calls: {e}"))
        })
        .as_ref()
        .map_err(Clone::clone)
}

fn check_context(action: &str) -> Result<(), String> {
    if tokio::runtime::Handle::try_current().is_ok() {
        return Err(format!(
            "{action}: a blocking call inside an async runtime would block it; use `send().await` instead"
        ));
    }
    Ok(())
}

/// Runs a call to completion on the blocking runtime.
///
/// # Errors
///
/// The call's own error, or [`Error::Config`] when called inside an async
/// runtime or when the runtime cannot start.
pub fn block_on<T, B>(action: &str, call: impl Future<Output = Result<T, Error<B>>>) -> Result<T, Error<B>> {
    check_context(action).map_err(|reason| Error::Config { reason })?;
    runtime().map_err(|reason| Error::Config { reason })?.block_on(call)
}

/// A stream of pages or items as an iterator, each item fetched on the
/// blocking runtime.
pub fn iter<T, B>(
    action: &'static str,
    stream: impl Stream<Item = Result<T, Error<B>>> + Send + 'static,
) -> impl Iterator<Item = Result<T, Error<B>>> {
    let mut stream = Box::pin(stream);
    let mut failed = false;
    std::iter::from_fn(move || {
        if failed {
            return None;
        }
        let next = check_context(action).and_then(|()| runtime()).map(|runtime| runtime.block_on(stream.next()));
        match next {
            Ok(item) => item,
            Err(reason) => {
                failed = true;
                Some(Err(Error::Config { reason }))
            }
        }
    })
}
