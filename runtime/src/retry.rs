//! Retrying failed calls: which ones, how often, how long to wait.

use std::collections::hash_map::RandomState;
use std::hash::BuildHasher;
use std::time::Duration;

/// Statuses worth another attempt: too many requests, and the gateway
/// errors of a server that is restarting or overloaded.
pub(crate) const RETRIED_STATUSES: [u16; 4] = [429, 502, 503, 504];

/// When to try a call again. Off unless the client or the call sets one.
///
/// A call is retried on a connection error (refused, reset, dropped before
/// the response is complete) and on 429, 502, 503 and 504, waiting as the
/// server's `Retry-After` says (in seconds or as an HTTP date) or else an exponential backoff
/// with jitter, at most `max_attempts` times in all. Only idempotent methods
/// (GET, HEAD, OPTIONS, PUT, DELETE) are retried unless
/// [`retry_non_idempotent`](Self::retry_non_idempotent) says otherwise: a
/// POST or PATCH that failed after the server acted on it would act twice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RetryPolicy {
    pub(crate) max_attempts: u32,
    pub(crate) initial_backoff: Duration,
    pub(crate) max_backoff: Duration,
    pub(crate) non_idempotent: bool,
}

impl RetryPolicy {
    /// Up to `max_attempts` attempts in all (1 means no retry), starting at
    /// a 100 ms backoff that doubles up to 10 s.
    pub fn new(max_attempts: u32) -> Self {
        RetryPolicy {
            max_attempts: max_attempts.max(1),
            initial_backoff: Duration::from_millis(100),
            max_backoff: Duration::from_secs(10),
            non_idempotent: false,
        }
    }

    /// The wait before the first retry; it doubles after each.
    #[must_use]
    pub fn initial_backoff(mut self, backoff: Duration) -> Self {
        self.initial_backoff = backoff;
        self
    }

    /// The longest wait between attempts, `Retry-After` included.
    #[must_use]
    pub fn max_backoff(mut self, backoff: Duration) -> Self {
        self.max_backoff = backoff;
        self
    }

    /// Retries POST and PATCH too. Only for calls that are safe to repeat.
    #[must_use]
    pub fn retry_non_idempotent(mut self, yes: bool) -> Self {
        self.non_idempotent = yes;
        self
    }

    /// The attempts a call of `method` may make.
    pub(crate) fn attempts_for(&self, method: crate::Method) -> u32 {
        if method.is_idempotent() || self.non_idempotent { self.max_attempts } else { 1 }
    }

    /// The wait before attempt `attempt + 1`: the server's `Retry-After` when
    /// it gave one, else `initial * 2^(attempt - 1)` with up to 50% jitter,
    /// both capped at the maximum.
    pub(crate) fn backoff(&self, attempt: u32, retry_after: Option<Duration>) -> Duration {
        if let Some(wait) = retry_after {
            return wait.min(self.max_backoff);
        }
        let exponential = self.initial_backoff.saturating_mul(2u32.saturating_pow(attempt.saturating_sub(1)));
        let capped = exponential.min(self.max_backoff);
        // Jitter spreads clients that failed together; std's per-process
        // random hasher keys are randomness enough for that.
        let random = RandomState::new().hash_one(attempt);
        let jitter = capped.mul_f64((random % 1000) as f64 / 2000.0);
        capped.saturating_sub(jitter)
    }
}

/// How long the server's `Retry-After` asks to wait, from now: either form
/// of RFC 9110 (10.2.3), delay-seconds (`120`) or an HTTP date (`Wed, 21 Oct
/// 2015 07:28:00 GMT`, and the two obsolete date formats recipients must
/// accept). A date in the past means no wait; a value of neither form is
/// ignored.
pub(crate) fn retry_after(headers: &reqwest::header::HeaderMap) -> Option<Duration> {
    let value = headers.get(reqwest::header::RETRY_AFTER)?.to_str().ok()?;
    parse_retry_after(value, std::time::SystemTime::now())
}

/// [`retry_after`] of one header value, at `now`.
pub(crate) fn parse_retry_after(value: &str, now: std::time::SystemTime) -> Option<Duration> {
    let value = value.trim();
    // delay-seconds is 1*DIGIT: no sign, no fraction.
    if !value.is_empty() && value.bytes().all(|b| b.is_ascii_digit()) {
        // More seconds than a u64 holds is a wait longer than any deadline.
        return Some(Duration::from_secs(value.parse::<u64>().unwrap_or(u64::MAX)));
    }
    let date = httpdate::parse_http_date(value).ok()?;
    Some(date.duration_since(now).unwrap_or(Duration::ZERO))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::Method;

    #[test]
    fn attempts_depend_on_the_method() {
        let policy = RetryPolicy::new(3);
        assert_eq!(policy.attempts_for(Method::Get), 3);
        assert_eq!(policy.attempts_for(Method::Delete), 3);
        assert_eq!(policy.attempts_for(Method::Post), 1);
        assert_eq!(policy.attempts_for(Method::Patch), 1);
        assert_eq!(policy.clone().retry_non_idempotent(true).attempts_for(Method::Post), 3);
        assert_eq!(RetryPolicy::new(0).attempts_for(Method::Get), 1);
    }

    #[test]
    fn backoff_grows_is_jittered_and_capped() {
        let policy =
            RetryPolicy::new(10).initial_backoff(Duration::from_millis(100)).max_backoff(Duration::from_secs(1));
        for attempt in 1..=8 {
            let full = Duration::from_millis(100 * 2u64.pow(attempt - 1)).min(Duration::from_secs(1));
            let wait = policy.backoff(attempt, None);
            assert!(wait <= full && wait >= full / 2, "attempt {attempt}: {wait:?} not within half of {full:?}");
        }
        assert_eq!(policy.backoff(1, Some(Duration::from_secs(2))), Duration::from_secs(1));
        assert_eq!(policy.backoff(1, Some(Duration::from_millis(300))), Duration::from_millis(300));
    }

    #[test]
    fn retry_after_takes_seconds_and_dates() {
        use std::time::{SystemTime, UNIX_EPOCH};
        // Wed, 21 Oct 2015 07:28:00 GMT.
        let date = UNIX_EPOCH + Duration::from_secs(1_445_412_480);
        let cases: [(&str, SystemTime, Option<Duration>); 13] = [
            ("120", date, Some(Duration::from_secs(120))),
            (" 7 ", date, Some(Duration::from_secs(7))),
            ("0", date, Some(Duration::ZERO)),
            ("99999999999999999999999", date, Some(Duration::from_secs(u64::MAX))),
            // IMF-fixdate, RFC 850 and asctime, 90 s after `now`.
            ("Wed, 21 Oct 2015 07:29:30 GMT", date, Some(Duration::from_secs(90))),
            ("Wednesday, 21-Oct-15 07:29:30 GMT", date, Some(Duration::from_secs(90))),
            ("Wed Oct 21 07:29:30 2015", date, Some(Duration::from_secs(90))),
            // A date already past: no wait.
            ("Wed, 21 Oct 2015 07:27:00 GMT", date, Some(Duration::ZERO)),
            ("-1", date, None),
            ("1.5", date, None),
            ("", date, None),
            ("soon", date, None),
            ("Wed, 32 Oct 2015 07:29:30 GMT", date, None),
        ];
        for (value, now, expected) in cases {
            assert_eq!(parse_retry_after(value, now), expected, "{value:?}");
        }
    }

    #[test]
    fn retry_after_reads_the_header() {
        let mut headers = reqwest::header::HeaderMap::new();
        assert_eq!(retry_after(&headers), None);
        headers.insert(reqwest::header::RETRY_AFTER, reqwest::header::HeaderValue::from_static("3"));
        assert_eq!(retry_after(&headers), Some(Duration::from_secs(3)));
        let soon = std::time::SystemTime::now() + Duration::from_secs(3600);
        headers.insert(reqwest::header::RETRY_AFTER, httpdate::fmt_http_date(soon).parse().unwrap());
        let wait = retry_after(&headers).unwrap();
        // The date has whole seconds: up to one less than asked, and the
        // test's own time.
        assert!(wait > Duration::from_secs(3590) && wait <= Duration::from_secs(3600), "{wait:?}");
    }
}
