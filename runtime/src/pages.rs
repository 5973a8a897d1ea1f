//! Pagination: a list action as a stream of pages, or of items.
//!
//! Generated list builders (actions whose spec has a `pagination` block)
//! call [`pages`] with a function that fetches one page and one that reads
//! a page's items and total. The stream stops at the first of: an empty
//! page, a short page (fewer items than the page size), the total reached,
//! or an error; and it ends with [`Error::PageLimit`] rather than loop
//! forever against a server that never stops returning full pages.

use std::future::Future;
use std::pin::Pin;

use futures_util::Stream;
use futures_util::stream::{self, StreamExt};

use crate::Error;

/// A stream of pages (or of their items) of a list action: what a list
/// builder's `pages` and `items` return. Boxed, so that it can be named and
/// is `Unpin` (`.next().await` needs no pinning), and `Send`, so that it can
/// be moved to another task.
pub type PageStream<T, B = serde_json::Value> = Pin<Box<dyn Stream<Item = Result<T, Error<B>>> + Send>>;

/// Pages a stream fetches at most, unless the builder says otherwise.
pub const DEFAULT_PAGE_LIMIT: u32 = 10_000;

#[doc(hidden)]
/// What the paginator needs to know about one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageInfo {
    /// Items on this page.
    pub items: usize,
    /// Items in all, when the server says.
    pub total: Option<u64>,
}

#[doc(hidden)]
/// Where a stream of pages starts and how far it may go.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PageWalk {
    /// The action's id, for errors.
    pub action: &'static str,
    /// The first page to fetch.
    pub first_page: usize,
    /// The page size asked for, when known (a shorter page is the last).
    pub per_page: Option<usize>,
    /// Pages fetched at most before the stream ends with an error.
    pub limit: u32,
}

struct State<F> {
    fetch: F,
    /// The page to fetch next; `None` once the last page number the API
    /// takes (an `i64`) was fetched.
    next_page: Option<usize>,
    fetched_pages: u32,
    fetched_items: u64,
    done: bool,
}

#[doc(hidden)]
/// Pages from `walk.first_page` on, fetched with `fetch(page)`; `info`
/// reads a page's item count and total.
///
/// The stream is boxed, so it is `Unpin`: callers can `.next().await` on it
/// without pinning it first.
pub fn pages<P, B, F, Fut>(walk: PageWalk, fetch: F, info: fn(&P) -> PageInfo) -> PageStream<P, B>
where
    P: Send + 'static,
    B: Send + 'static,
    F: FnMut(usize) -> Fut + Send + 'static,
    Fut: Future<Output = Result<P, Error<B>>> + Send + 'static,
{
    // Pages before the first one hold `first_page * per_page` items, which
    // count towards the total.
    let skipped = (walk.first_page as u64).saturating_mul(walk.per_page.unwrap_or(0) as u64);
    let state =
        State { fetch, next_page: Some(walk.first_page), fetched_pages: 0, fetched_items: skipped, done: false };
    Box::pin(stream::unfold(state, move |mut state| async move {
        // Past `i64::MAX` there is no page the API takes: the stream ends,
        // as at the last page.
        let page = match state.next_page {
            Some(page) if !state.done => page,
            _ => return None,
        };
        if state.fetched_pages >= walk.limit {
            state.done = true;
            return Some((Err(Error::PageLimit { action: walk.action, limit: walk.limit }), state));
        }
        let result = (state.fetch)(page).await;
        state.fetched_pages += 1;
        state.next_page = page.checked_add(1).filter(|next| i64::try_from(*next).is_ok());
        match &result {
            Ok(page) => {
                let PageInfo { items, total } = info(page);
                state.fetched_items = state.fetched_items.saturating_add(items as u64);
                let short = walk.per_page.is_some_and(|size| items < size);
                let complete = total.is_some_and(|total| state.fetched_items >= total);
                if items == 0 || short || complete {
                    state.done = true;
                }
                if items == 0 {
                    // An empty page ends the stream without being yielded,
                    // unless it is the only page.
                    if state.fetched_pages > 1 {
                        return None;
                    }
                }
            }
            Err(_) => state.done = true,
        }
        Some((result, state))
    }))
}

#[doc(hidden)]
/// The items of a stream of pages, one by one; `items` takes a page apart.
pub fn items<P, T, B>(pages: PageStream<P, B>, items: fn(P) -> Vec<T>) -> PageStream<T, B>
where
    P: 'static,
    T: Send + 'static,
    B: Send + 'static,
{
    Box::pin(pages.flat_map(move |page| {
        let batch: Vec<Result<T, Error<B>>> = match page {
            Ok(page) => items(page).into_iter().map(Ok).collect(),
            Err(e) => vec![Err(e)],
        };
        stream::iter(batch)
    }))
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;

    /// A fake server: `sizes[i]` items on page `i`, `total` items in all.
    async fn walk(
        sizes: &[usize],
        total: Option<u64>,
        per_page: Option<usize>,
        limit: u32,
    ) -> (Vec<usize>, Option<String>) {
        let sizes = sizes.to_vec();
        walk_from(0, sizes, total, per_page, limit).await
    }

    /// As [`walk`], from page `first_page`; `sizes[0]` is that page's.
    async fn walk_from(
        first_page: usize,
        sizes: Vec<usize>,
        total: Option<u64>,
        per_page: Option<usize>,
        limit: u32,
    ) -> (Vec<usize>, Option<String>) {
        let walk = PageWalk { action: "things.get", first_page, per_page, limit };
        let fetch = move |page: usize| {
            let size = sizes.get(page - first_page).copied().unwrap_or(0);
            async move { Ok::<_, Error>((size, total)) }
        };
        let stream = pages(walk, fetch, |&(items, total): &(usize, Option<u64>)| PageInfo { items, total });
        let results: Vec<_> = stream.collect().await;
        let mut seen = Vec::new();
        let mut error = None;
        for r in results {
            match r {
                Ok((size, _)) => seen.push(size),
                Err(e) => error = Some(e.to_string()),
            }
        }
        (seen, error)
    }

    fn block_on<F: Future>(future: F) -> F::Output {
        tokio::runtime::Builder::new_current_thread().build().unwrap().block_on(future)
    }

    #[test]
    fn stops_at_the_total() {
        assert_eq!(block_on(walk(&[2, 2, 1, 9], Some(5), None, 100)), (vec![2, 2, 1], None));
    }

    #[test]
    fn stops_at_a_short_page() {
        assert_eq!(block_on(walk(&[3, 3, 2, 3], None, Some(3), 100)), (vec![3, 3, 2], None));
    }

    #[test]
    fn stops_at_an_empty_page() {
        assert_eq!(block_on(walk(&[3, 3, 0, 3], None, None, 100)), (vec![3, 3], None));
        assert_eq!(block_on(walk(&[0], Some(0), None, 100)), (vec![0], None));
    }

    #[test]
    fn the_last_page_number_ends_the_stream_without_overflow() {
        // Full pages forever: the stream stops after page `i64::MAX`, as the
        // API takes no later one.
        let last = i64::MAX as usize;
        assert_eq!(block_on(walk_from(last, vec![5; 10], None, Some(5), 100)), (vec![5], None));
        assert_eq!(block_on(walk_from(last - 1, vec![5; 10], None, Some(5), 100)), (vec![5, 5], None));
    }

    #[test]
    fn a_server_that_never_ends_hits_the_limit() {
        let (seen, error) = block_on(walk(&[5; 50], None, None, 4));
        assert_eq!(seen, vec![5, 5, 5, 5]);
        assert_eq!(
            error.as_deref(),
            Some("things.get: stopped after 4 pages, the limit; the server kept returning full pages")
        );
    }
}
