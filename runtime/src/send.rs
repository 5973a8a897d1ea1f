//! Sending a generated action: the future a request builder returns, built
//! once per success type here rather than once per action.
//!
//! A generated builder fills a [`Request`] in a plain function and hands it
//! to [`send`] or [`send_value`] with the action's [`Decode`]. The `async`
//! block, and with it the state machine the compiler type-checks, borrow-
//! checks, proves `Send` and generates code for, is this module's, so it
//! exists once per success type and error body, not once per action. An
//! `async fn` per action (and an `impl Future` per `send`) had cost about a
//! fifth of compiling a client of a few hundred actions, without making a
//! call any faster.

use serde::de::DeserializeOwned;

use crate::Error;
use crate::client::{Client, Undecoded};
use crate::request::Request;
use crate::response::{CallFuture, Response};

/// How an action turns a response with a success status into its value:
/// [`json`], [`empty`], or a generated function for actions whose success
/// statuses carry different types.
pub type Decode<T, B> = fn(Undecoded<B>) -> Result<Response<T>, Error<B>>;

/// Sends `request` (or fails with its error, once awaited, having sent
/// nothing) and decodes the response with `decode`, keeping its status and
/// headers: what a builder's `send_with_response` returns.
pub fn send<T, B>(
    client: Client,
    request: Result<Request, Error<B>>,
    decode: Decode<T, B>,
) -> CallFuture<Response<T>, B>
where
    T: Send + 'static,
    B: DeserializeOwned + Send + 'static,
{
    Box::pin(async move { decode(client.call_unboxed(request?).await?) })
}

/// [`send`] without the status and headers: what a builder's `send`
/// returns. Its own future rather than a map over [`send`]'s, and the
/// sending inside it is not boxed again, so a call is one allocation.
pub fn send_value<T, B>(client: Client, request: Result<Request, Error<B>>, decode: Decode<T, B>) -> CallFuture<T, B>
where
    T: Send + 'static,
    B: DeserializeOwned + Send + 'static,
{
    Box::pin(async move { decode(client.call_unboxed(request?).await?).map(Response::into_inner) })
}

/// The decoding of an action whose success response is JSON of one type.
///
/// # Errors
///
/// [`Error::Decode`] when the body is not a `T`.
pub fn json<T: DeserializeOwned, B>(response: Undecoded<B>) -> Result<Response<T>, Error<B>> {
    response.decode()
}

/// The decoding of an action whose success response has no body the
/// action documents (it is not read).
///
/// # Errors
///
/// None; the signature is [`Decode`]'s.
pub fn empty<B>(response: Undecoded<B>) -> Result<Response<()>, Error<B>> {
    Ok(response.empty())
}
