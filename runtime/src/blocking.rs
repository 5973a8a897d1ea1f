//! Calls without async, for programs that are not async (the `blocking`
//! feature): generated builders' `send_blocking` and `pages_blocking` run
//! their async counterparts on a runtime of the client's own.
//!
//! The runtime is one background worker thread, started on first use and
//! shared by every client, so connections stay pooled across calls, as with
//! `reqwest::blocking`. The call runs there; the calling thread only waits
//! for its result. So a blocking call never needs the caller's runtime, and
//! it is allowed wherever waiting is safe:
//!
//! - on a thread without a tokio runtime;
//! - inside `tokio::task::spawn_blocking`, the standard bridge from async
//!   code;
//! - on a multi-thread runtime's own threads, through
//!   `tokio::task::block_in_place`, which hands the thread's other work to
//!   another worker while it waits.
//!
//! It fails with [`Error::BlockingInAsync`] in the one place where waiting
//! would stall a runtime that nothing else drives: the `block_on` future of
//! a current-thread runtime (the body of `#[tokio::main(flavor =
//! "current_thread")]` or of `#[tokio::test]`). Tokio does not say whether
//! a current-thread runtime's *task* is an async task or a `spawn_blocking`
//! one without panicking, so there the call is allowed: inside
//! `spawn_blocking` that is right, inside an async task it stalls that
//! runtime until the call ends (it cannot deadlock, as the call runs on the
//! background runtime).

use std::future::Future;
use std::panic::AssertUnwindSafe;
use std::sync::OnceLock;

use futures_util::{FutureExt, Stream, StreamExt};
use tokio::runtime::{Handle, RuntimeFlavor};

use crate::Error;

fn runtime() -> Result<&'static tokio::runtime::Runtime, String> {
    static RUNTIME: OnceLock<Result<tokio::runtime::Runtime, String>> = OnceLock::new();
    RUNTIME
        .get_or_init(|| {
            tokio::runtime::Builder::new_multi_thread()
                .worker_threads(1)
                .thread_name("restspec-runtime-blocking")
                .enable_all()
                .build()
                .map_err(|e| e.to_string())
        })
        .as_ref()
        .map_err(Clone::clone)
}

/// How the calling thread may wait.
enum Wait {
    /// Plainly: no runtime is driven by this thread.
    Plain,
    /// Through `block_in_place`: a multi-thread runtime's thread.
    InPlace,
}

fn wait_mode<B>(action: &'static str) -> Result<Wait, Error<B>> {
    let Ok(handle) = Handle::try_current() else { return Ok(Wait::Plain) };
    match handle.runtime_flavor() {
        RuntimeFlavor::MultiThread => Ok(Wait::InPlace),
        // Outside any task, on a current-thread runtime: its `block_on`
        // future, which nothing else would drive while this thread waits.
        _ if tokio::task::try_id().is_none() => Err(Error::BlockingInAsync { action }),
        _ => Ok(Wait::Plain),
    }
}

/// Runs `call` on the background runtime and waits for its result; a panic
/// in the call is resumed on the calling thread.
fn run<T: Send + 'static>(
    runtime: &tokio::runtime::Runtime,
    wait: &Wait,
    call: impl Future<Output = T> + Send + 'static,
) -> T {
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    runtime.spawn(async move {
        let _ = sender.send(AssertUnwindSafe(call).catch_unwind().await);
    });
    let received = match wait {
        Wait::Plain => receiver.recv(),
        Wait::InPlace => tokio::task::block_in_place(|| receiver.recv()),
    };
    match received {
        Ok(Ok(value)) => value,
        Ok(Err(panic)) => std::panic::resume_unwind(panic),
        // The task was dropped unfinished: only when the runtime shuts down,
        // which the background runtime never does.
        Err(_) => panic!("the runtime for blocking calls stopped during a call"),
    }
}

#[doc(hidden)]
/// Runs a call to completion on the blocking runtime.
///
/// # Errors
///
/// The call's own error; [`Error::BlockingInAsync`] where waiting would
/// stall an async runtime (see the module docs); [`Error::BlockingRuntime`]
/// when the background runtime cannot start. In both, nothing was sent.
pub fn block_on<T, B>(
    action: &'static str,
    call: impl Future<Output = Result<T, Error<B>>> + Send + 'static,
) -> Result<T, Error<B>>
where
    T: Send + 'static,
    B: Send + 'static,
{
    let wait = wait_mode(action)?;
    let runtime = runtime().map_err(|reason| Error::BlockingRuntime { action, reason })?;
    run(runtime, &wait, call)
}

#[doc(hidden)]
/// A stream of pages or items as an iterator, each item fetched on the
/// blocking runtime, under the same rules as [`block_on`].
pub fn iter<T, B>(
    action: &'static str,
    stream: impl Stream<Item = Result<T, Error<B>>> + Send + Unpin + 'static,
) -> impl Iterator<Item = Result<T, Error<B>>>
where
    T: Send + 'static,
    B: Send + 'static,
{
    // The stream goes to the background runtime for each item and comes
    // back with it, so that nothing is fetched before it is asked for.
    let mut stream = Some(stream);
    std::iter::from_fn(move || {
        let mut current = stream.take()?;
        let wait = match wait_mode(action) {
            Ok(wait) => wait,
            Err(error) => return Some(Err(error)),
        };
        let runtime = match runtime() {
            Ok(runtime) => runtime,
            Err(reason) => return Some(Err(Error::BlockingRuntime { action, reason })),
        };
        let (item, current) = run(runtime, &wait, async move { (current.next().await, current) });
        // A finished stream is not polled again.
        if item.is_some() {
            stream = Some(current);
        }
        item
    })
}
